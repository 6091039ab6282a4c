import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.ts';
import { artifactUri, renderSarif, SARIF_MAX_RESULTS, sarifOmittedResults } from '../../src/report/sarif.ts';
import type { Report } from '../../src/report/types.ts';
import { parseJson } from '../support/json.ts';
import { githubIngestionProblems, sarifProblems, schemaErrors } from '../support/sarif-validation.ts';
import { FIXTURE_CHECKS } from './fixture-checks.ts';
import { ACCOUNT, bucket, finding, FIXTURE_REPORT, reportOf } from './fixture-report.ts';

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: { fullyQualifiedName: string }[] }[];
  partialFingerprints: { primaryLocationLineHash: string };
  baselineState?: string;
}
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity'?: string };
}
interface SarifLog {
  runs: {
    tool: { driver: { rules: SarifRule[] } };
    automationDetails: { id: string };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string }; associatedRule?: { id: string } }[] }[];
    results: SarifResult[];
  }[];
}

const OPTIONS = { minSeverity: 'info', color: false, checks: FIXTURE_CHECKS } as const;

/** Renders and insists GitHub would take it: every SARIF this suite produces goes through here. */
function sarifOf(report: Report): SarifLog['runs'][number] {
  const text = renderSarif(report, OPTIONS);
  expect(sarifProblems(text)).toEqual([]);
  const run = parseJson<SarifLog>(text).runs[0];
  if (run === undefined) throw new Error('no run');
  return run;
}

const LOGS = bucket('acme-prod-logs', 'us-east-1');
const suppressed = (f: Finding, reason: string): Finding => ({ ...f, suppression: { reason, expires: '2026-12-31' } });

