import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountFixture, AwsEndpoint, BucketFixture, OrganizationFixture } from '../support/aws-endpoint/index.ts';
import { startAwsEndpoint } from '../support/aws-endpoint/index.ts';
import type { JsonReport } from '../../src/report/types.ts';
import { parseJson } from '../support/json.ts';
import { ONLY_PINNED_CHECKS, PINNED_CHECK_IDS } from '../support/pinned-checks.ts';
import { runBuiltCli, TEST_CREDENTIALS } from '../support/run-cli.ts';
import { sarifProblems } from '../support/sarif-validation.ts';
import { tempDir } from '../support/snapshot-file.ts';

const MANAGEMENT = '111111111111';
const PROD = '222222222222';
const DEV = '333333333333';
const SANDBOX = '444444444444';
const SUSPENDED = '555555555555';

const compliant = (name: string): BucketFixture => ({
  name,
  region: 'us-east-1',
  encryption: { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] },
  versioning: { status: 'Enabled', mfaDelete: 'Enabled' },
});
const unversioned = (name: string): BucketFixture => ({ ...compliant(name), versioning: { status: 'Suspended' } });

const account = (accountId: string, buckets: readonly BucketFixture[]): AccountFixture => ({ accountId, buckets });

/** Three active accounts and a suspended one; the sandbox's role does not trust the auditor. */
const ORGANIZATION: OrganizationFixture = {
  pageSize: 2,
  members: [
    { name: 'prod', fixture: account(PROD, [compliant('prod-data')]) },
    { name: 'dev', fixture: account(DEV, [unversioned('dev-scratch')]) },
    { name: 'sandbox', fixture: account(SANDBOX, [compliant('sandbox-toys')]), denyAssumeRole: true },
    { name: 'old', fixture: account(SUSPENDED, [compliant('old-stuff')]), state: 'SUSPENDED' },
  ],
};

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

async function scan(args: readonly string[], organization: OrganizationFixture = ORGANIZATION) {
  endpoint = await startAwsEndpoint(account(MANAGEMENT, [compliant('management-trail')]), { organization });
  return runBuiltCli(['scan', '--endpoint-url', endpoint.url, '--no-progress', ...ONLY_PINNED_CHECKS, ...args], TEST_CREDENTIALS);
}

const bucketsOf = (report: JsonReport): string[] => [...new Set(report.findings.map((finding) => `${finding.resource.account} ${finding.resource.name}`))].sort();

