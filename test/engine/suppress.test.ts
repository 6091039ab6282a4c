import { describe, expect, it } from 'vitest';
import type { Finding, ResourceRef, Status } from '../../src/checks/types.ts';
import type { SuppressionRule } from '../../src/config/config.ts';
import { findingsOf } from '../../src/report/findings.ts';
import { applySuppressions, isExpired, resourceGlobMatcher } from '../../src/engine/suppress.ts';
import { bucket, finding } from '../report/fixture-report.ts';

const ACCESS_POINT: ResourceRef = {
  type: 'access-point',
  arn: 'arn:aws:s3:us-east-1:123456789012:accesspoint/reports',
  name: 'reports',
  region: 'us-east-1',
  account: '123456789012',
};

function rule(check: string, resource: string, expires?: string): SuppressionRule {
  return { check, resource, reason: `accepted: ${check} on ${resource}`, ...(expires === undefined ? {} : { expires }), source: '.s3-audit.yml:1:3' };
}

describe('resource ARN globs', () => {
  it.each([
    ['an exact ARN matches itself', 'arn:aws:s3:::logs', 'arn:aws:s3:::logs', true],
    ['are anchored at the end: never a prefix match', 'arn:aws:s3:::logs', 'arn:aws:s3:::logs-2024', false],
    ['are anchored at the start: never a substring match', 'arn:aws:s3:::logs-*', 'arn:aws:s3:::old-logs-2024', false],
    ['* matches a run of characters', 'arn:aws:s3:::logs-*', 'arn:aws:s3:::logs-2024', true],
    ['* spans / (as in IAM)', 'arn:aws:s3:us-east-1:123456789012:accesspoint*', 'arn:aws:s3:us-east-1:123456789012:accesspoint/reports', true],
    ['* spans : (as in IAM)', 'arn:aws:s3:*:123456789012:accesspoint/reports', 'arn:aws:s3:us-east-1:123456789012:accesspoint/reports', true],
    ['a lone * matches every resource', '*', 'arn:aws:glacier:eu-west-1:123456789012:vaults/archive', true],
    ['? matches exactly one character', 'arn:aws:s3:::logs-?', 'arn:aws:s3:::logs-a', true],
    ['? does not match two characters', 'arn:aws:s3:::logs-?', 'arn:aws:s3:::logs-ab', false],
    ['{a,b} lists alternatives', 'arn:aws:s3:::{logs,tmp}-*', 'arn:aws:s3:::tmp-1', true],
    ['. is a literal dot, not "any character"', 'arn:aws:s3:::www.example.com', 'arn:aws:s3:::wwwxexample.com', false],
    ['matching is case-sensitive, like ARNs', 'arn:aws:s3:::Logs', 'arn:aws:s3:::logs', false],
    ['a leading ! is a literal, never "everything else"', '!arn:aws:s3:::logs', 'arn:aws:s3:::data', false],
    ['a bucket ARN glob does not reach access points', 'arn:aws:s3:::*', 'arn:aws:s3:us-east-1:123456789012:accesspoint/reports', false],
  ])('%s', (_name, glob, arn, expected) => {
    expect(resourceGlobMatcher(glob)(arn)).toBe(expected);
  });
});

describe('expiry', () => {
  it.each([
    ['no date: never expires', undefined, '2999-12-31', false],
    ['the day before the date: still applies', '2027-01-31', '2027-01-30', false],
    ['on the date: expired (from 00:00 UTC)', '2027-01-31', '2027-01-31', true],
    ['after the date: expired', '2027-01-31', '2027-02-01', true],
  ])('%s', (_name, expires, today, expected) => {
    expect(isExpired(rule('bucket-versioning', '*', expires), today)).toBe(expected);
  });
});

describe('applySuppressions', () => {
  const logs = bucket('logs', 'us-east-1');
  const data = bucket('data', 'us-east-1');
  const verdict = (resource: ResourceRef, checkId: string, status: Status): Finding => finding(resource, checkId, 'medium', status);

  it('marks a failing finding that an entry covers with its reason and date, and leaves the rest alone', () => {
    const covered = verdict(logs, 'bucket-versioning', 'fail');
    const other = verdict(data, 'bucket-versioning', 'fail');
    const entry = rule('bucket-versioning', 'arn:aws:s3:::logs', '2999-01-01');
    const outcome = applySuppressions(findingsOf([covered, other]), [entry], '2026-11-27');
    expect([...outcome.findings]).toEqual([
      { ...covered, suppression: { reason: 'accepted: bucket-versioning on arn:aws:s3:::logs', expires: '2999-01-01' } },
      other,
    ]);
    expect(outcome).toMatchObject({ expired: [], unused: [] });
  });

  it('matches check ids by glob', () => {
    const findings = [verdict(logs, 'bucket-versioning', 'fail'), verdict(logs, 'bucket-mfa-delete', 'fail'), verdict(logs, 'account-x', 'fail')];
    const outcome = applySuppressions(findingsOf(findings), [rule('bucket-*', 'arn:aws:s3:::logs')], '2026-11-27');
    expect(outcome.findings.map((f) => f.suppression !== undefined)).toEqual([true, true, false]);
  });

  it('never suppresses pass or unknown verdicts: an unreadable setting is not an accepted risk', () => {
    const findings = [verdict(logs, 'bucket-versioning', 'pass'), verdict(data, 'bucket-versioning', 'unknown')];
    const outcome = applySuppressions(findingsOf(findings), [rule('bucket-versioning', '*')], '2026-11-27');
    expect([...outcome.findings]).toEqual(findings);
    expect(outcome.unused).toHaveLength(1);
  });

  it('the first matching entry gives the reason', () => {
    const first = rule('bucket-versioning', 'arn:aws:s3:::logs');
    const second = rule('bucket-*', '*');
    const outcome = applySuppressions(findingsOf([verdict(logs, 'bucket-versioning', 'fail')]), [first, second], '2026-11-27');
    expect(outcome.findings.at(0).suppression?.reason).toBe(first.reason);
    expect(outcome.unused).toEqual([second]);
  });

  it('an expired entry suppresses nothing and is reported as expired, not as unused', () => {
    const expired = rule('bucket-versioning', 'arn:aws:s3:::logs', '2026-11-27');
    const failing = verdict(logs, 'bucket-versioning', 'fail');
    const outcome = applySuppressions(findingsOf([failing]), [expired], '2026-11-27');
    expect({ ...outcome, findings: [...outcome.findings] }).toEqual({ findings: [failing], expired: [expired], unused: [] });
  });

  it('covers other resource types by their ARN', () => {
    const outcome = applySuppressions(findingsOf([verdict(ACCESS_POINT, 'access-point-network-origin', 'fail')]), [rule('access-point-*', 'arn:aws:s3:*:*:accesspoint/reports')], '2026-11-27');
    expect(outcome.findings.at(0).suppression).toBeDefined();
  });
});
