import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.ts';
import { FindingsBuilder, findingsOf } from '../../src/report/findings.ts';
import { bucket, finding, FIXTURE_FINDINGS } from './fixture-report.ts';

const A = bucket('a-bucket', 'us-east-1');
const B = bucket('b-bucket', 'eu-west-1');
// Keys in the order the engine writes them: evidence before the fingerprint.
const { fingerprint, ...failing } = finding(A, 'bucket-versioning', 'medium', 'fail');
const withEvidence: Finding = { ...failing, evidence: { status: 'Suspended', mfaDelete: null }, fingerprint };
const suppressed = { ...finding(B, 'bucket-tls-only', 'high', 'fail'), suppression: { reason: 'accepted', expires: '2999-01-01' } };
const known = { ...finding(B, 'bucket-versioning', 'medium', 'fail'), baseline: 'known' as const };
const handWritten = { ...finding(A, 'bucket-acl-public', 'critical', 'pass'), fingerprint: 'fp-1' };

describe('Findings: the findings of a report, stored in columns and made again when read', () => {
  it.each<[string, readonly Finding[]]>([
    ['none', []],
    ['the fixture report', FIXTURE_FINDINGS],
    ['with evidence', [withEvidence]],
    ['suppressed', [suppressed]],
    ['marked by a baseline', [known]],
    ['a fingerprint that is not 32 hex digits (a report written by hand)', [handWritten]],
    ['all of them, mixed', [known, handWritten, withEvidence, suppressed, ...FIXTURE_FINDINGS]],
  ])('reads back as the findings given, field for field and key for key, in their order (%s)', (_, given) => {
    const findings = findingsOf(given);
    expect(findings.length).toBe(given.length);
    expect([...findings]).toStrictEqual(given);
    expect(given.map((_, index) => findings.at(index))).toStrictEqual(given);
    expect(JSON.stringify(findings)).toBe(JSON.stringify(given));
  });

  it('shares one resource ref per resource and one evidence object per distinct evidence', () => {
    const builder = new FindingsBuilder();
    builder.add(withEvidence);
    builder.add({ ...withEvidence, checkId: 'bucket-mfa-delete', resource: { ...A }, evidence: { status: 'Suspended', mfaDelete: null } });
    builder.add({ ...withEvidence, evidence: { status: 'Enabled', mfaDelete: null } });
    const [first, second, third] = builder.build();
    expect(second?.resource).toBe(first?.resource);
    expect(second?.evidence).toBe(first?.evidence);
    expect(third?.evidence).not.toBe(first?.evidence);
    expect(third?.evidence).toEqual({ status: 'Enabled', mfaDelete: null });
  });

  it('makes each finding afresh: changing one read does not change the store', () => {
    const findings = findingsOf([withEvidence]);
    const read = findings.at(0) as { message: string };
    read.message = 'changed';
    expect(findings.at(0).message).toBe(withEvidence.message);
  });

  it.each([-1, 1, 0.5])('refuses an index outside the findings (%s)', (index) => {
    expect(() => findingsOf([withEvidence]).at(index)).toThrow(RangeError);
  });

  it('takes marks only through withMarks, so a builder never holds half-marked findings', () => {
    expect(() => {
      new FindingsBuilder().add(suppressed);
    }).toThrow('marks are set with Findings.withMarks');
  });

  it('filters, finds, maps and tests like an array, handing out Finding objects', () => {
    const findings = findingsOf(FIXTURE_FINDINGS);
    const isPass = (f: Finding): boolean => f.status === 'pass';
    expect(findings.filter(isPass)).toEqual(FIXTURE_FINDINGS.filter(isPass));
    expect(findings.find(isPass)).toEqual(FIXTURE_FINDINGS.find(isPass));
    expect(findings.find((f) => f.checkId === 'no-such-check')).toBeUndefined();
    expect(findings.map((f, index) => `${String(index)} ${f.checkId}`)).toEqual(FIXTURE_FINDINGS.map((f, index) => `${String(index)} ${f.checkId}`));
    expect([findings.some(isPass), findings.some((f) => f.checkId === 'no-such-check')]).toEqual([true, false]);
  });

  it('equals other findings only with the same findings in the same order', () => {
    expect(findingsOf([withEvidence, known])).toStrictEqual(findingsOf([withEvidence, known]));
    expect(findingsOf([withEvidence, known])).not.toStrictEqual(findingsOf([known, withEvidence]));
    expect(findingsOf([withEvidence])).not.toStrictEqual(findingsOf([{ ...withEvidence, message: 'other' }]));
  });
});

