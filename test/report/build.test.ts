import { describe, expect, it } from 'vitest';
import type { Status } from '../../src/checks/types.ts';
import { buildReport } from '../../src/report/build.ts';
import { bucket, finding, FIXTURE_INPUT, FIXTURE_REPORT, reportOf } from './fixture-report.ts';

const A = bucket('a-bucket', 'us-east-1');
const B = bucket('b-bucket', 'eu-west-1');

describe('buildReport', () => {
  it('summary counts statuses, severities, distinct resources and checks', () => {
    expect(FIXTURE_REPORT.summary).toEqual({
      resources: 6,
      checks: 16,
      byStatus: { fail: 11, unknown: 2, pass: 7 },
      bySeverity: {
        critical: { fail: 1, unknown: 1, pass: 3 },
        high: { fail: 3, unknown: 0, pass: 1 },
        medium: { fail: 3, unknown: 0, pass: 3 },
        low: { fail: 3, unknown: 1, pass: 0 },
        info: { fail: 1, unknown: 0, pass: 0 },
      },
      suppressed: 0,
    });
  });

  it.each<[string, Status[], boolean]>([
    ['all pass', ['pass', 'pass'], true],
    ['a failure is still complete', ['pass', 'fail'], true],
    ['one unknown makes it incomplete', ['pass', 'fail', 'unknown'], false],
    ['only unknown', ['unknown'], false],
    ['no findings', [], true],
  ])('complete: %s', (_, statuses, complete) => {
    const report = reportOf(statuses.map((status, i) => finding(A, `check-${i}`, 'low', status)));
    expect(report.complete).toBe(complete);
  });

  it('sorts by resource ARN, then check id, keeping input order for ties', () => {
    const first = finding(B, 'same-check', 'low', 'fail', 'first');
    const second = finding(B, 'same-check', 'low', 'fail', 'second');
    const report = reportOf([finding(B, 'z-check', 'low', 'pass'), first, finding(A, 'y-check', 'low', 'pass'), second]);
    expect(report.findings.map((f) => [f.resource.name, f.checkId, f.message])).toEqual([
      ['a-bucket', 'y-check', 'y-check is pass on a-bucket.'],
      ['b-bucket', 'same-check', 'first'],
      ['b-bucket', 'same-check', 'second'],
      ['b-bucket', 'z-check', 'z-check is pass on b-bucket.'],
    ]);
  });

  it('sorts in code-unit order, independent of locale', () => {
    const report = reportOf([finding(bucket('b', 'us-east-1'), 'x', 'low', 'pass'), finding(bucket('B', 'us-east-1'), 'x', 'low', 'pass')]);
    expect(report.findings.map((f) => f.resource.name)).toEqual(['B', 'b']);
  });

  it('is pure: the same input gives the same report and the input is untouched', () => {
    const findings = [...FIXTURE_INPUT.findings];
    expect(buildReport(FIXTURE_INPUT)).toEqual(FIXTURE_REPORT);
    expect([...FIXTURE_INPUT.findings]).toEqual(findings);
  });

  it('orders errors by resource, then operation', () => {
    expect(FIXTURE_REPORT.errors.map((e) => e.operation)).toEqual(['GetBucketOwnershipControls', 'GetBucketPolicy']);
  });
});

describe('buildReport with suppressions and a baseline', () => {
  it('counts suppressed findings apart from the verdict counts, which gate the scan', () => {
    const suppressed = { ...finding(A, 'bucket-versioning', 'high', 'fail'), suppression: { reason: 'accepted' } };
    const report = reportOf([suppressed, finding(B, 'bucket-versioning', 'high', 'fail')]);
    expect(report.summary).toMatchObject({ resources: 2, checks: 1, byStatus: { fail: 1, unknown: 0, pass: 0 }, suppressed: 1 });
    expect(report.summary.bySeverity.high).toEqual({ fail: 1, unknown: 0, pass: 0 });
    expect(report.summary.baseline).toBeUndefined();
  });

  it('counts new and known failing findings when a baseline was given, zeros included', () => {
    const known = { ...finding(A, 'bucket-versioning', 'high', 'fail'), baseline: 'known' as const };
    const fresh = { ...finding(B, 'bucket-versioning', 'high', 'fail'), baseline: 'new' as const };
    expect(reportOf([known, fresh, fresh], { baselineGiven: true }).summary.baseline).toEqual({ new: 2, known: 1 });
    expect(reportOf([], { baselineGiven: true }).summary.baseline).toEqual({ new: 0, known: 0 });
  });

  it('keeps the baseline flag out of the report itself', () => {
    expect(reportOf([], { baselineGiven: true })).not.toHaveProperty('baselineGiven');
  });
});
