import type { KmsBucketDataKey, S3BucketDataKey } from '../snapshot/types.ts';
import type { ClientOptions } from './clients.ts';
import type { BucketOutcome, ListedBucket } from './s3.ts';

/** What a collect worker is started with (structured-cloned): its own buckets and its share of the limit. */
export interface CollectWorkerInput {
  /** `concurrency` is this worker's share of the scan's limit. */
  readonly clientOptions: ClientOptions;
  readonly accountId: string;
  readonly homeRegion: string;
  /** See BucketContext.s3Compatible. */
  readonly s3Compatible: boolean;
  readonly s3Keys: readonly S3BucketDataKey[];
  readonly kmsKeys: readonly KmsBucketDataKey[];
  /** See BucketContext.sampleObjects. */
  readonly sampleObjects?: number;
  readonly buckets: readonly ListedBucket[];
  /** Buckets in flight at once in this worker. */
  readonly window: number;
  /** Outcomes posted but not yet taken by the main thread before the worker waits: bounds memory. */
  readonly maxUntaken: number;
}

export type WorkerMessage =
  | { readonly type: 'outcome'; readonly outcome: BucketOutcome }
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly message: string };

/** Main thread → worker: it took this many more outcomes. */
export interface TakenMessage {
  readonly taken: number;
}
