import { describe, expect, it } from 'vitest';
import { BUILTIN_CHECKS } from '../../src/checks/registry.ts';
import type { Finding } from '../../src/checks/types.ts';
import type { ScanSource } from '../../src/engine/scan.ts';
import { scan } from '../../src/engine/scan.ts';
import { selectChecks } from '../../src/engine/select.ts';
import { absent, present } from '../../src/snapshot/observed.ts';
import { BUCKET_DATA_KEYS } from '../../src/snapshot/types.ts';
import type { BucketState, DataKey, SnapshotRecord } from '../../src/snapshot/types.ts';
import { snapshotHeader } from '../support/snapshot-file.ts';

const noLock = absent('ObjectLockConfigurationNotFoundError');
const bucket = (name: string, target?: string, region = 'us-east-1'): BucketState => ({
  name,
  region,
  logging: present(target === undefined ? {} : { target: { bucket: target, prefix: '' } }),
  objectLock: noLock,
  versioning: present({ status: 'Enabled' }),
});

function source(records: readonly SnapshotRecord[], collected: readonly DataKey[] = BUCKET_DATA_KEYS): ScanSource {
  return {
    header: snapshotHeader(collected),
    records: (async function* () {
      for (const record of records) yield await Promise.resolve(record);
    })(),
  };
}

const checks = selectChecks(BUILTIN_CHECKS, { only: ['bucket-logging-*', 'bucket-versioning'], skip: [] });
const verdicts = (findings: Iterable<Finding>) => Array.from(findings, (f) => `${f.resource.name} ${f.checkId} ${f.status}`).sort();

describe('scan with index checks', () => {
  it('evaluates index checks once every bucket is indexed, whatever order buckets arrive in', async () => {
    const result = await scan(
      source([
        { type: 'bucket', bucket: bucket('app', 'logs') },
        { type: 'bucket', bucket: bucket('loop-a', 'loop-b') },
        { type: 'bucket', bucket: bucket('loop-b', 'loop-a') },
        { type: 'bucket', bucket: bucket('logs') },
      ]),
      checks,
      { trustedAccounts: [] },
    );
    expect(verdicts(result.findings)).toEqual([
      'app bucket-logging-loop pass',
      'app bucket-logging-target pass',
      'app bucket-versioning pass',
      'logs bucket-versioning pass',
      'loop-a bucket-logging-loop fail',
      'loop-a bucket-logging-target pass',
      'loop-a bucket-versioning pass',
      'loop-b bucket-logging-loop fail',
      'loop-b bucket-logging-target pass',
      'loop-b bucket-versioning pass',
    ]);
  });

  it('indexes buckets the filter leaves out without evaluating them, and saves them as unscanned', async () => {
    const saved: SnapshotRecord[] = [];
    const result = await scan(
      source([
        { type: 'unscanned-bucket', name: 'listed-only', region: 'us-east-1' },
        { type: 'bucket', bucket: bucket('app', 'logs') },
        { type: 'bucket', bucket: bucket('logs', undefined, 'eu-west-1') },
        { type: 'bucket', bucket: bucket('other', 'listed-only') },
      ]),
      checks,
      {
        trustedAccounts: [],
        includeBucket: (name) => name !== 'logs',
        onRecord: (record) => {
          saved.push(record);
        },
      },
    );
    expect(result.findings.find((f) => f.resource.name === 'app' && f.checkId === 'bucket-logging-target')?.message).toBe(
      'Access logs go to logs, where S3 cannot deliver them: it is in eu-west-1, not in us-east-1 with the source bucket.',
    );
    expect(verdicts(result.findings).filter((v) => v.startsWith('logs ') || v.startsWith('listed-only '))).toEqual([]);
    expect(verdicts(result.findings).filter((v) => v.startsWith('other '))).toEqual([
      'other bucket-logging-loop unknown',
      'other bucket-logging-target unknown',
      'other bucket-versioning pass',
    ]);
    expect(saved.map((record) => (record.type === 'bucket' ? record.bucket.name : `${record.type} ${record.type === 'unscanned-bucket' ? record.name : ''}`))).toEqual([
      'unscanned-bucket listed-only',
      'app',
      'unscanned-bucket logs',
      'other',
    ]);
  });

  it('without index checks, a filtered-out bucket is neither indexed nor saved', async () => {
    const saved: SnapshotRecord[] = [];
    const result = await scan(
      source([{ type: 'bucket', bucket: bucket('app') }, { type: 'bucket', bucket: bucket('skipped') }]),
      selectChecks(BUILTIN_CHECKS, { only: ['bucket-versioning'], skip: [] }),
      { trustedAccounts: [], includeBucket: (name) => name === 'app', onRecord: (record) => void saved.push(record) },
    );
    expect(verdicts(result.findings)).toEqual(['app bucket-versioning pass']);
    expect(saved).toEqual([{ type: 'bucket', bucket: bucket('app') }]);
  });
});