describe('SARIF for GitHub code scanning', () => {
  it('the fixture report is schema-valid SARIF 2.1.0 that GitHub ingests', () => {
    expect(sarifOf(FIXTURE_REPORT).results).toHaveLength(11);
  });

  it('has one rule per check that ran, with GitHub texts, a numeric security-severity in its band and tags', () => {
    const rules = sarifOf(FIXTURE_REPORT).tool.driver.rules;
    expect(rules.map((rule) => rule.id)).toEqual(FIXTURE_CHECKS.map((check) => check.id));
    const bands = rules.map((rule) => [rule.id, rule.defaultConfiguration.level, rule.properties['security-severity']]);
    expect(bands).toContainEqual(['bucket-policy-public', 'error', '9.5']);
    expect(bands).toContainEqual(['bucket-tls-only', 'error', '8.0']);
    expect(bands).toContainEqual(['bucket-versioning', 'warning', '5.5']);
    expect(bands).toContainEqual(['bucket-key-enabled', 'note', '2.0']);
    // Info has no security severity: GitHub would show any score as at least "low".
    expect(bands).toContainEqual(['bucket-presigned-url-age', 'note', undefined]);
    const versioning = rules.find((rule) => rule.id === 'bucket-versioning');
    expect(versioning).toMatchObject({
      shortDescription: { text: 'Bucket versioning is enabled' },
      fullDescription: { text: 'Without versioning an overwrite or a delete destroys the only copy of an object.' },
      helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-versioning.html',
      properties: { tags: ['security', 's3', 'bucket', 'severity/medium'] },
    });
    expect(versioning?.help.markdown).toContain('## How to fix\n\nEnable versioning.');
    expect(versioning?.help.markdown).toContain('```sh\naws s3api put-bucket-versioning --bucket BUCKET --versioning-configuration Status=Enabled\n```');
    expect(versioning?.help.text).toContain('How to fix: Enable versioning.');
  });

  it('reports each failing finding once, on a scheme-less path, the ARN as logical location, a stable fingerprint', () => {
    const result = sarifOf(FIXTURE_REPORT).results.find((r) => r.ruleId === 'bucket-versioning');
    expect(result).toEqual({
      ruleId: 'bucket-versioning',
      ruleIndex: 14,
      level: 'warning',
      message: { text: 'Bucket acme-prod-logs: Versioning was never enabled.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'aws/123456789012/us-east-1/s3/acme-prod-logs' },
            region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
          },
          logicalLocations: [{ fullyQualifiedName: 'arn:aws:s3:::acme-prod-logs', kind: 'resource' }],
        },
      ],
      partialFingerprints: { primaryLocationLineHash: `${FIXTURE_REPORT.findings.find((f) => f.checkId === 'bucket-versioning' && f.status === 'fail')?.fingerprint.slice(0, 16) ?? ''}:1` },
      properties: {
        arn: 'arn:aws:s3:::acme-prod-logs',
        accountId: ACCOUNT,
        region: 'us-east-1',
        resourceType: 'bucket',
        severity: 'medium',
        fingerprint: FIXTURE_REPORT.findings.find((f) => f.checkId === 'bucket-versioning' && f.status === 'fail')?.fingerprint,
      },
    });
  });

  it.each([
    ['a bucket', bucket('acme-logs', 'eu-west-1'), 'aws/123456789012/eu-west-1/s3/acme-logs'],
    [
      "the account's settings",
      { type: 'account', arn: `arn:aws:s3:us-east-1:${ACCOUNT}:account`, name: ACCOUNT, region: 'us-east-1', account: ACCOUNT },
      'aws/123456789012/us-east-1/s3-account',
    ],
    [
      'a global Multi-Region Access Point',
      { type: 'multi-region-access-point', arn: `arn:aws:s3::${ACCOUNT}:accesspoint/x.mrap`, name: 'acme-global', region: '', account: ACCOUNT },
      'aws/123456789012/global/s3-multi-region-access-point/acme-global',
    ],
    [
      'an access point, under the bucket behind it',
      {
        type: 'access-point',
        arn: `arn:aws:s3:eu-west-1:${ACCOUNT}:accesspoint/team-a`,
        name: 'team-a',
        region: 'eu-west-1',
        account: ACCOUNT,
        bucket: 'acme-data',
      },
      'aws/123456789012/eu-west-1/s3/acme-data/access-point/team-a',
    ],
    [
      'an Object Lambda access point whose bucket is unknown, on its own',
      { type: 'object-lambda-access-point', arn: `arn:aws:s3-object-lambda:eu-west-1:${ACCOUNT}:accesspoint/redact`, name: 'redact', region: 'eu-west-1', account: ACCOUNT },
      'aws/123456789012/eu-west-1/s3-object-lambda-access-point/redact',
    ],
    ['a name from an S3-compatible store, percent-encoded', bucket('odd name:?#', 'us-east-1'), 'aws/123456789012/us-east-1/s3/odd%20name%3A%3F%23'],
  ] as const)('files %s under a stable path', (_, resource, uri) => {
    expect(artifactUri(resource)).toBe(uri);
  });

  it('names the category after the account, so each account replaces only its own alerts', () => {
    expect(sarifOf(FIXTURE_REPORT).automationDetails).toEqual({ id: 's3-audit/123456789012/' });
  });

  it('lists unknown verdicts as error notifications and marks the execution unsuccessful', () => {
    const { invocations } = sarifOf(FIXTURE_REPORT);
    expect(invocations[0]?.executionSuccessful).toBe(false);
    const notifications = invocations[0]?.toolExecutionNotifications ?? [];
    expect(notifications.map((n) => [n.level, n.associatedRule?.id, n.message.text.split(' failed with ')[0]])).toEqual([
      ['error', 'bucket-acls-disabled', 'Bucket acme-eu-website: Could not read the Object Ownership setting: GetBucketOwnershipControls'],
      ['error', 'bucket-policy-public', 'Bucket acme-prod-logs: Could not read the bucket policy: GetBucketPolicy'],
      ['note', undefined, 'Bucket acme-tmp-upload was deleted during the scan; it is not in this report.'],
    ]);
  });

  it('reports a complete scan as a successful execution', () => {
    const run = sarifOf(reportOf([finding(LOGS, 'bucket-versioning', 'medium', 'pass')]));
    expect(run.invocations[0]).toMatchObject({ executionSuccessful: true, toolExecutionNotifications: [] });
    expect(run.results).toEqual([]);
  });

  it('keeps suppressed findings out: GitHub ignores SARIF suppressions and would open alerts', () => {
    const run = sarifOf(
      reportOf([
        suppressed(finding(LOGS, 'bucket-versioning', 'medium', 'fail'), 'logs are re-creatable'),
        finding(LOGS, 'bucket-logging-loop', 'high', 'fail'),
      ]),
    );
    expect(run.results.map((r) => r.ruleId)).toEqual(['bucket-logging-loop']);
  });

  it('marks baseline state: known findings are unchanged, the rest new', () => {
    const run = sarifOf(
      reportOf([
        { ...finding(LOGS, 'bucket-versioning', 'medium', 'fail'), baseline: 'known' },
        { ...finding(LOGS, 'bucket-logging-loop', 'high', 'fail'), baseline: 'new' },
      ]),
    );
    expect(run.results.map((r) => [r.ruleId, r.baselineState])).toEqual([
      ['bucket-logging-loop', 'new'],
      ['bucket-versioning', 'unchanged'],
    ]);
  });

  it('still gives a finding of a check missing from the catalog a rule with every required text', () => {
    const run = sarifOf(reportOf([finding(LOGS, 'plugin-custom-check', 'high', 'fail')]));
    expect(run.tool.driver.rules.find((rule) => rule.id === 'plugin-custom-check')).toMatchObject({
      shortDescription: { text: 'plugin-custom-check' },
      properties: { 'security-severity': '8.0' },
    });
  });

  it(`keeps the ${SARIF_MAX_RESULTS} most severe results past GitHub's limit and says how many it left out`, () => {
    const many = Array.from({ length: SARIF_MAX_RESULTS + 2 }, (_, i) =>
      finding(bucket(`bucket-${String(i).padStart(5, '0')}`, 'us-east-1'), 'bucket-versioning', i < 2 ? 'high' : 'low', 'fail'),
    );
    const report = reportOf(many);
    expect(sarifOmittedResults(report)).toBe(2);
    const run = sarifOf(report);
    expect(run.results).toHaveLength(SARIF_MAX_RESULTS);
    expect(run.results.filter((r) => r.level === 'error')).toHaveLength(2);
    expect(run.invocations[0]?.toolExecutionNotifications[0]).toEqual({
      level: 'warning',
      message: {
        text: "25002 failing findings exceed GitHub's limit of 25000 results per run: the 2 least severe are left out. The JSON report lists every finding.",
      },
    });
  });
});