describe('scan --org: every active account of the organization through an assumed role', () => {
  it('scans the accounts whose role it can assume, reports the other unknown and exits 3', async () => {
    const dir = tempDir();
    const sarifPath = join(dir, 'report.sarif');
    const run = await scan(['--org', '--format', 'json', '--fail-on', 'none', '--report', `sarif=${sarifPath}`]);
    expect(run.code).toBe(3);
    const report = parseJson<JsonReport>(run.stdout);
    expect(report.account).toBe(MANAGEMENT);
    expect(report.complete).toBe(false);
    expect(report.accounts).toEqual([
      { id: PROD, name: 'prod', status: 'scanned' },
      { id: DEV, name: 'dev', status: 'scanned' },
      {
        id: SANDBOX,
        name: 'sandbox',
        status: 'failed',
        error: {
          code: 'AccessDenied',
          message: `Could not assume role arn:aws:iam::${SANDBOX}:role/OrganizationAccountAccessRole: AccessDenied: User: arn:aws:iam::111111111111:user/auditor is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${SANDBOX}:role/OrganizationAccountAccessRole`,
        },
      },
    ]);
    expect(bucketsOf(report)).toEqual([`${PROD} prod-data`, `${DEV} dev-scratch`, `${SANDBOX} ${SANDBOX}`].sort());
    expect(report.findings.filter((finding) => finding.resource.account === SANDBOX).map((finding) => [finding.checkId, finding.status])).toEqual(
      PINNED_CHECK_IDS.map((id) => [id, 'unknown']),
    );
    expect(report.findings.find((finding) => finding.resource.name === 'dev-scratch' && finding.checkId === 'bucket-versioning')?.status).toBe('fail');
    expect(report.errors.map((error) => [error.operation, error.resource, error.code])).toEqual([
      ['sts:AssumeRole', `arn:aws:iam::${SANDBOX}:role/OrganizationAccountAccessRole`, 'AccessDenied'],
    ]);
    expect(run.stderr).toContain(`s3-audit: warning: account ${SANDBOX}: Could not assume role arn:aws:iam::${SANDBOX}:role/OrganizationAccountAccessRole: AccessDenied`);

    const sarifText = readFileSync(sarifPath, 'utf8');
    const sarif = parseJson<{ runs: { automationDetails: { id: string }; properties: { account: string }; invocations: { executionSuccessful: boolean }[] }[] }>(sarifText);
    expect(sarif.runs.map((sarifRun) => [sarifRun.automationDetails.id, sarifRun.properties.account, sarifRun.invocations[0]?.executionSuccessful])).toEqual([
      [`s3-audit/${PROD}/`, PROD, true],
      [`s3-audit/${DEV}/`, DEV, true],
      [`s3-audit/${SANDBOX}/`, SANDBOX, false],
    ]);
    expect(sarifProblems(sarifText)).toEqual([]);
  });

  it('assumes the roles through the regional STS endpoint of the home region, once per account', async () => {
    const run = await scan(['--org', '--region', 'eu-central-1', '--format', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(3);
    const assumed = endpoint?.requests.filter((request) => request.operation === 'AssumeRole') ?? [];
    expect(assumed.map((request) => request.region)).toEqual(['eu-central-1', 'eu-central-1', 'eu-central-1']);
    expect(endpoint?.counts()['organizations:ListAccounts']).toBe(2);
  });

  it.each([
    { name: '--accounts narrows the organization to the accounts listed', args: ['--org', '--accounts', `${DEV},${PROD}`], scanned: [PROD, DEV], code: 1 },
    { name: '--exclude-accounts leaves accounts out', args: ['--org', '--exclude-accounts', SANDBOX], scanned: [PROD, DEV], code: 1 },
    { name: '--accounts without --org scans the listed accounts through --role-name', args: ['--accounts', PROD], scanned: [PROD], code: 0 },
  ])('$name', async ({ args, scanned, code }) => {
    const run = await scan([...args, '--format', 'json']);
    expect(run.code).toBe(code);
    const report = parseJson<JsonReport>(run.stdout);
    expect(report.accounts?.map((outcome) => [outcome.id, outcome.status])).toEqual(scanned.map((id) => [id, 'scanned']));
    expect(new Set(report.findings.map((finding) => finding.resource.account))).toEqual(new Set(scanned));
  });

  it('--role-name and --external-id are what AssumeRole sends: a role that requires them is assumed only with them', async () => {
    const organization: OrganizationFixture = { members: [{ name: 'prod', fixture: account(PROD, [compliant('prod-data')]), roleName: 's3-audit', externalId: 'audit-7f3a' }] };
    const withBoth = await scan(['--org', '--role-name', 's3-audit', '--external-id', 'audit-7f3a', '--format', 'json'], organization);
    expect(withBoth.code).toBe(0);
    expect(parseJson<JsonReport>(withBoth.stdout).accounts).toEqual([{ id: PROD, name: 'prod', status: 'scanned' }]);
    await endpoint?.close();
    const withoutId = await scan(['--org', '--role-name', 's3-audit', '--format', 'json'], organization);
    expect(withoutId.code).toBe(3);
    expect(parseJson<JsonReport>(withoutId.stdout).accounts?.map((outcome) => outcome.status)).toEqual(['failed']);
  });

  it('the table, the Markdown summary and the HTML report count the accounts and name the account of each bucket', async () => {
    const dir = tempDir();
    const markdownPath = join(dir, 'summary.md');
    const htmlPath = join(dir, 'report.html');
    const run = await scan(['--org', '--exclude-accounts', SANDBOX, '--no-color', '--report', `markdown=${markdownPath}`, '--report', `html=${htmlPath}`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`account ${MANAGEMENT} · partition aws · 2 accounts · `);
    expect(run.stdout).toContain(`  dev-scratch  account ${DEV}  us-east-1\n`);
    const markdown = readFileSync(markdownPath, 'utf8');
    expect(markdown).toContain(`account ${MANAGEMENT} · partition aws · 2 accounts · `);
    expect(markdown).toContain(`| \`bucket-versioning\` | dev-scratch<br>arn:aws:s3:::dev-scratch<br>account ${DEV} | us-east-1 |`);
    const html = readFileSync(htmlPath, 'utf8');
    expect(html).toContain('2 accounts');
    expect(html).toContain(`<td class="arn">arn:aws:s3:::dev-scratch (account ${DEV})</td>`);
  });

  it('an account that could not be scanned is counted in the header', async () => {
    const run = await scan(['--org', '--no-color', '--fail-on', 'none']);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(' · 3 accounts, 1 not scanned · ');
  });

  it('--profile supplies the credentials that list the organization and assume the roles', async () => {
    const credentials = join(tempDir(), 'credentials');
    writeFileSync(credentials, '[security]\naws_access_key_id = AKIAPROFILEPROFILE01\naws_secret_access_key = profile-secret\n');
    endpoint = await startAwsEndpoint(account(MANAGEMENT, []), { organization: ORGANIZATION });
    const run = await runBuiltCli(
      ['scan', '--endpoint-url', endpoint.url, '--no-progress', ...ONLY_PINNED_CHECKS, '--org', '--profile', 'security', '--exclude-accounts', SANDBOX, '--format', 'json'],
      { AWS_SHARED_CREDENTIALS_FILE: credentials },
    );
    expect(run.code).toBe(1);
    expect(parseJson<JsonReport>(run.stdout).accounts?.map((outcome) => outcome.status)).toEqual(['scanned', 'scanned']);
  });

  it('warns when the SARIF report holds more runs than GitHub takes in one upload', async () => {
    const members = Array.from({ length: 21 }, (_, index) => ({ name: `team-${String(index)}`, fixture: account(String(600_000_000_000 + index), []) }));
    const run = await scan(['--org', '--format', 'sarif'], { members });
    expect(run.code).toBe(0);
    expect(parseJson<{ runs: unknown[] }>(run.stdout).runs).toHaveLength(21);
    expect(run.stderr).toContain(
      's3-audit: warning: the SARIF report holds one run per account, 21 runs: GitHub code scanning takes at most 20 per upload; split the accounts over jobs with --accounts\n',
    );
  });

  it('--org from an account that manages no organization: one line, exit 2', async () => {
    endpoint = await startAwsEndpoint(account(MANAGEMENT, []));
    const run = await runBuiltCli(['scan', '--endpoint-url', endpoint.url, '--no-progress', '--org'], TEST_CREDENTIALS);
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 2,
      stderr:
        's3-audit: error: --org: Organizations ListAccounts failed: AWSOrganizationsNotInUseException: Your account is not a member of an organization. (run from the management account or a delegated administrator, with organizations:ListAccounts)\n',
    });
  });
});

describe('scan --role-arn: one account through an assumed role', () => {
  it('reports the role’s account, its findings answered from that account', async () => {
    const run = await scan(['--role-arn', `arn:aws:iam::${DEV}:role/OrganizationAccountAccessRole`, '--format', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    const report = parseJson<JsonReport>(run.stdout);
    expect(report.account).toBe(DEV);
    expect(report.accounts).toBeUndefined();
    expect(bucketsOf(report)).toEqual([`${DEV} dev-scratch`]);
  });

  it('worker threads assume the role too, and the saved snapshot is of the role’s account', async () => {
    const snapshotPath = join(tempDir(), 'dev.jsonl');
    const organization: OrganizationFixture = {
      members: [{ name: 'dev', fixture: account(DEV, [unversioned('dev-a'), unversioned('dev-b'), compliant('dev-c')]) }],
    };
    const run = await scan(['--role-arn', `arn:aws:iam::${DEV}:role/OrganizationAccountAccessRole`, '--workers', '2', '--save-snapshot', snapshotPath, '--format', 'json'], organization);
    expect(run.code).toBe(1);
    expect(bucketsOf(parseJson<JsonReport>(run.stdout))).toEqual([`${DEV} dev-a`, `${DEV} dev-b`, `${DEV} dev-c`]);
    expect(parseJson<{ account: { accountId: string } }>(readFileSync(snapshotPath, 'utf8').split('\n')[0] ?? '').account.accountId).toBe(DEV);
  });

  it('a role that cannot be assumed is a credentials error: one line, exit 2, no report', async () => {
    const run = await scan(['--role-arn', `arn:aws:iam::${SANDBOX}:role/OrganizationAccountAccessRole`, '--format', 'json']);
    expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `s3-audit: error: Could not assume role arn:aws:iam::${SANDBOX}:role/OrganizationAccountAccessRole: AccessDenied: User: arn:aws:iam::111111111111:user/auditor is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${SANDBOX}:role/OrganizationAccountAccessRole\n`,
    });
  });
});