describe('Findings.inReportOrder', () => {
  const upper = bucket('B', 'us-east-1');
  const lower = bucket('a', 'us-east-1');

  it('orders by resource ARN, then check id, in code-unit order; equal ones keep their order', () => {
    const first = finding(B, 'same-check', 'low', 'fail', 'first');
    const second = finding(B, 'same-check', 'low', 'fail', 'second');
    const given = [finding(lower, 'x', 'low', 'pass'), finding(B, 'z-check', 'low', 'pass'), first, finding(upper, 'x', 'low', 'pass'), finding(A, 'y-check', 'low', 'pass'), second];
    const ordered = findingsOf(given).inReportOrder();
    expect(ordered.map((f) => `${f.resource.name} ${f.checkId} ${f.message}`)).toEqual([
      'B x x is pass on B.',
      'a x x is pass on a.',
      'a-bucket y-check y-check is pass on a-bucket.',
      'b-bucket same-check first',
      'b-bucket same-check second',
      'b-bucket z-check z-check is pass on b-bucket.',
    ]);
  });

  it('leaves the findings it was made from as they were', () => {
    const given = [finding(B, 'x', 'low', 'pass'), finding(A, 'x', 'low', 'pass')];
    const findings = findingsOf(given);
    findings.inReportOrder();
    expect([...findings]).toEqual(given);
  });

  it('orders an ordered view again, and marks made on it stay with their findings', () => {
    const given = [finding(B, 'y', 'low', 'fail'), finding(A, 'y', 'low', 'fail'), finding(B, 'x', 'low', 'fail')];
    const marked = findingsOf(given)
      .inReportOrder()
      .withMarks((f) => (f.resource === A ? { baseline: 'known' } : undefined))
      .inReportOrder();
    expect(marked.map((f) => `${f.resource.name} ${f.checkId} ${f.baseline ?? '-'}`)).toEqual(['a-bucket y known', 'b-bucket x -', 'b-bucket y -']);
  });
});

describe('Findings.withMarks', () => {
  it('sets the marks it is given and leaves the other findings and the original alone', () => {
    const failing = finding(A, 'bucket-versioning', 'medium', 'fail');
    const passing = finding(B, 'bucket-versioning', 'medium', 'pass');
    const original = findingsOf([failing, passing]);
    const marked = original.withMarks((f) => (f.status === 'fail' ? { suppression: { reason: 'accepted' } } : undefined));
    expect([...marked]).toStrictEqual([{ ...failing, suppression: { reason: 'accepted' } }, passing]);
    expect([...original]).toStrictEqual([failing, passing]);
  });

  it('keeps marks set before and adds new ones after them, in the order a report lists them', () => {
    const marked = findingsOf([suppressed, finding(A, 'bucket-versioning', 'medium', 'fail')]).withMarks((f) =>
      f.suppression === undefined ? { baseline: 'new' } : undefined,
    );
    expect([...marked]).toStrictEqual([suppressed, { ...finding(A, 'bucket-versioning', 'medium', 'fail'), baseline: 'new' }]);
    expect(Object.keys(marked.at(1))).toEqual(['checkId', 'status', 'severity', 'resource', 'messageId', 'message', 'fingerprint', 'baseline']);
  });
});
