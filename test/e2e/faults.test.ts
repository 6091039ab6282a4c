import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/types.ts';
import type { AccountFixture, AwsEndpoint, AwsEndpointOptions, BucketFixture, FaultSpec, KmsKeyFixture } from '../support/aws-endpoint/index.ts';
import { S3_BUCKET_OPERATIONS, startAwsEndpoint } from '../support/aws-endpoint/index.ts';
import { parseJson } from '../support/json.ts';
import { runBuiltCli, startBuiltCli, TEST_CREDENTIALS } from '../support/run-cli.ts';
import { tempDir } from '../support/snapshot-file.ts';

/**
 * Faults injected through the local endpoint, end to end through the built CLI and the real SDK:
 * the scan keeps going, says why, and never turns a failed read into a verdict.
 */

const ACCOUNT = '123456789012';
const VERSIONING = ['--checks', 'bucket-versioning'] as const;

const hardened = (name: string, faults?: BucketFixture['faults'], region = 'us-east-1'): BucketFixture => ({
  name,
  region,
  encryption: { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] },
  versioning: { status: 'Enabled', mfaDelete: 'Enabled' },
  ...(faults === undefined ? {} : { faults }),
});

/** Every bucket setting on its weak side: public policy and ACL, wildcard CORS, no versioning, no BPA. */
const exposed = (name: string, faults?: BucketFixture['faults']): BucketFixture => ({
  name,
  region: 'us-east-1',
  versioning: { status: 'Suspended' },
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` }] },
  policyStatus: { isPublic: true },
  acl: { grants: [{ granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' }] },
  cors: { rules: [{ allowedOrigins: ['*'], allowedMethods: ['GET', 'PUT'], allowedHeaders: ['*'], exposeHeaders: [] }] },
  publicAccessBlock: allBlocked(false),
  ownershipControls: { objectOwnership: 'ObjectWriter' },
  logging: { target: { bucket: name, prefix: 'logs/' } },
  ...(faults === undefined ? {} : { faults }),
});

function withoutFaults(bucket: BucketFixture): BucketFixture {
  const copy = { ...bucket };
  delete copy.faults;
  return copy;
}

/** Starts an endpoint for one test and always closes it: the tests of this file run concurrently. */
async function withEndpoint<T>(fixture: AccountFixture, options: AwsEndpointOptions, use: (endpoint: AwsEndpoint) => Promise<T>): Promise<T> {
  const endpoint = await startAwsEndpoint(fixture, options);
  try {
    return await use(endpoint);
  } finally {
    await endpoint.close();
  }
}

function scanArgs(url: string, args: readonly string[]): string[] {
  return ['scan', '--endpoint-url', url, '--format', 'json', '--no-progress', ...args];
}

async function scanWith(fixture: AccountFixture, args: readonly string[], options: AwsEndpointOptions = {}) {
  return withEndpoint(fixture, options, async (endpoint) => {
    const run = await runBuiltCli(scanArgs(endpoint.url, args), TEST_CREDENTIALS);
    return { run, counts: endpoint.counts() };
  });
}

const verdicts = (report: JsonReport) => report.findings.map((f) => `${f.resource.name} ${f.checkId} ${f.status}`);
const errorsOf = (report: JsonReport) => report.errors.map((e) => `${e.operation} ${e.resource} ${e.code}: ${e.message}`);

/** One bucket faulted on `operation`, read by the version checks: unknown, listed, exit 3. */
async function expectUnknownVersioning(fault: FaultSpec, extraArgs: readonly string[] = []) {
  const { run, counts } = await scanWith(
    { accountId: ACCOUNT, buckets: [hardened('fine'), hardened('faulty', { GetBucketVersioning: fault })] },
    [...VERSIONING, ...extraArgs],
  );
  expect(run.code).toBe(3);
  const report = parseJson<JsonReport>(run.stdout);
  expect(report.complete).toBe(false);
  expect(verdicts(report)).toEqual(['faulty bucket-versioning unknown', 'fine bucket-versioning pass']);
  return { report, counts, run };
}

describe.concurrent('AccessDenied on each API family', () => {
  it('S3 bucket reads: a denied read turns a verdict into unknown, never into another pass or fail; errors[] names each; exit 1 or 3', async () => {
    const operations = S3_BUCKET_OPERATIONS.filter((op) => op !== 'HeadBucket' && op !== 'GetBucketLocation');
    // Each denied read on a bucket where it would pass and on one where it would fail: a check
    // that took an error for either answer shows up as a verdict that differs from the true one.
    const buckets = operations.flatMap((operation) => [
      hardened(`${operation.toLowerCase()}-hardened`, { [operation]: 'AccessDenied' }),
      exposed(`${operation.toLowerCase()}-exposed`, { [operation]: 'AccessDenied' }),
    ]);
    const everyCheck = ['--checks', '*'];
    const [faulted, truth] = await Promise.all([
      scanWith({ accountId: ACCOUNT, buckets }, everyCheck),
      scanWith({ accountId: ACCOUNT, buckets: buckets.map(withoutFaults) }, everyCheck),
    ]);
    expect(faulted.run.code).toBe(1);
    const report = parseJson<JsonReport>(faulted.run.stdout);
    expect(report.complete).toBe(false);
    const trueVerdicts = new Map(parseJson<JsonReport>(truth.run.stdout).findings.map((f) => [`${f.resource.name} ${f.checkId}`, f.status]));
    const changed = report.findings.filter((f) => f.status !== 'unknown' && f.status !== trueVerdicts.get(`${f.resource.name} ${f.checkId}`));
    expect(changed.map((f) => `${f.resource.name} ${f.checkId} ${f.status}: ${f.message}`)).toEqual([]);
    expect(report.findings.filter((f) => f.status === 'unknown').length).toBeGreaterThan(operations.length * 2);
    expect(report.errors.map((e) => `${e.operation} ${e.resource} ${e.code}`).sort()).toEqual(
      buckets.map((b) => `${Object.keys(b.faults ?? {})[0] ?? ''} arn:aws:s3:::${b.name} AccessDenied`).sort(),
    );
  });

  it('S3 Control account Block Public Access: the account and bucket BPA checks are unknown, errors[] names the account; exit 3', async () => {
    const { run } = await scanWith(
      { accountId: ACCOUNT, buckets: [{ ...hardened('b'), publicAccessBlock: allBlocked(true) }], faults: { GetPublicAccessBlock: 'AccessDenied' } },
      ['--checks', 'account-public-access-block,bucket-public-access-block'],
    );
    expect(run.code).toBe(3);
    const report = parseJson<JsonReport>(run.stdout);
    expect(report.findings.map((f) => `${f.checkId} ${f.status}`).sort()).toEqual([
      'account-public-access-block unknown',
      'bucket-public-access-block pass',
    ]);
    expect(errorsOf(report)).toEqual([`GetPublicAccessBlock arn:aws:s3:us-east-1:${ACCOUNT}:account AccessDenied: Access Denied`]);
  });

  it('KMS GetKeyRotationStatus: the rotation check is unknown, the key-state check still judges the key; exit 3', async () => {
    const keyArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/00000000-0000-4000-8000-0000000000ad`;
    const key: KmsKeyFixture = { arn: keyArn, faults: { GetKeyRotationStatus: 'AccessDeniedException' } };
    const bucket: BucketFixture = { name: 'kms', region: 'us-east-1', encryption: { rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: keyArn, bucketKeyEnabled: true }] } };
    const { run } = await scanWith({ accountId: ACCOUNT, buckets: [bucket], kmsKeys: [key] }, ['--checks', 'bucket-kms-key-state,bucket-kms-key-rotation']);
    expect(run.code).toBe(3);
    const report = parseJson<JsonReport>(run.stdout);
    expect(verdicts(report)).toEqual(['kms bucket-kms-key-rotation unknown', 'kms bucket-kms-key-state pass']);
    expect(errorsOf(report)).toEqual(['GetKeyRotationStatus arn:aws:s3:::kms AccessDeniedException: User is not authorized to perform this operation']);
  });

  it('STS GetCallerIdentity: fatal, exit 2 with one line, no report', async () => {
    const { run } = await scanWith({ accountId: ACCOUNT, buckets: [hardened('b')], faults: { GetCallerIdentity: 'AccessDenied' } }, []);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('s3-audit: error: Could not identify the AWS account with STS GetCallerIdentity: AccessDenied: Access Denied\n');
  });
});

