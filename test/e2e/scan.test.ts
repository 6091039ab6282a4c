import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountFixture, AwsEndpoint, AwsEndpointOptions, BucketFixture } from '../support/aws-endpoint/index.ts';
import { loadFixture, startAwsEndpoint } from '../support/aws-endpoint/index.ts';
import type { Report } from '../../src/report/types.ts';
import { parseJson } from '../support/json.ts';
import { runBuiltCli, TEST_CREDENTIALS } from '../support/run-cli.ts';
import { tempDir } from '../support/snapshot-file.ts';

const ACCOUNT = '123456789012';
const sseS3 = { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] };
const hardenedPolicy = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } },
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: '*',
      Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': ['aws:kms', 'aws:kms:dsse'] } },
    },
  ],
};
const hardened = (name: string, region: string): BucketFixture => ({
  name,
  region,
  encryption: sseS3,
  versioning: { status: 'Enabled', mfaDelete: 'Enabled' },
  policy: hardenedPolicy,
});

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

async function serve(fixture: AccountFixture, options: AwsEndpointOptions = {}): Promise<AwsEndpoint> {
  endpoint = await startAwsEndpoint(fixture, options);
  return endpoint;
}

function scan(url: string, args: readonly string[] = [], env: Record<string, string> = TEST_CREDENTIALS) {
  return runBuiltCli(['scan', '--endpoint-url', url, ...args], env);
}


function verdicts(stdout: string): string[] {
  const report = parseJson<Report>(stdout);
  return report.findings.map((f) => `${f.resource.name} ${f.checkId} ${f.status}`);
}

