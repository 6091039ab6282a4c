import { describe, expect, it } from 'vitest';
import { defineCheck, defineIndexCheck } from '../../src/checks/lib/define-check.ts';
import type { AnyCheck, Verdict } from '../../src/checks/types.ts';
import { present } from '../../src/snapshot/observed.ts';
import type { BucketState } from '../../src/snapshot/types.ts';
import { assertCase, assertSuite, testBucket } from './check-tester.ts';

function fakeCheck(evaluate: (bucket: BucketState) => Verdict<'ok' | 'bad'> | undefined): AnyCheck {
  return defineCheck({
    id: 'bucket-versioning',
    title: 'Fake',
    severity: 'low',
    resource: 'bucket',
    needs: ['versioning'],
    enabledByDefault: true,
    rationale: 'r',
    remediation: { text: 't' },
    references: { url: [] },
    messages: { ok: 'OK {{name}}.', bad: 'Bad.' },
    evaluate,
  });
}

const bucket = { versioning: present({ status: 'Enabled' as const }) };
const okCase = { name: 'ok', bucket, expect: { messageId: 'ok', message: 'OK b.' } };

describe('CheckTester catches broken checks and broken suites', () => {
  it.each([
    [
      'a check that modifies its input (it is frozen, so the check fails and reports unknown)',
      fakeCheck((b) => {
        Object.assign(b, { name: 'changed' });
        return { status: 'pass', messageId: 'ok', data: { name: 'b' } };
      }),
    ],
    ['a check that leaves a placeholder unfilled', fakeCheck(() => ({ status: 'pass', messageId: 'ok' }))],
    ['a check that returns an undeclared message id', fakeCheck(() => ({ status: 'pass', messageId: 'nope' as 'ok', data: { name: 'b' } }))],
    ['a check whose verdict differs from the expected status', fakeCheck(() => ({ status: 'fail', messageId: 'ok', data: { name: 'b' } }))],
    ['a check that is not deterministic', fakeCheck(() => ({ status: 'pass', messageId: 'ok', data: { name: String(Math.random()) } }))],
    ['a check that emits nothing where a finding is expected', fakeCheck(() => undefined)],
  ])('rejects %s', (_name, check) => {
    expect(() => {
      assertCase(check, okCase, 'pass');
    }).toThrow();
  });

  it('accepts a correct case', () => {
    const check = fakeCheck(() => ({ status: 'pass', messageId: 'ok', data: { name: 'b' } }));
    expect(() => {
      assertCase(check, okCase, 'pass');
    }).not.toThrow();
  });

  it.each([
    ['no unknown cases', { pass: [okCase], fail: [{ ...okCase, name: 'f', expect: { messageId: 'bad', message: 'Bad.' } }], unknown: [] }],
    ['duplicate case names', { pass: [okCase], fail: [{ ...okCase, expect: { messageId: 'bad', message: 'Bad.' } }], unknown: [{ ...okCase, name: 'u' }] }],
    ['a declared message no case produces', { pass: [okCase], fail: [{ ...okCase, name: 'f' }], unknown: [{ ...okCase, name: 'u' }] }],
  ])('rejects a suite with %s', (_name, cases) => {
    const check = fakeCheck(() => undefined);
    expect(() => {
      assertSuite(check, cases);
    }).toThrow();
  });

  it('rejects other buckets given to a check that does not read the bucket index', () => {
    const check = fakeCheck(() => ({ status: 'pass', messageId: 'ok', data: { name: 'b' } }));
    expect(() => {
      assertCase(check, { ...okCase, otherBuckets: [testBucket({ name: 'other' })] }, 'pass');
    }).toThrow(/otherBuckets and unscannedBuckets are for checks that read the bucket index/);
  });

  it('rejects an index check whose verdict depends on the order buckets were indexed in', () => {
    const check = defineIndexCheck({
      scope: 'bucket-index',
      id: 'bucket-logging-loop',
      title: 'Fake',
      severity: 'low',
      resource: 'bucket',
      needs: [],
      enabledByDefault: true,
      rationale: 'r',
      remediation: { text: 't' },
      references: { url: [] },
      messages: { ok: 'OK {{name}}.' },
      evaluate: (_bucket, context) => ({ status: 'pass', messageId: 'ok', data: { name: context.buckets.entry(0).name } }),
    });
    const testCase = { name: 'first', otherBuckets: [testBucket({ name: 'other' })], expect: { messageId: 'ok', message: 'OK example-bucket.' } };
    expect(() => {
      assertCase(check, testCase, 'pass');
    }).toThrow(/whatever order buckets were indexed in/);
  });
});
