import type { SnapshotRecord } from './types.ts';

/**
 * Whether --bucket / --exclude-bucket keep an access point record: an access point follows its
 * bucket in and out of the scan; a global one, or one whose bucket is unknown, always stays.
 */
export function isAccessPointInScope(record: SnapshotRecord, includeBucket: (name: string) => boolean): boolean {
  if (record.type === 'access-point') return includeBucket(record.accessPoint.bucket);
  if (record.type === 'object-lambda-access-point') {
    const { bucket } = record.objectLambdaAccessPoint;
    return bucket === undefined || includeBucket(bucket);
  }
  return true;
}