describe('the SARIF validation itself', () => {
  const valid = renderSarif(reportOf([finding(LOGS, 'bucket-versioning', 'medium', 'fail')]), OPTIONS);
  const mutate = (change: (log: { runs: [{ results: [Record<string, unknown>]; tool: { driver: { rules: Record<string, unknown>[] } } }] }) => void): string => {
    const log = parseJson<Parameters<typeof change>[0]>(valid);
    change(log);
    return JSON.stringify(log);
  };

  it.each([
    ['an ARN as URI', (log: Parameters<Parameters<typeof mutate>[0]>[0]) => {
      log.runs[0].results[0].locations = [{ physicalLocation: { artifactLocation: { uri: 'arn:aws:s3:::b' }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } } }];
    }, 'run 0 result 0: uri arn:aws:s3:::b has a scheme'],
    ['an empty locations array', (log: Parameters<Parameters<typeof mutate>[0]>[0]) => {
      log.runs[0].results[0].locations = [];
    }, 'run 0 result 0: no location'],
    ['a rule without help', (log: Parameters<Parameters<typeof mutate>[0]>[0]) => {
      delete log.runs[0].tool.driver.rules[0]?.help;
    }, 'run 0 rule account-public-access-block: help.text missing'],
    ['a word as security-severity', (log: Parameters<Parameters<typeof mutate>[0]>[0]) => {
      const rule = log.runs[0].tool.driver.rules[0];
      if (rule !== undefined) rule.properties = { 'security-severity': 'high' };
    }, 'run 0 rule account-public-access-block: security-severity "high" is not a number from 0 to 10'],
  ])('flags %s, which the schema alone accepts', (_, change, problem) => {
    const text = mutate(change);
    expect(schemaErrors(JSON.parse(text))).toEqual([]);
    expect(githubIngestionProblems(text)).toEqual([problem]);
  });

  it('flags a log that breaks the schema', () => {
    expect(schemaErrors({ version: '2.1.0', runs: [{ tool: {} }] })).toEqual(["/runs/0/tool must have required property 'driver'"]);
  });
});

describe('SARIF category', () => {
  it('takes the category the user gives, for scans that span accounts or scopes', () => {
    const sarif = renderSarif(FIXTURE_REPORT, { ...OPTIONS, sarifCategory: 's3-audit/org-prod' });
    expect(sarifProblems(sarif)).toEqual([]);
    expect(parseJson<SarifLog>(sarif).runs[0]?.automationDetails).toEqual({ id: 's3-audit/org-prod/' });
  });
});