describe('scan with access points', () => {
  const listed: readonly DataKey[] = [...BUCKET_DATA_KEYS, 'accessPointListing', 'accessPointPublicAccessBlock', 'multiRegionAccessPointPublicAccessBlock'];
  const apChecks = selectChecks(BUILTIN_CHECKS, { only: ['access-point-network-origin', 'access-point-public-access-block'], skip: [] });
  const accessPoint = (name: string, bucketName: string) => ({
    name,
    region: 'us-east-1',
    arn: `arn:aws:s3:us-east-1:123456789012:accesspoint/${name}`,
    bucket: bucketName,
    networkOrigin: 'Internet',
  });

  it('evaluates each access point as it streams by and reports its failed reads once each', async () => {
    const denied = { state: 'error', operation: 'GetAccessPoint', code: 'AccessDenied', message: 'Access Denied' } as const;
    const result = await scan(
      source([
        { type: 'access-point', accessPoint: { ...accessPoint('team-a', 'data'), accessPointPublicAccessBlock: denied } },
        { type: 'multi-region-access-point', multiRegionAccessPoint: { name: 'global', alias: 'a.mrap', arn: 'arn:aws:s3::123456789012:accesspoint/a.mrap', regions: [] } },
      ], listed),
      apChecks,
      { trustedAccounts: [] },
    );
    // The account-level settings of the snapshot cover every flag, so the unreadable access point level does not matter.
    expect(verdicts(result.findings)).toEqual(['team-a access-point-network-origin fail', 'team-a access-point-public-access-block pass']);
    expect(result.errors).toEqual([
      { operation: 'GetAccessPoint', resource: 'arn:aws:s3:us-east-1:123456789012:accesspoint/team-a', code: 'AccessDenied', message: 'Access Denied' },
    ]);
  });

  it('turns a failed listing into one unknown verdict per selected check of that resource type, and an error', async () => {
    const result = await scan(
      source([
        { type: 'listing-error', error: { operation: 'ListAccessPoints', region: 'eu-west-1', code: 'AccessDenied', message: 'Access Denied' } },
        { type: 'listing-error', error: { operation: 'ListMultiRegionAccessPoints', region: '', code: 'AccessDenied', message: 'Access Denied' } },
      ], listed),
      apChecks,
      { trustedAccounts: [] },
    );
    expect(result.findings.map((f) => [f.checkId, f.status, f.resource.arn, f.message])).toEqual(
      ['access-point-network-origin', 'access-point-public-access-block'].map((checkId) => [
        checkId,
        'unknown',
        'arn:aws:s3:eu-west-1:123456789012:accesspoint/*',
        'Could not read the access points of eu-west-1: ListAccessPoints failed with AccessDenied (Access Denied).',
      ]),
    );
    expect(result.errors.map((e) => `${e.operation} ${e.resource}`)).toEqual([
      'ListAccessPoints arn:aws:s3:eu-west-1:123456789012:accesspoint/*',
      'ListMultiRegionAccessPoints arn:aws:s3::123456789012:accesspoint/*',
    ]);
  });

  it('replays only the access points of the buckets --bucket selects', async () => {
    const result = await scan(
      source([
        { type: 'access-point', accessPoint: accessPoint('kept', 'data') },
        { type: 'access-point', accessPoint: accessPoint('dropped', 'other') },
      ], listed),
      selectChecks(BUILTIN_CHECKS, { only: ['access-point-network-origin'], skip: [] }),
      { trustedAccounts: [], includeBucket: (name) => name === 'data' },
    );
    expect(verdicts(result.findings)).toEqual(['kept access-point-network-origin fail']);
  });

  it('a snapshot that never listed access points makes their checks unknown, not clean', async () => {
    const result = await scan(source([]), apChecks, { trustedAccounts: [] });
    expect(result.findings.map((f) => [f.checkId, f.status, f.resource.arn, f.message])).toEqual(
      ['access-point-network-origin', 'access-point-public-access-block'].map((checkId) => [
        checkId,
        'unknown',
        'arn:aws:s3::123456789012:accesspoint/*',
        'The snapshot does not contain accessPointListing; collect it again with this check selected.',
      ]),
    );
  });
});

describe('scan memory: findings share what repeats between resources', () => {
  it('gives findings with equal evidence one shared evidence object, and keeps different evidence apart', async () => {
    const suspended: BucketState = { ...bucket('c'), versioning: present({ status: 'Suspended' }) };
    const result = await scan(
      source([
        { type: 'bucket', bucket: bucket('a') },
        { type: 'bucket', bucket: bucket('b') },
        { type: 'bucket', bucket: suspended },
      ]),
      selectChecks(BUILTIN_CHECKS, { only: ['bucket-versioning'], skip: [] }),
      { trustedAccounts: [] },
    );
    const [a, b, c] = result.findings;
    expect([a?.evidence, b?.evidence, c?.evidence]).toEqual([{ status: 'Enabled' }, { status: 'Enabled' }, { status: 'Suspended' }]);
    expect(b?.evidence).toBe(a?.evidence);
    expect(c?.evidence).not.toBe(a?.evidence);
  });

  it("gives a bucket's index-check findings the resource of its other findings", async () => {
    const result = await scan(source([{ type: 'bucket', bucket: bucket('app', 'app') }]), checks, { trustedAccounts: [] });
    const resources = new Set(result.findings.map((finding) => finding.resource));
    expect(result.findings.map((finding) => finding.checkId).sort()).toEqual(['bucket-logging-loop', 'bucket-logging-target', 'bucket-versioning']);
    expect(resources.size).toBe(1);
  });
});
