import { describe, expect, it } from 'vitest';
import { createBaseline, markBaseline, parseBaseline, serializeBaseline } from '../../src/baseline/baseline.ts';
import { UserError } from '../../src/errors.ts';
import { findingsOf } from '../../src/report/findings.ts';
import { ACCOUNT, bucket, finding } from '../report/fixture-report.ts';

const TOOL = { name: 's3-audit', version: '0.1.0' };
const A = bucket('a-bucket', 'us-east-1');
const B = bucket('b-bucket', 'us-east-1');
const failingA = finding(A, 'bucket-versioning', 'medium', 'fail');
const failingB = finding(B, 'bucket-versioning', 'low', 'fail');
const passing = finding(A, 'bucket-mfa-delete', 'medium', 'pass');
const unknown = finding(B, 'bucket-mfa-delete', 'medium', 'unknown');
const suppressed = { ...finding(B, 'bucket-default-encryption', 'high', 'fail'), suppression: { reason: 'accepted' } };

describe('createBaseline', () => {
  it('records every failing, unsuppressed finding whatever its severity, readable by a person, in a stable order', () => {
    const baseline = createBaseline({ tool: TOOL, createdAt: '2026-11-27T08:00:00.000Z', account: ACCOUNT, findings: findingsOf([failingB, passing, unknown, suppressed, failingA]) });
    expect(baseline).toEqual({
      kind: 's3-audit-baseline',
      schemaVersion: 1,
      tool: TOOL,
      createdAt: '2026-11-27T08:00:00.000Z',
      account: ACCOUNT,
      entries: [
        { fingerprint: failingA.fingerprint, checkId: 'bucket-versioning', resource: 'arn:aws:s3:::a-bucket' },
        { fingerprint: failingB.fingerprint, checkId: 'bucket-versioning', resource: 'arn:aws:s3:::b-bucket' },
      ],
    });
  });

  it('round-trips through its file format', () => {
    const baseline = createBaseline({ tool: TOOL, createdAt: '2026-11-27T08:00:00.000Z', account: ACCOUNT, findings: findingsOf([failingA]) });
    expect(parseBaseline(serializeBaseline(baseline), 'b.json')).toEqual(baseline);
  });
});

describe('markBaseline', () => {
  it('marks failing findings new or known by fingerprint and leaves pass, unknown and suppressed findings unmarked', () => {
    const baseline = createBaseline({ tool: TOOL, createdAt: '2026-11-27T08:00:00.000Z', account: ACCOUNT, findings: findingsOf([failingA]) });
    expect([...markBaseline(findingsOf([failingA, failingB, passing, unknown, suppressed]), baseline)]).toEqual([
      { ...failingA, baseline: 'known' },
      { ...failingB, baseline: 'new' },
      passing,
      unknown,
      suppressed,
    ]);
  });
});

describe('parseBaseline rejects what is not a baseline, naming the file and the problem', () => {
  const valid = serializeBaseline(createBaseline({ tool: TOOL, createdAt: '2026-11-27T08:00:00.000Z', account: ACCOUNT, findings: findingsOf([failingA]) }));
  it.each([
    ['text that is not JSON', '{"kind": ', /^b\.json: not valid JSON \(/],
    ['a JSON report instead of a baseline', '{"schemaVersion":1,"findings":[]}', /^b\.json: not an s3-audit baseline \(write one with --write-baseline\)$/],
    ['a newer schema version', valid.replace('"schemaVersion": 1', '"schemaVersion": 2'), /^b\.json: baseline schema version 2 was written by a newer s3-audit; upgrade s3-audit$/],
    ['an entry without a fingerprint', valid.replace(/"fingerprint": "[0-9a-f]+",/, ''), /^b\.json: invalid baseline: entries\[0\]\.fingerprint: /],
    ['a fingerprint that is not one', valid.replace(/"fingerprint": "[0-9a-f]+"/, '"fingerprint": "abc"'), /^b\.json: invalid baseline: entries\[0\]\.fingerprint: expected the 32 hex digits of a finding fingerprint$/],
    ['entries that are not a list', valid.replace(/"entries": \[[\s\S]*\]/, '"entries": {}'), /^b\.json: invalid baseline: entries: /],
  ])('%s', (_name, text, message) => {
    expect(() => parseBaseline(text, 'b.json')).toThrow(UserError);
    expect(() => parseBaseline(text, 'b.json')).toThrow(message);
  });
});
