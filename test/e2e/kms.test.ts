import { afterEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/types.ts';
import type { AccountFixture, AwsEndpoint, BucketFixture, KmsKeyFixture } from '../support/aws-endpoint/index.ts';
import { startAwsEndpoint } from '../support/aws-endpoint/index.ts';
import { parseJson } from '../support/json.ts';
import { runBuiltCli, TEST_CREDENTIALS } from '../support/run-cli.ts';

const ACCOUNT = '123456789012';
const key = (region: string, id: string, account = ACCOUNT) => `arn:aws:kms:${region}:${account}:key/${id}`;
const ENABLED = key('us-east-1', '00000000-0000-4000-8000-00000000e4ab');
const NO_ROTATION = key('us-east-1', '00000000-0000-4000-8000-0000000000f0');
const DISABLED = key('us-east-1', '00000000-0000-4000-8000-0000000000d1');
const PENDING_DELETION = key('eu-west-1', '00000000-0000-4000-8000-0000000000de');
const PENDING_IMPORT = key('us-east-1', '00000000-0000-4000-8000-0000000000e1');
const UNAVAILABLE = key('us-east-1', '00000000-0000-4000-8000-0000000000c5');
const DENIED = key('us-east-1', '00000000-0000-4000-8000-0000000000ad');
const FOREIGN = key('us-east-1', '00000000-0000-4000-8000-0000000000ff', '999999999999');
const MISSING = key('us-east-1', '00000000-0000-4000-8000-000000000404');
const AWS_S3 = key('us-east-1', '00000000-0000-4000-8000-0000000a3553');

const keys: KmsKeyFixture[] = [
  { arn: ENABLED, aliases: ['alias/app-data'], rotationEnabled: true },
  { arn: NO_ROTATION, rotationEnabled: false },
  { arn: DISABLED, keyState: 'Disabled', rotationEnabled: true },
  { arn: PENDING_DELETION, keyState: 'PendingDeletion', deletionDate: '2026-12-20T00:00:00.000Z' },
  { arn: PENDING_IMPORT, keyState: 'PendingImport', origin: 'EXTERNAL' },
  { arn: UNAVAILABLE, keyState: 'Unavailable', origin: 'AWS_CLOUDHSM' },
  { arn: DENIED, faults: { DescribeKey: 'AccessDeniedException' } },
  { arn: FOREIGN, rotationEnabled: true },
  { arn: AWS_S3, aliases: ['alias/aws/s3'], keyManager: 'AWS' },
];

function kmsBucket(name: string, keyId: string | undefined, bucketKeyEnabled = true, region = 'us-east-1'): BucketFixture {
  return {
    name,
    region,
    encryption: { rules: [{ sseAlgorithm: 'aws:kms', ...(keyId === undefined ? {} : { kmsMasterKeyId: keyId }), bucketKeyEnabled }] },
  };
}

const buckets: BucketFixture[] = [
  kmsBucket('enabled-a', ENABLED),
  kmsBucket('enabled-b', ENABLED),
  kmsBucket('enabled-c', ENABLED, false),
  kmsBucket('by-alias', 'alias/app-data'),
  kmsBucket('no-rotation', NO_ROTATION),
  kmsBucket('disabled', DISABLED),
  kmsBucket('pending-deletion', PENDING_DELETION, true, 'us-east-1'),
  kmsBucket('pending-import', PENDING_IMPORT),
  kmsBucket('unavailable', UNAVAILABLE),
  kmsBucket('denied', DENIED),
  kmsBucket('foreign', FOREIGN),
  kmsBucket('missing', MISSING),
  kmsBucket('aws-default', undefined),
  kmsBucket('aws-alias', 'alias/aws/s3'),
  { name: 'sse-s3', region: 'us-east-1', encryption: { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] } },
];

const fixture: AccountFixture = { accountId: ACCOUNT, buckets, kmsKeys: keys };

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

async function scanKms(args: readonly string[] = []) {
  endpoint = await startAwsEndpoint(fixture);
  const run = await runBuiltCli(
    ['scan', '--endpoint-url', endpoint.url, '--format', 'json', '--checks', 'bucket-kms-*', '--checks', 'bucket-key-enabled', ...args],
    TEST_CREDENTIALS,
  );
  return { run, server: endpoint };
}

