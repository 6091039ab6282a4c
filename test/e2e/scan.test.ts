import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountFixture, AwsEndpoint, AwsEndpointOptions, BucketFixture } from '../support/aws-endpoint/index.ts';
import { loadFixture, startAwsEndpoint } from '../support/aws-endpoint/index.ts';
import type { JsonReport } from '../../src/report/types.ts';
import { parseJson } from '../support/json.ts';
import { runBuiltCli, TEST_CREDENTIALS } from '../support/run-cli.ts';
import { sarifProblems } from '../support/sarif-validation.ts';
import { tempDir } from '../support/snapshot-file.ts';
import { ONLY_PINNED_CHECKS, SKIP_UNPINNED_CHECKS } from '../support/pinned-checks.ts';

const ACCOUNT = '123456789012';
const sseS3 = { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] };
const hardened = (name: string, region: string): BucketFixture => ({
  name,
  region,
  encryption: sseS3,
  versioning: { status: 'Enabled', mfaDelete: 'Enabled' },
});

/** Logs into the account's log bucket of its region, which is exempt from logging itself. */
const logged = (name: string, region: string): BucketFixture => ({
  ...hardened(name, region),
  logging: { target: { bucket: `logs-${region}`, prefix: `${name}/` } },
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
  const report = parseJson<JsonReport>(stdout);
  return report.findings.map((f) => `${f.resource.name} ${f.checkId} ${f.status}`);
}

describe('s3-audit scan against the local AWS endpoint (built CLI, real SDK)', () => {
  it('passes a hardened account: exit 0, every verdict pass, nothing on stderr', async () => {
    const { url } = await serve({
      accountId: ACCOUNT,
      buckets: [logged('alpha', 'us-east-1'), logged('beta', 'eu-west-1'), hardened('logs-us-east-1', 'us-east-1'), hardened('logs-eu-west-1', 'eu-west-1')],
    });
    const run = await scan(url, ['--format', 'json', '--checks', `${ONLY_PINNED_CHECKS[1]},bucket-access-logging,bucket-logging-loop,bucket-logging-target`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(verdicts(run.stdout)).toEqual([
      'alpha bucket-access-logging pass',
      'alpha bucket-default-encryption pass',
      'alpha bucket-logging-loop pass',
      'alpha bucket-logging-target pass',
      'alpha bucket-mfa-delete pass',
      'alpha bucket-versioning pass',
      'beta bucket-access-logging pass',
      'beta bucket-default-encryption pass',
      'beta bucket-logging-loop pass',
      'beta bucket-logging-target pass',
      'beta bucket-mfa-delete pass',
      'beta bucket-versioning pass',
      'logs-eu-west-1 bucket-access-logging pass',
      'logs-eu-west-1 bucket-default-encryption pass',
      'logs-eu-west-1 bucket-mfa-delete pass',
      'logs-eu-west-1 bucket-versioning pass',
      'logs-us-east-1 bucket-access-logging pass',
      'logs-us-east-1 bucket-default-encryption pass',
      'logs-us-east-1 bucket-mfa-delete pass',
      'logs-us-east-1 bucket-versioning pass',
    ]);
  });

  it('fails a bucket with versioning Suspended: exit 1 and the message says why', async () => {
    const { url } = await serve({
      accountId: ACCOUNT,
      buckets: [hardened('alpha', 'us-east-1'), { ...hardened('old', 'us-east-1'), versioning: { status: 'Suspended' } }],
    });
    const run = await scan(url, ['--format', 'json', '--checks', 'bucket-versioning']);
    expect(run.code).toBe(1);
    const report = parseJson<JsonReport>(run.stdout);
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
    const run = await scan(url, ['--format', 'json', ...ONLY_PINNED_CHECKS]);
    expect(run.code).toBe(3);
    const report = parseJson<JsonReport>(run.stdout);
    expect(report.complete).toBe(false);
    expect(verdicts(run.stdout)).toEqual([
      'locked bucket-default-encryption pass',
      'locked bucket-mfa-delete unknown',
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
    const run = await scan(url, ONLY_PINNED_CHECKS);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout).toContain(`account ${ACCOUNT}`);
    expect(run.stdout).toMatch(/medium\s+2\s+1\s+3\s+6/);
    expect(run.stdout).toMatch(/Failing findings[\s\S]*legacy\s+eu-west-1\n[\s\S]*?MEDIUM\s+bucket-versioning\s+Versioning is Suspended/);
    expect(run.stdout).toMatch(/Could not evaluate[\s\S]*locked\s+us-east-1\s+MEDIUM\s+bucket-default-encryption\s+Could not read/);
  });

  it('reads every bucket in its own region: no wrong-region redirect is ever answered', async () => {
    const server = await serve({
      accountId: ACCOUNT,
      buckets: [hardened('east', 'us-east-1'), hardened('ireland', 'eu-west-1'), hardened('sydney', 'ap-southeast-2')],
    });
    const run = await scan(server.url, ['--format', 'json', ...ONLY_PINNED_CHECKS, '--region', 'eu-west-1']);
    expect(run.code).toBe(0);
    const bucketCalls = server.requests.filter((r) => r.service === 's3' && r.bucket !== undefined);
    expect(bucketCalls.length).toBe(9);
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
    const run = await scan(url, ['--format', 'json', ...ONLY_PINNED_CHECKS]);
    expect(run.code).toBe(0);
    const report = parseJson<JsonReport>(run.stdout);
    expect(report.findings.every((f) => f.resource.name === 'stays')).toBe(true);
    expect(report.errors).toEqual([]);
    expect(report.notes).toEqual(['Bucket gone was deleted during the scan (GetBucketVersioning answered NoSuchBucket); it is not in this report.']);
    expect(run.stderr).toContain('s3-audit: note: Bucket gone was deleted during the scan');
  });

  it('retries throttling (every 4th request answers SlowDown) and still reaches every verdict', async () => {
    const buckets = Array.from({ length: 20 }, (_, i) => hardened(`b${i}`, 'us-east-1'));
    const { url } = await serve({ accountId: ACCOUNT, buckets }, { throttleEvery: 4 });
    const run = await scan(url, ['--format', 'json', ...ONLY_PINNED_CHECKS]);
    expect(run.code).toBe(0);
    const report = parseJson<JsonReport>(run.stdout);
    expect(report.findings).toHaveLength(60);
    expect(report.complete).toBe(true);
  });

  it('writes the table to the terminal and SARIF GitHub accepts, JSON and JUnit to files, from one live scan', async () => {
    const fixture = await loadFixture(join(import.meta.dirname, '..', '..', 'fixtures', 'demo-account.json'));
    const server = await serve(fixture);
    const dir = tempDir();
    const file = (name: string) => join(dir, name);
    const run = await scan(server.url, [
      '--no-progress',
      '--report', `sarif=${file('s3.sarif')}`,
      '--report', `json=${file('s3.json')}`,
      '--report', `junit=${file('s3.xml')}`,
    ]);
    expect(run.stdout).toContain('Failing findings');
    const report = parseJson<JsonReport>(readFileSync(file('s3.json'), 'utf8'));
    const sarif = readFileSync(file('s3.sarif'), 'utf8');
    expect(sarifProblems(sarif)).toEqual([]);
    const failing = report.findings.filter((f) => f.status === 'fail').length;
    expect(failing).toBeGreaterThan(0);
    expect(parseJson<{ runs: { results: unknown[] }[] }>(sarif).runs[0]?.results).toHaveLength(failing);
    expect(readFileSync(file('s3.xml'), 'utf8')).toContain(`failures="${failing}"`);
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
    expect(parseJson<JsonReport>(replay.stdout).findings).toEqual(parseJson<JsonReport>(live.stdout).findings);
    const contents = readFileSync(snapshot, 'utf8');
    expect(contents.split('\n')[0]).toContain('"kind":"s3-audit-snapshot"');
    expect(contents, 'credentials never reach a snapshot').not.toContain(TEST_CREDENTIALS.AWS_SECRET_ACCESS_KEY);
    expect(contents).not.toContain(TEST_CREDENTIALS.AWS_ACCESS_KEY_ID);
  });
});

describe('logging checks end to end: the bucket index over the whole account', () => {
  const LOGGING_CHECKS = ['--checks', 'bucket-access-logging,bucket-logging-loop,bucket-logging-target'];
  const logsTo = (name: string, region: string, target: string): BucketFixture => ({ name, region, logging: { target: { bucket: target, prefix: `${name}/` } } });
  const account: AccountFixture = {
    accountId: ACCOUNT,
    buckets: [
      logsTo('app', 'us-east-1', 'logs'),
      { name: 'logs', region: 'us-east-1' },
      logsTo('loop-a', 'us-east-1', 'loop-b'),
      logsTo('loop-b', 'us-east-1', 'loop-a'),
      logsTo('selfish', 'us-east-1', 'selfish'),
      logsTo('far', 'us-east-1', 'logs-eu'),
      { name: 'logs-eu', region: 'eu-west-1' },
      logsTo('vaulted', 'us-east-1', 'worm-logs'),
      { name: 'worm-logs', region: 'us-east-1', objectLock: { enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 1 } } },
      logsTo('typo', 'us-east-1', 'no-such-logs'),
      logsTo('guarded', 'us-east-1', 'guarded-logs'),
      { name: 'guarded-logs', region: 'us-east-1', faults: { GetObjectLockConfiguration: 'AccessDenied' } },
      { name: 'quiet', region: 'us-east-1' },
    ],
  };
  const findingsOf = (stdout: string) =>
    parseJson<JsonReport>(stdout).findings.map((f) => `${f.resource.name} ${f.checkId} ${f.status}: ${f.message}`);

  it('reports each logging check, reads logging and Object Lock once per bucket, and replays the same', async () => {
    const server = await serve(account);
    const snapshot = join(tempDir(), 'logging.jsonl');
    const live = await scan(server.url, ['--format', 'json', ...LOGGING_CHECKS, '--save-snapshot', snapshot]);
    expect(live.code).toBe(1);
    expect(server.counts()).toEqual({
      'sts:GetCallerIdentity': 1,
      's3:ListBuckets': 1,
      's3:GetBucketLogging': 13,
      's3:GetObjectLockConfiguration': 13,
    });
    const findings = findingsOf(live.stdout);
    expect(findings).toEqual(
      expect.arrayContaining([
        'app bucket-access-logging pass: Server access logging is on, delivering to logs.',
        'app bucket-logging-loop pass: Access logs flow app → logs and stop there: they never come back to this bucket.',
        'app bucket-logging-target pass: Access logs go to logs, a bucket of this account in us-east-1 without an Object Lock default retention.',
        'logs bucket-access-logging pass: Server access logging is off, as it should be for a log bucket: it receives the access logs of app in its Region.',
        'loop-a bucket-logging-loop fail: Access logs loop loop-a → loop-b → loop-a: every log delivery is a request that is logged again, so log objects pile up without end.',
        'selfish bucket-logging-loop fail: The bucket logs into itself (selfish → selfish): every log delivery is a request that is logged again, so log objects pile up without end.',
        'far bucket-logging-target fail: Access logs go to logs-eu, where S3 cannot deliver them: it is in eu-west-1, not in us-east-1 with the source bucket.',
        'vaulted bucket-logging-target fail: Access logs go to worm-logs, where S3 cannot deliver them: it has an Object Lock default retention.',
        'typo bucket-logging-target fail: Access logs go to no-such-logs, which is not a bucket of this account: S3 delivers nothing there, and whoever creates no-such-logs would own the logs.',
        'guarded bucket-logging-target unknown: Whether S3 can deliver access logs to guarded-logs cannot be told: its Object Lock configuration could not be read (GetObjectLockConfiguration failed with AccessDenied: Access Denied).',
        'quiet bucket-access-logging fail: Server access logging is off: requests to this bucket leave no access-log record (no bucket of its Region delivers its logs here, which would exempt it).',
      ]),
    );
    await server.close();
    endpoint = undefined;
    const replay = await runBuiltCli(['scan', '--snapshot', snapshot, '--format', 'json', ...LOGGING_CHECKS]);
    expect(replay.code).toBe(live.code);
    expect(parseJson<JsonReport>(replay.stdout).findings).toEqual(parseJson<JsonReport>(live.stdout).findings);
  });

  it('--bucket scans some buckets; the others stay in the index by name and region, with no call made for them', async () => {
    const server = await serve(account);
    const snapshot = join(tempDir(), 'filtered.jsonl');
    const live = await scan(server.url, ['--format', 'json', ...LOGGING_CHECKS, '--bucket', 'app', '--bucket', 'far', '--save-snapshot', snapshot]);
    expect(server.requests.filter((r) => r.bucket !== undefined && r.bucket !== 'app' && r.bucket !== 'far')).toEqual([]);
    expect(findingsOf(live.stdout)).toEqual([
      'app bucket-access-logging pass: Server access logging is on, delivering to logs.',
      'app bucket-logging-loop unknown: Whether access logs loop cannot be told: they flow app → logs, and the logging configuration of logs was not read: the bucket is outside the scanned buckets (--bucket/--exclude-bucket).',
      'app bucket-logging-target unknown: Whether S3 can deliver access logs to logs cannot be told: its Object Lock configuration was not read: the bucket is outside the scanned buckets (--bucket/--exclude-bucket).',
      'far bucket-access-logging pass: Server access logging is on, delivering to logs-eu.',
      'far bucket-logging-loop unknown: Whether access logs loop cannot be told: they flow far → logs-eu, and the logging configuration of logs-eu was not read: the bucket is outside the scanned buckets (--bucket/--exclude-bucket).',
      'far bucket-logging-target fail: Access logs go to logs-eu, where S3 cannot deliver them: it is in eu-west-1, not in us-east-1 with the source bucket.',
    ]);
    await server.close();
    endpoint = undefined;
    const replay = await runBuiltCli(['scan', '--snapshot', snapshot, '--format', 'json', ...LOGGING_CHECKS]);
    expect(replay.code).toBe(live.code);
    expect(parseJson<JsonReport>(replay.stdout).findings).toEqual(parseJson<JsonReport>(live.stdout).findings);
  });

  it('replaying a full snapshot with --bucket evaluates only those buckets, against the whole account', async () => {
    const server = await serve(account);
    const snapshot = join(tempDir(), 'full.jsonl');
    await scan(server.url, ['--format', 'json', ...LOGGING_CHECKS, '--save-snapshot', snapshot]);
    await server.close();
    endpoint = undefined;
    const replay = await runBuiltCli(['scan', '--snapshot', snapshot, '--format', 'json', ...LOGGING_CHECKS, '--bucket', 'app']);
    expect(replay.code).toBe(0);
    expect(findingsOf(replay.stdout)).toEqual([
      'app bucket-access-logging pass: Server access logging is on, delivering to logs.',
      'app bucket-logging-loop pass: Access logs flow app → logs and stop there: they never come back to this bucket.',
      'app bucket-logging-target pass: Access logs go to logs, a bucket of this account in us-east-1 without an Object Lock default retention.',
    ]);
  });
});

describe('config file and baseline, end to end', () => {
  it('reads .s3-audit.yml from the working directory, suppresses, then gates only on findings new since the baseline', async () => {
    const server = await serve({
      accountId: ACCOUNT,
      buckets: [
        hardened('alpha', 'us-east-1'),
        { ...hardened('logs-2024', 'us-east-1'), versioning: { status: 'Suspended' } },
        { ...hardened('legacy', 'eu-west-1'), versioning: { status: 'Suspended' } },
      ],
    });
    const dir = tempDir();
    writeFileSync(
      join(dir, '.s3-audit.yml'),
      [
        'checks:',
        '  bucket-mfa-delete:',
        '    enabled: false',
        'suppressions:',
        '  - check: bucket-versioning',
        "    resource: 'arn:aws:s3:::logs-*'",
        '    reason: Log buckets are write-once',
        '    expires: 2999-12-31',
        '',
      ].join('\n'),
    );
    const run = (args: readonly string[]) =>
      runBuiltCli(['scan', '--endpoint-url', server.url, '--format', 'json', ...SKIP_UNPINNED_CHECKS, ...args], TEST_CREDENTIALS, { cwd: dir });

    const first = await run(['--write-baseline', 'baseline.json']);
    expect(first.code).toBe(1);
    expect(first.stderr).toBe('s3-audit: wrote baseline of 1 failing finding to baseline.json\n');
    const report = parseJson<JsonReport>(first.stdout);
    expect(report.findings.filter((f) => f.status === 'fail').map((f) => [f.resource.name, f.checkId, f.suppression?.reason])).toEqual([
      ['legacy', 'bucket-versioning', undefined],
      ['logs-2024', 'bucket-versioning', 'Log buckets are write-once'],
    ]);
    expect(report.findings.some((f) => f.checkId === 'bucket-mfa-delete')).toBe(false);
    expect(report.summary.suppressed).toBe(1);

    const gated = await run(['--baseline', 'baseline.json']);
    expect(gated.code).toBe(0);
    expect(parseJson<JsonReport>(gated.stdout).summary.baseline).toEqual({ new: 0, known: 1 });
  });

  it('a mistake in the config file exits 2 naming file:line:col before any AWS call', async () => {
    const server = await serve({ accountId: ACCOUNT, buckets: [hardened('alpha', 'us-east-1')] });
    const dir = tempDir();
    writeFileSync(join(dir, 'audit.yml'), 'suppressions:\n  - check: bucket-versioning\n    resource: arn:aws:s3:::alpha\n');
    const run = await runBuiltCli(['scan', '--endpoint-url', server.url, '--config', 'audit.yml'], TEST_CREDENTIALS, { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("s3-audit: error: audit.yml:2:5: suppressions[0]: missing required key 'reason'\n");
    expect(server.requests).toEqual([]);
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
