import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.ts';
import { renderJunit } from '../../src/report/junit.ts';
import { assertWellFormedXml } from '../support/well-formed-xml.ts';
import type { Report } from '../../src/report/types.ts';
import { FIXTURE_CHECKS } from './fixture-checks.ts';
import { bucket, finding, FIXTURE_REPORT, reportOf } from './fixture-report.ts';

const OPTIONS = { minSeverity: 'info', color: false, checks: FIXTURE_CHECKS } as const;
const LOGS = bucket('acme-prod-logs', 'us-east-1');

type Attributes = Record<string, string>;
interface Parsed {
  testsuites: Attributes & { testsuite: (Attributes & { testcase: (Attributes & Record<string, Attributes | undefined>)[] })[] };
}

/** Renders, insists on well-formed XML, and parses with attributes as plain fields. */
function junitOf(report: Report): Parsed {
  const xml = renderJunit(report, OPTIONS);
  assertWellFormedXml(xml);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  return parser.parse(xml) as Parsed;
}

const counts = (node: Attributes) => [node.tests, node.failures, node.errors, node.skipped].join('/');

describe('JUnit report', () => {
  it('carries the tests/failures/errors/skipped counts Azure DevOps and CodeBuild read, overall and per check', () => {
    const { testsuites } = junitOf(FIXTURE_REPORT);
    expect(counts(testsuites)).toBe('20/11/2/0');
    expect(testsuites.time).toBe('12.400');
    const suite = testsuites.testsuite.find((s) => s.name === 'bucket-policy-public');
    expect(suite === undefined ? undefined : counts(suite)).toBe('2/1/1/0');
    expect(testsuites.testsuite.map((s) => s.name)).toEqual([...new Set(FIXTURE_REPORT.findings.map((f) => f.checkId))].sort());
  });

  it('reports a failing verdict as a failure with the message, an unknown one as an error, a pass as a bare testcase', () => {
    const { testsuites } = junitOf(
      reportOf([
        finding(LOGS, 'bucket-versioning', 'medium', 'fail', 'Versioning was never enabled.'),
        finding(LOGS, 'bucket-policy-public', 'critical', 'unknown', 'Could not read the bucket policy: GetBucketPolicy failed with AccessDenied (denied).'),
        finding(LOGS, 'bucket-tls-only', 'high', 'pass'),
      ]),
    );
    const cases = testsuites.testsuite.flatMap((suite) => suite.testcase);
    expect(cases).toEqual([
      {
        classname: 'bucket-policy-public',
        name: 'arn:aws:s3:::acme-prod-logs',
        time: '0',
        error: {
          message: 'Could not read the bucket policy: GetBucketPolicy failed with AccessDenied (denied).',
          type: 'unknown',
          '#text':
            'Could not read the bucket policy: GetBucketPolicy failed with AccessDenied (denied).\n\nSeverity: critical\nResource: arn:aws:s3:::acme-prod-logs\nAccount: 123456789012\nRegion: us-east-1',
        },
      },
      { classname: 'bucket-tls-only', name: 'arn:aws:s3:::acme-prod-logs', time: '0' },
      {
        classname: 'bucket-versioning',
        name: 'arn:aws:s3:::acme-prod-logs',
        time: '0',
        failure: {
          message: 'Versioning was never enabled.',
          type: 'medium',
          '#text':
            'Versioning was never enabled.\n\nSeverity: medium\nResource: arn:aws:s3:::acme-prod-logs\nAccount: 123456789012\nRegion: us-east-1\nHow to fix: Enable versioning.',
        },
      },
    ]);
  });

  it('skips a suppressed finding with its reason and expiry, counted as skipped, not failed', () => {
    const accepted: Finding = {
      ...finding(LOGS, 'bucket-versioning', 'medium', 'fail'),
      suppression: { reason: 'logs are re-creatable', expires: '2026-12-31' },
    };
    const { testsuites } = junitOf(reportOf([accepted]));
    expect(counts(testsuites)).toBe('1/0/0/1');
    expect(testsuites.testsuite[0]?.testcase[0]?.skipped).toEqual({ message: 'Suppressed: logs are re-creatable (until 2026-12-31)' });
  });

  it('keeps the XML well-formed whatever a name or message holds, control characters included', () => {
    const hostile = bucket('evil"<b>&\'', 'us-east-1');
    const message = 'Statement "]]></failure><x>" \u0000\u001b[31m allows <everything> & more.';
    const { testsuites } = junitOf(reportOf([finding(hostile, 'bucket-policy-public', 'critical', 'fail', message)]));
    const testcase = testsuites.testsuite[0]?.testcase[0];
    expect(testcase?.name).toBe('arn:aws:s3:::evil"<b>&\'');
    expect(testcase?.failure?.message).toBe('Statement "]]></failure><x>" \\u0000\\u001b[31m allows <everything> & more.');
  });

  it('writes an empty suite list for an empty report', () => {
    expect(renderJunit(reportOf([]), OPTIONS)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="s3-audit 123456789012" tests="0" failures="0" errors="0" skipped="0" time="12.400">\n</testsuites>\n',
    );
  });
});
