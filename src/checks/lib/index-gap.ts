import type { IndexedBucket } from '../../engine/bucket-index.ts';

/** Why the index does not know one of a bucket's values, as the end of a sentence: "…'s logging configuration {{gap}}". */
export function indexGap(bucket: IndexedBucket, key: 'logging' | 'objectLock'): string | undefined {
  const value = bucket[key];
  if (value?.state === 'present') return undefined;
  if (value !== undefined) return `could not be read (${value.operation} failed with ${value.code}: ${value.message})`;
  if (!bucket.scanned) return 'was not read: the bucket is outside the scanned buckets (--bucket/--exclude-bucket)';
  return 'is not in the snapshot';
}