function verdictsOf(report: JsonReport, checkId: string): Record<string, string> {
  return Object.fromEntries(report.findings.filter((f) => f.checkId === checkId).map((f) => [f.resource.name, f.status]));
}

describe('KMS checks against the local endpoint (built CLI, real SDK)', () => {
  it('joins every bucket to its key and judges each key state', async () => {
    const { run, server } = await scanKms();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = parseJson<JsonReport>(run.stdout);

    expect(verdictsOf(report, 'bucket-kms-key-state')).toEqual({
      'aws-alias': 'pass',
      'aws-default': 'pass',
      'by-alias': 'pass',
      denied: 'unknown',
      disabled: 'fail',
      'enabled-a': 'pass',
      'enabled-b': 'pass',
      'enabled-c': 'pass',
      foreign: 'pass',
      missing: 'fail',
      'no-rotation': 'pass',
      'pending-deletion': 'fail',
      'pending-import': 'fail',
      unavailable: 'fail',
    });
    expect(verdictsOf(report, 'bucket-kms-key-foreign')).toMatchObject({
      'aws-alias': 'fail',
      'aws-default': 'pass',
      'by-alias': 'fail',
      'enabled-a': 'pass',
      foreign: 'fail',
      missing: 'pass',
    });
    expect(verdictsOf(report, 'bucket-kms-key-rotation')).toEqual({
      denied: 'unknown',
      disabled: 'pass',
      'by-alias': 'pass',
      'enabled-a': 'pass',
      'enabled-b': 'pass',
      'enabled-c': 'pass',
      foreign: 'pass',
      'no-rotation': 'fail',
      'pending-import': 'fail',
      unavailable: 'fail',
    });
    expect(verdictsOf(report, 'bucket-key-enabled')['enabled-c']).toBe('fail');

    const message = (bucket: string, checkId: string) =>
      report.findings.find((f) => f.resource.name === bucket && f.checkId === checkId)?.message;
    expect(message('pending-deletion', 'bucket-kms-key-state')).toBe(
      `Default-encryption key ${PENDING_DELETION} is PendingDeletion (deleted on 2026-12-20): writes fail now, and once ` +
        'the key is deleted every object encrypted under it is unreadable for good.',
    );
    expect(message('missing', 'bucket-kms-key-state')).toMatch(new RegExp(`^Default-encryption key ${MISSING} does not exist in us-east-1 \\(NotFoundException\\)`));
    expect(report.errors).toEqual([
      { operation: 'DescribeKey', resource: 'arn:aws:s3:::denied', code: 'AccessDeniedException', message: 'User is not authorized to perform this operation' },
    ]);

    const kmsRequests = server.requests.filter((r) => r.service === 'kms');
    expect(kmsRequests.filter((r) => r.keyId?.includes('alias/aws/') === true), 'never DescribeKey on an AWS alias').toEqual([]);
    // Each distinct key once: the 3 buckets on ENABLED share one call; the key in eu-west-1 is asked there.
    expect(kmsRequests.filter((r) => r.operation === 'DescribeKey').map((r) => r.keyId).sort()).toEqual(
      [ENABLED, NO_ROTATION, DISABLED, PENDING_DELETION, PENDING_IMPORT, UNAVAILABLE, DENIED, FOREIGN, MISSING, 'alias/app-data'].sort(),
    );
    expect(kmsRequests.find((r) => r.keyId === PENDING_DELETION)?.region).toBe('eu-west-1');
    expect(server.counts()['kms:GetKeyPolicy']).toBeUndefined();
  });

  it('makes no KMS call when the selected checks do not need a key', async () => {
    endpoint = await startAwsEndpoint(fixture);
    const run = await runBuiltCli(
      ['scan', '--endpoint-url', endpoint.url, '--format', 'json', '--checks', 'bucket-kms-key-foreign,bucket-key-enabled'],
      TEST_CREDENTIALS,
    );
    expect(run.code).toBe(1);
    expect(endpoint.requests.filter((r) => r.service === 'kms')).toEqual([]);
  });
});
