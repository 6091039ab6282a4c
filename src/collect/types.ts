import type { DataKey, SnapshotHeader, SnapshotRecord } from '../snapshot/types.ts';

/** Where each AWS service is reached, as validated URLs (cli/endpoints.ts); undefined means AWS itself. */
export interface Endpoints {
  readonly s3?: string;
  readonly s3control?: string;
  readonly sts?: string;
  readonly kms?: string;
}

export interface CollectOptions {
  /** Home region: STS, ListBuckets and S3 Control calls go here. */
  readonly region: string;
  readonly profile?: string;
  readonly endpoints: Endpoints;
  /** One limit shared by every API call of the scan. */
  readonly concurrency: number;
  /** SDK attempts per call (standard retry mode: jittered exponential backoff). */
  readonly maxAttempts: number;
  /** Per-request socket timeout in milliseconds. */
  readonly requestTimeoutMs: number;
  /** Only the data the selected checks need is collected. */
  readonly needs: ReadonlySet<DataKey>;
  /** Which listed buckets to scan (from --bucket / --exclude-bucket). */
  readonly includeBucket: (name: string) => boolean;
  /**
   * Also yield an `unscanned-bucket` record (name and region, no API call) for each listed bucket
   * that includeBucket leaves out: the bucket index must know every bucket of the account.
   */
  readonly listUnscanned?: boolean;
  /**
   * Worker threads that collect the buckets (each a disjoint partition by name hash, with an even
   * share of `concurrency`); 1 or absent: all in this thread. auto: one per core, but no more
   * than the bucket count warrants (a worker costs its own SDK start-up).
   */
  readonly workers?: number | 'auto';
  /** Called after each bucket is collected (progress display). */
  readonly onBucketDone?: (done: number, total: number) => void;
}

/**
 * A scan in progress: the header is known once the account is identified and the buckets are
 * listed; records stream as buckets complete, so checks can run before the scan ends.
 */
export interface Collection {
  readonly header: SnapshotHeader;
  readonly bucketCount: number;
  readonly records: AsyncIterable<SnapshotRecord>;
}
