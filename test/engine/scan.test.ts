import { describe, expect, it } from 'vitest';
import { BUILTIN_CHECKS } from '../../src/checks/registry.ts';
import type { ScanSource } from '../../src/engine/scan.ts';
import { scan } from '../../src/engine/scan.ts';
import { selectChecks } from '../../src/engine/select.ts';
import { absent, present } from '../../src/snapshot/observed.ts';
import type { BucketState, SnapshotRecord } from '../../src/snapshot/types.ts';
import { snapshotHeader } from '../support/snapshot-file.ts';

const noLock = absent('ObjectLockConfigurationNotFoundError');
const bucket = (name: string, target?: string, region = 'us-east-1'): BucketState => ({
  name,
  region,
  logging: present(target === undefined ? {} : { target: { bucket: target, prefix: '' } }),
  objectLock: noLock,
  versioning: present({ status: 'Enabled' }),
});

function source(records: readonly SnapshotRecord[]): ScanSource {
  return {
    header: snapshotHeader(),
    records: (async function* () {
      for (const record of records) yield await Promise.resolve(record);
    })(),
  };
}

const checks = selectChecks(BUILTIN_CHECKS, { only: ['bucket-logging-*', 'bucket-versioning'], skip: [] });
const verdicts = (findings: readonly { resource: { name: string }; checkId: string; status: string }[]) =>
  findings.map((f) => `${f.resource.name} ${f.checkId} ${f.status}`).sort();

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
