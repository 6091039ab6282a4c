import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeSnapshotLine } from '../../src/snapshot/jsonl.ts';
import { present } from '../../src/snapshot/observed.ts';
import { SNAPSHOT_SCHEMA_VERSION } from '../../src/snapshot/schema.ts';
import type { BucketState, DataKey, SnapshotHeader } from '../../src/snapshot/types.ts';
import { BUCKET_DATA_KEYS } from '../../src/snapshot/types.ts';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 's3-audit-test-'));
}

export function snapshotHeader(collected: readonly DataKey[] = BUCKET_DATA_KEYS): SnapshotHeader {
  return {
    kind: 's3-audit-snapshot',
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 's3-audit', version: '0.0.0-test' },
    collectedAt: '2026-11-27T00:00:00.000Z',
    account: {
      accountId: '123456789012',
      partition: 'aws',
      region: 'us-east-1',
      publicAccessBlock: present({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true }),
    },
    collected: [...collected, 'accountPublicAccessBlock'],
  };
}

/** Writes a snapshot file of these buckets and returns its path. */
export function writeSnapshot(buckets: readonly BucketState[], dir = tempDir()): string {
  const path = join(dir, 'snapshot.jsonl');
  const lines = [snapshotHeader(), ...buckets.map((bucket) => ({ type: 'bucket' as const, bucket }))];
  writeFileSync(path, lines.map(serializeSnapshotLine).join(''));
  return path;
}