describe('s3-audit scan against the local AWS endpoint (built CLI, real SDK)', () => {
  it('passes a hardened account: exit 0, every verdict pass, nothing on stderr', async () => {
    const { url } = await serve({ accountId: ACCOUNT, buckets: [hardened('alpha', 'us-east-1'), hardened('beta', 'eu-west-1')] });
    const run = await scan(url, ['--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(verdicts(run.stdout)).toEqual([
      'alpha bucket-default-encryption pass',
      'alpha bucket-mfa-delete pass',
      'alpha bucket-policy-cross-account pass',
      'alpha bucket-policy-public pass',
      'alpha bucket-policy-requires-sse-kms pass',
      'alpha bucket-sse-c-blocked pass',
      'alpha bucket-tls-min-version pass',
      'alpha bucket-tls-only pass',
      'alpha bucket-versioning pass',
      'beta bucket-default-encryption pass',
      'beta bucket-mfa-delete pass',
      'beta bucket-policy-cross-account pass',
      'beta bucket-policy-public pass',
      'beta bucket-policy-requires-sse-kms pass',
      'beta bucket-sse-c-blocked pass',
      'beta bucket-tls-min-version pass',
      'beta bucket-tls-only pass',
      'beta bucket-versioning pass',
    ]);
  });

  it('fails a bucket with versioning Suspended: exit 1 and the message says why', async () => {
    const { url } = await serve({
      accountId: ACCOUNT,
      buckets: [hardened('alpha', 'us-east-1'), { ...hardened('old', 'us-east-1'), versioning: { status: 'Suspended' } }],
    });
    const run = await scan(url, ['--format', 'json', '--checks', 'bucket-versioning']);
    expect(run.code).toBe(1);
    const report = parseJson<Report>(run.stdout);
    expect(report.findings.find((f) => f.resource.name === 'old')).toMatchObject({
      status: 'fail',
      message: 'Versioning is Suspended: new writes no longer keep prior versions, so overwrites and deletes are permanent.',
      resource: { arn: 'arn:aws:s3:::old', region: 'us-east-1' },
    });
  });

  it('reports AccessDenied as unknown with the error listed: exit 3, never a pass', async () => {
    const { url } = await serve({
      accountId: ACCOUNT,
      buckets: [{ ...hardened('locked', 'us-east-1'), faults: { GetBucketVersioning: 'AccessDenied' } }],
    });
    const run = await scan(url, ['--format', 'json']);
    expect(run.code).toBe(3);
    const report = parseJson<Report>(run.stdout);
    expect(report.complete).toBe(false);
    expect(verdicts(run.stdout)).toEqual([
      'locked bucket-default-encryption pass',
      'locked bucket-mfa-delete unknown',
      'locked bucket-policy-cross-account pass',
      'locked bucket-policy-public pass',
      'locked bucket-policy-requires-sse-kms pass',
      'locked bucket-sse-c-blocked pass',
      'locked bucket-tls-min-version pass',
      'locked bucket-tls-only pass',
      'locked bucket-versioning unknown',
    ]);
    expect(report.errors).toEqual([
      { operation: 'GetBucketVersioning', resource: 'arn:aws:s3:::locked', code: 'AccessDenied', message: 'Access Denied' },
    ]);
  });

  it('prints the table: summary, failing findings grouped by bucket, and what could not be evaluated', async () => {
    const { url } = await serve({
      accountId: ACCOUNT,
      buckets: [
        { ...hardened('legacy', 'eu-west-1'), versioning: { status: 'Suspended' } },
        { ...hardened('locked', 'us-east-1'), faults: { GetBucketEncryption: 'AccessDenied' } },
      ],
    });
    const run = await scan(url);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout).toContain(`account ${ACCOUNT}`);
    expect(run.stdout).toMatch(/medium\s+2\s+1\s+9\s+12/);
    expect(run.stdout).toMatch(/Failing findings[\s\S]*legacy\s+eu-west-1\n[\s\S]*?MEDIUM\s+bucket-versioning\s+Versioning is Suspended/);
    expect(run.stdout).toMatch(/Could not evaluate[\s\S]*locked\s+us-east-1\s+MEDIUM\s+bucket-default-encryption\s+Could not read/);
  });

  it('reads every bucket in its own region: no wrong-region redirect is ever answered', async () => {
    const server = await serve({
      accountId: ACCOUNT,
      buckets: [hardened('east', 'us-east-1'), hardened('ireland', 'eu-west-1'), hardened('sydney', 'ap-southeast-2')],
    });
    const run = await scan(server.url, ['--format', 'json', '--region', 'eu-west-1']);
    expect(run.code).toBe(0);
    const bucketCalls = server.requests.filter((r) => r.service === 's3' && r.bucket !== undefined);
    expect(bucketCalls.length).toBe(18);
    const regionOf: Record<string, string> = { east: 'us-east-1', ireland: 'eu-west-1', sydney: 'ap-southeast-2' };
    expect(bucketCalls.filter((r) => r.status === 301 || r.region !== regionOf[r.bucket ?? ''])).toEqual([]);
  });

  it('makes only the calls the selected checks need, and pages ListBuckets with MaxBuckets', async () => {
    const buckets = Array.from({ length: 1001 }, (_, i) => hardened(`bucket-${String(i).padStart(4, '0')}`, 'us-east-1'));
    const server = await serve({ accountId: ACCOUNT, buckets }, { log: false });
    const run = await scan(server.url, ['--format', 'json', '--checks', 'bucket-versioning']);
    expect(run.code).toBe(0);
    expect(server.counts()).toEqual({ 'sts:GetCallerIdentity': 1, 's3:ListBuckets': 2, 's3:GetBucketVersioning': 1001 });
  });

  it('drops a bucket deleted mid-scan with a note, not an error', async () => {
    const { url } = await serve({
      accountId: ACCOUNT,
      buckets: [hardened('stays', 'us-east-1'), { ...hardened('gone', 'us-east-1'), faults: { GetBucketVersioning: 'NoSuchBucket' } }],
    });
    const run = await scan(url, ['--format', 'json']);
    expect(run.code).toBe(0);
    const report = parseJson<Report>(run.stdout);
    expect(report.findings.every((f) => f.resource.name === 'stays')).toBe(true);
    expect(report.errors).toEqual([]);
    expect(report.notes).toEqual(['Bucket gone was deleted during the scan (GetBucketVersioning answered NoSuchBucket); it is not in this report.']);
    expect(run.stderr).toContain('s3-audit: note: Bucket gone was deleted during the scan');
  });

  it('retries throttling (every 4th request answers SlowDown) and still reaches every verdict', async () => {
    const buckets = Array.from({ length: 20 }, (_, i) => hardened(`b${i}`, 'us-east-1'));
    const { url } = await serve({ accountId: ACCOUNT, buckets }, { throttleEvery: 4 });
    const run = await scan(url, ['--format', 'json']);
    expect(run.code).toBe(0);
    const report = parseJson<Report>(run.stdout);
    expect(report.findings).toHaveLength(180);
    expect(report.complete).toBe(true);
  });

  it('saves a snapshot that replays offline to the same verdicts', async () => {
    const fixture = await loadFixture(join(import.meta.dirname, '..', '..', 'fixtures', 'demo-account.json'));
    const server = await serve(fixture);
    const dir = tempDir();
    const snapshot = join(dir, 'demo.jsonl');
    const live = await scan(server.url, ['--format', 'json', '--save-snapshot', snapshot]);
    await server.close();
    endpoint = undefined;
    const replay = await runBuiltCli(['scan', '--snapshot', snapshot, '--format', 'json']);
    expect(replay.code).toBe(live.code);
    expect(parseJson<Report>(replay.stdout).findings).toEqual(parseJson<Report>(live.stdout).findings);
    const contents = readFileSync(snapshot, 'utf8');
    expect(contents.split('\n')[0]).toContain('"kind":"s3-audit-snapshot"');
    expect(contents, 'credentials never reach a snapshot').not.toContain(TEST_CREDENTIALS.AWS_SECRET_ACCESS_KEY);
    expect(contents).not.toContain(TEST_CREDENTIALS.AWS_ACCESS_KEY_ID);
  });
});

describe('fatal conditions exit 2 with one actionable line', () => {
  it('ListBuckets denied', async () => {
    const { url } = await serve({ accountId: ACCOUNT, buckets: [], faults: { ListBuckets: 'AccessDenied' } });
    const run = await scan(url);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^s3-audit: error: ListBuckets failed: AccessDenied .*s3:ListAllMyBuckets\n$/);
  });

  it('no credentials anywhere: names the sources it tried', async () => {
    const { url } = await serve({ accountId: ACCOUNT, buckets: [] });
    const run = await scan(url, [], {});
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(run.stderr).toMatch(/^s3-audit: error: .*credentials.*AWS_ACCESS_KEY_ID.*AWS_PROFILE/);
  });

  it('an --output that cannot be written, before any AWS call is made', async () => {
    const server = await serve({ accountId: ACCOUNT, buckets: [hardened('alpha', 'us-east-1')] });
    const run = await scan(server.url, ['--output', '/nonexistent/dir/report.txt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^s3-audit: error: --output \/nonexistent\/dir\/report.txt: cannot write \(ENOENT/);
    expect(server.requests).toEqual([]);
  });

  it('an endpoint that does not answer', async () => {
    const run = await scan('http://127.0.0.1:9', ['--max-attempts', '1'], TEST_CREDENTIALS);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^s3-audit: error: .*ECONNREFUSED/);
    expect(run.stderr).not.toContain(TEST_CREDENTIALS.AWS_SECRET_ACCESS_KEY);
  });
});
