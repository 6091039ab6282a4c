import type { LimitFunction } from 'p-limit';
import type { AssumeRoleTarget } from './assume-role.ts';
import type { DataKey, SnapshotHeader, SnapshotRecord } from '../snapshot/types.ts';

/** Where each AWS service is reached, as validated URLs (cli/endpoints.ts); undefined means AWS itself. */
export interface Endpoints {
  readonly s3?: string;
  readonly s3control?: string;
  readonly sts?: string;
  readonly kms?: string;
  readonly glacier?: string;
  /** Organizations ListAccounts (--org). */
  readonly organizations?: string;
}

export interface CollectOptions {
  /** Home region: STS, ListBuckets and S3 Control calls go here. */
  readonly region: string;
  readonly profile?: string;
  /** --role-arn: every call acts as this role, assumed with the profile's (or default) credentials. */
  readonly assumeRole?: AssumeRoleTarget;
  readonly endpoints: Endpoints;
  /**
   * --account-id: the account to report under; STS is not asked. Without it: STS, or on an
   * S3-compatible endpoint whose STS fails, the owner that ListBuckets names.
   */
  readonly accountId?: string;
  /** One limit shared by every API call of the scan. */
  readonly concurrency: number;
  /** SDK attempts per call (standard retry mode: jittered exponential backoff). */
  readonly maxAttempts: number;
  /** Per-request socket timeout in milliseconds. */
  readonly requestTimeoutMs: number;
  /** Regions to search for access points besides those of the account's buckets (--regions). */
  readonly regions?: readonly string[];
  /**
   * --sample-objects N: object versions sampled per lock-enabled bucket when `needs` has
   * objectLockSample; without it objectLockSample is not collected.
   */
  readonly sampleObjects?: number;
  /** Only the data the selected checks need is collected. */
  readonly needs: ReadonlySet<DataKey>;
  /** Which listed buckets to scan (from --bucket / --exclude-bucket); access points follow their bucket. */
  readonly includeBucket: (name: string) => boolean;
  /**
   * Also yield an `unscanned-bucket` record (name and region, no API call) for each listed bucket
   * that includeBucket leaves out: the bucket index must know every bucket of the account.
   */
  readonly listUnscanned?: boolean;
  /**
   * Which access points to collect, by the bucket behind them (default: includeBucket); `false`
   * for none — with --shard, only shard 1 collects them, whatever shard their bucket is in.
   */
  readonly accessPoints?: ((bucketName: string) => boolean) | false;
  /**
   * Listed buckets that includeBucket leaves out, but whose `needs` (the bucket index's data:
   * logging, Object Lock) are read anyway: with --shard, the other shards' buckets, so that
   * cross-bucket checks see the whole account. They are yielded as `bucket` records holding only
   * that data; the scan indexes them and evaluates nothing on them.
   */
  readonly indexOnly?: { readonly includeBucket: (name: string) => boolean; readonly needs: ReadonlySet<DataKey> };
  /**
   * The limit of API calls in flight, shared with other accounts' scans (--org); default: one of
   * `concurrency` for this scan alone.
   */
  readonly callLimit?: LimitFunction;
  /** Aborted when the user interrupts the run: calls in flight are cancelled, queued ones fail at once. */
  readonly signal?: AbortSignal;
  /** --debug: receives one line per API call (no headers, credentials redacted). */
  readonly debug?: (line: string) => void;
  /**
   * Worker threads that collect the buckets (each dealt an equal share of them, with an even
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