function allBlocked(on: boolean) {
  return { blockPublicAcls: on, ignorePublicAcls: on, blockPublicPolicy: on, restrictPublicBuckets: on };
}

describe.concurrent('transient and broken answers', () => {
  it('a throttling storm: each call is retried --max-attempts times, then unknown with SlowDown; the scan ends', async () => {
    const { report, counts } = await expectUnknownVersioning('SlowDown', ['--max-attempts', '3']);
    // One request for the healthy bucket, three attempts for the throttled one.
    expect(counts['s3:GetBucketVersioning']).toBe(1 + 3);
    expect(errorsOf(report)).toEqual(['GetBucketVersioning arn:aws:s3:::faulty SlowDown: Please reduce your request rate.']);
  });

  it('a throttling burst that passes: retried, then every verdict is reached; exit 0', async () => {
    const { run, counts } = await scanWith(
      { accountId: ACCOUNT, buckets: [hardened('burst', { GetBucketVersioning: { code: 'SlowDown', times: 2 } })] },
      [...VERSIONING, '--max-attempts', '3'],
    );
    expect(run.code).toBe(0);
    expect(counts['s3:GetBucketVersioning']).toBe(3);
  });

  it('500 InternalError on every attempt: unknown with the code AWS sent', async () => {
    const { report } = await expectUnknownVersioning('InternalError', ['--max-attempts', '2']);
    expect(errorsOf(report)).toEqual(['GetBucketVersioning arn:aws:s3:::faulty InternalError: We encountered an internal error. Please try again.']);
  });

  it('a connection reset on every attempt: unknown with ECONNRESET', async () => {
    const { report } = await expectUnknownVersioning({ kind: 'reset' }, ['--max-attempts', '2']);
    expect(errorsOf(report)).toEqual(['GetBucketVersioning arn:aws:s3:::faulty ECONNRESET: socket hang up']);
  });

  it('a connection reset once: retried, and the verdict is reached', async () => {
    const { run } = await scanWith({ accountId: ACCOUNT, buckets: [hardened('flaky', { GetBucketVersioning: { kind: 'reset', times: 1 } })] }, VERSIONING);
    expect(run.code).toBe(0);
  });

  it('a response slower than --request-timeout: that request gives up, unknown with TimeoutError naming the timeout', async () => {
    const { report } = await expectUnknownVersioning({ kind: 'delay', ms: 5_000 }, ['--request-timeout', '1500', '--max-attempts', '1']);
    expect(errorsOf(report)).toEqual(['GetBucketVersioning arn:aws:s3:::faulty TimeoutError: a request has exceeded the configured 1500 ms requestTimeout.']);
  });

  it('--request-timeout applies per request: four 300 ms answers in a row pass under a 1000 ms timeout', async () => {
    const slow = { GetBucketVersioning: { kind: 'delay', ms: 300 } } as const;
    const { run } = await scanWith(
      { accountId: ACCOUNT, buckets: ['s1', 's2', 's3', 's4'].map((name) => hardened(name, slow)) },
      [...VERSIONING, '--request-timeout', '1000', '--concurrency', '1', '--max-attempts', '1'],
    );
    expect(run.code).toBe(0);
    expect(verdicts(parseJson<JsonReport>(run.stdout))).toHaveLength(4);
  });

  it('a malformed XML body from S3: unknown with MalformedResponse and the parser message', async () => {
    const { report } = await expectUnknownVersioning({ kind: 'malformed' }, ['--max-attempts', '1']);
    expect(errorsOf(report)).toEqual(['GetBucketVersioning arn:aws:s3:::faulty MalformedResponse: @aws-sdk XML parse error: missing closing tag </Name>.']);
  });

  it('a malformed JSON body from KMS: the key checks are unknown with MalformedResponse', async () => {
    const keyArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/00000000-0000-4000-8000-0000000000bd`;
    const bucket: BucketFixture = { name: 'kms', region: 'us-east-1', encryption: { rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: keyArn, bucketKeyEnabled: true }] } };
    const { run } = await scanWith(
      { accountId: ACCOUNT, buckets: [bucket], kmsKeys: [{ arn: keyArn, faults: { DescribeKey: { kind: 'malformed' } } }] },
      ['--checks', 'bucket-kms-key-state', '--max-attempts', '1'],
    );
    expect(run.code).toBe(3);
    const report = parseJson<JsonReport>(run.stdout);
    expect(verdicts(report)).toEqual(['kms bucket-kms-key-state unknown']);
    expect(report.errors.map((e) => `${e.operation} ${e.code}`)).toEqual(['DescribeKey MalformedResponse']);
  });

  it('a value AWS does not document (versioning status "Paused"): unknown, never a guess', async () => {
    const { run } = await scanWith({ accountId: ACCOUNT, buckets: [{ ...hardened('odd'), versioning: { status: 'Paused' as 'Enabled' } }] }, ['--checks', 'bucket-versioning,bucket-mfa-delete']);
    expect(run.code).toBe(3);
    const report = parseJson<JsonReport>(run.stdout);
    expect(verdicts(report)).toEqual(['odd bucket-mfa-delete unknown', 'odd bucket-versioning unknown']);
    expect(errorsOf(report)).toEqual(['GetBucketVersioning arn:aws:s3:::odd UnexpectedResponse: unrecognized versioning state (Status Paused, MfaDelete undefined)']);
  });

  it('credentials that expire mid-scan (ExpiredToken on bucket reads): unknown with ExpiredToken', async () => {
    const { report } = await expectUnknownVersioning('ExpiredToken');
    expect(errorsOf(report)).toEqual(['GetBucketVersioning arn:aws:s3:::faulty ExpiredToken: The provided token has expired.']);
  });

  it('expired credentials at the start (STS ExpiredToken): exit 2, one line saying to refresh them', async () => {
    const { run } = await scanWith({ accountId: ACCOUNT, buckets: [], faults: { GetCallerIdentity: 'ExpiredToken' } }, []);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('s3-audit: error: The AWS credentials have expired (ExpiredToken); refresh them (e.g. aws sso login) and retry.\n');
  });

  it('ListBuckets answering garbage: exit 2 naming the operation', async () => {
    const { run } = await scanWith({ accountId: ACCOUNT, buckets: [hardened('b')], faults: { ListBuckets: { kind: 'malformed' } } }, ['--max-attempts', '1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^s3-audit: error: ListBuckets failed: MalformedResponse: @aws-sdk XML parse error/);
  });
});

describe.concurrent('an opt-in Region the account has not enabled', () => {
  it('its buckets are unknown, with a message that the Region may not be enabled; other buckets are judged; exit 3', async () => {
    const { run } = await scanWith(
      {
        accountId: ACCOUNT,
        buckets: [hardened('home', undefined, 'us-east-1'), hardened('bahrain', undefined, 'me-south-1')],
        disabledRegions: ['me-south-1'],
      },
      VERSIONING,
    );
    expect(run.code).toBe(3);
    const report = parseJson<JsonReport>(run.stdout);
    expect(verdicts(report)).toEqual(['bahrain bucket-versioning unknown', 'home bucket-versioning pass']);
    expect(errorsOf(report)).toEqual([
      'GetBucketVersioning arn:aws:s3:::bahrain InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records. ' +
        '(the bucket is in me-south-1, which may not be enabled for this account: opt-in Regions must be enabled before their buckets can be read)',
    ]);
  });
});

describe.concurrent('bucket policies s3-audit cannot judge', () => {
  const tlsDeny = (i: number) => ({
    Sid: `DenyPlainHttp${i}`,
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
  it.each([
    ['that is not valid JSON', '{"Version": "2012-10-17", "Statement": [', /not valid JSON/],
    ['larger than the 20 KB S3 accepts', JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 120 }, (_, i) => tlsDeny(i)) }), /^\d+ bytes without whitespace, more than the 20480 bytes S3 accepts for a bucket policy$/],
  ])('a policy %s: the TLS check is unknown and says why', async (_case, policy, reason) => {
    const { run } = await scanWith({ accountId: ACCOUNT, buckets: [{ ...hardened('b'), policy }] }, ['--checks', 'bucket-tls-only']);
    expect(run.code).toBe(3);
    const [finding] = parseJson<JsonReport>(run.stdout).findings;
    expect(finding?.status).toBe('unknown');
    const error = /^The bucket policy is not a valid policy document \((.*)\), so whether it denies plain HTTP is unknown\.$/.exec(finding?.message ?? '')?.[1];
    expect(error).toMatch(reason);
  });
});

describe('Ctrl-C', () => {
  it('SIGINT during collection: exit 130, one line, no report, snapshot or baseline file, no temp file', async () => {
    const slow = { kind: 'delay', ms: 10_000 } as const;
    await withEndpoint({ accountId: ACCOUNT, buckets: [hardened('a', { GetBucketVersioning: slow }), hardened('b', { GetBucketVersioning: slow })] }, {}, async (endpoint) => {
      const dir = tempDir();
      const started = startBuiltCli(
        scanArgs(endpoint.url, [...VERSIONING, '--output', join(dir, 'r.json'), '--save-snapshot', join(dir, 's.jsonl'), '--write-baseline', join(dir, 'b.json')]),
        TEST_CREDENTIALS,
      );
      await until(() => (endpoint.counts()['s3:GetBucketVersioning'] ?? 0) === 2);
      started.child.kill('SIGINT');
      const run = await started.done;
      expect(run.code).toBe(130);
      expect(run.stderr).toBe('s3-audit: interrupted: the scan stopped before it finished; no report, snapshot or baseline was written\n');
      expect(run.stdout).toBe('');
      expect(readdirSync(dir)).toEqual([]);
    });
  });
});

/** Polls a condition the endpoint reaches on its own (requests arriving); bounded by the test timeout. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('credentials never leave the SDK', () => {
  const CANARIES = {
    AWS_ACCESS_KEY_ID: 'ASIACANARYKEY0000001',
    AWS_SECRET_ACCESS_KEY: 'canary-secret-6b1f0e2d9a',
    AWS_SESSION_TOKEN: 'canary-session-token-4c8e7a1b3f',
  };
  it('not in stdout, stderr (--debug included), the snapshot, the baseline or any report, even when calls fail', async () => {
    const fixture: AccountFixture = {
      accountId: ACCOUNT,
      buckets: [
        hardened('fine'),
        hardened('denied', { GetBucketVersioning: 'AccessDenied', GetBucketPolicy: 'SignatureDoesNotMatch' }),
        { ...hardened('public'), policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public/*' }] } },
      ],
    };
    await withEndpoint(fixture, {}, async (endpoint) => {
      const dir = tempDir();
      const file = (name: string) => join(dir, name);
      const run = await runBuiltCli(
        [
          ...scanArgs(endpoint.url, ['--debug', '--save-snapshot', file('s.jsonl'), '--write-baseline', file('b.json')]),
          ...['json', 'sarif', 'junit', 'markdown', 'html'].flatMap((format) => ['--report', `${format}=${file(`r.${format}`)}`]),
        ],
        CANARIES,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^s3-audit: debug: sts GetCallerIdentity us-east-1 POST 127\.0\.0\.1\/ → 200 in \d+ ms, 0 retries$/m);
      expect(run.stderr).toMatch(/^s3-audit: debug: s3 GetBucketVersioning us-east-1 GET 127\.0\.0\.1\/denied\/\?versioning → 403 AccessDenied in \d+ ms, 0 retries$/m);
      const written = readdirSync(dir).sort();
      expect(written).toEqual(['b.json', 'r.html', 'r.json', 'r.junit', 'r.markdown', 'r.sarif', 's.jsonl']);
      const outputs = { stdout: run.stdout, stderr: run.stderr, ...Object.fromEntries(written.map((name) => [name, readFileSync(file(name), 'utf8')])) };
      for (const [where, text] of Object.entries(outputs)) {
        for (const secret of Object.values(CANARIES)) expect(text.includes(secret), `${secret} in ${where}`).toBe(false);
        expect(text, where).not.toMatch(/AWS4-HMAC-SHA256|X-Amz-Signature=|X-Amz-Credential=|X-Amz-Security-Token=/i);
      }
    });
  });
});

describe('--debug', () => {
  it('logs one line per AWS call: service, operation, region, request, status or error code, duration, retries', async () => {
    const { run } = await scanWith(
      // A 500 is retried inside the SDK call (throttling is retried by the scan's own gate, one line per answer).
      { accountId: ACCOUNT, buckets: [hardened('b', { GetBucketVersioning: { code: 'InternalError', times: 1 } })] },
      ['--checks', 'bucket-versioning', '--debug'],
    );
    expect(run.code).toBe(0);
    const lines = run.stderr.trimEnd().split('\n').map((line) => line.replace(/ in \d+ ms/, ' in N ms'));
    expect(lines).toEqual([
      's3-audit: debug: sts GetCallerIdentity us-east-1 POST 127.0.0.1/ → 200 in N ms, 0 retries',
      's3-audit: debug: s3 ListBuckets us-east-1 GET 127.0.0.1/?x-id=ListBuckets&max-buckets=1000 → 200 in N ms, 0 retries',
      's3-audit: debug: s3 GetBucketVersioning us-east-1 GET 127.0.0.1/b/?versioning → 200 in N ms, 1 retry',
    ]);
  });

  it('without --debug, nothing of the kind reaches stderr', async () => {
    const { run } = await scanWith({ accountId: ACCOUNT, buckets: [hardened('b')] }, VERSIONING);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});
