import { availableParallelism } from 'node:os';
import { withRequirements } from '../snapshot/data-sources.ts';
import { ACCOUNT_DATA_KEYS, BUCKET_DATA_KEYS, KMS_BUCKET_DATA_KEYS, S3_BUCKET_DATA_KEYS } from '../snapshot/types.ts';
import { SNAPSHOT_SCHEMA_VERSION } from '../snapshot/schema.ts';
import type { DataKey, SnapshotHeader, SnapshotRecord } from '../snapshot/types.ts';
import { TOOL } from '../version.ts';
import { createApi } from './api.ts';
import { createClients, type ClientOptions, type Clients } from './clients.ts';
import { createKmsLookup } from './kms.ts';
import { collectBucket, listBuckets, type BucketContext, type BucketOutcome, type ListedBucket } from './s3.ts';
import { getAccountPublicAccessBlock } from './s3control.ts';
import { drain, mapUnordered } from './stream.ts';
import { getCallerIdentity } from './sts.ts';
import type { Collection, CollectOptions } from './types.ts';
import { collectInWorkers } from './worker-pool.ts';

/** With --workers auto, a worker for at most every this many buckets: below, its start-up costs more than it saves. */
const MIN_BUCKETS_PER_AUTO_WORKER = 200;

/** Buckets in flight per allowed concurrent call: enough to keep every call slot busy. */
const BUCKETS_PER_CALL_SLOT = 2;

/**
 * Identifies the account, reads the account-level settings and lists the buckets; the returned
 * records then collect the buckets while they are iterated. Throws UserError when the scan
 * cannot start (no credentials, ListBuckets denied).
 */
export async function collectAccount(options: CollectOptions): Promise<Collection> {
  const clients = createClients(options);
  const abort = new AbortController();
  const api = createApi(clients, options.concurrency, options.maxAttempts, abort.signal);
  // e.g. the KMS key needs the encryption configuration that names it.
  const needs = withRequirements(options.needs);
  try {
    const collectedAt = new Date().toISOString();
    const { accountId, partition } = await getCallerIdentity(api, options.profile);
    // Never rejects: a failure is recorded in the value.
    const accountPublicAccessBlock = needs.has('accountPublicAccessBlock')
      ? getAccountPublicAccessBlock(api, accountId)
      : undefined;
    const buckets: (ListedBucket | undefined)[] = [];
    const unscanned: (ListedBucket | undefined)[] = [];
    for await (const bucket of listBuckets(api, options.region)) {
      if (options.includeBucket(bucket.name)) buckets.push(bucket);
      else if (options.listUnscanned === true) unscanned.push(bucket);
    }
    const publicAccessBlock = await accountPublicAccessBlock;
    const header: SnapshotHeader = {
      kind: 's3-audit-snapshot',
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      tool: { name: TOOL.name, version: TOOL.version },
      collectedAt,
      account: {
        accountId,
        partition,
        region: options.region,
        ...(publicAccessBlock === undefined ? {} : { publicAccessBlock }),
      },
      collected: collectedKeys(needs),
    };
    const kmsKeys = KMS_BUCKET_DATA_KEYS.filter((key) => needs.has(key));
    const context: BucketContext = {
      accountId,
      homeRegion: options.region,
      keys: S3_BUCKET_DATA_KEYS.filter((key) => needs.has(key)),
      ...(kmsKeys.length === 0 ? {} : { kms: createKmsLookup(api, accountId, kmsKeys) }),
    };
    const workers = workerCount(options.workers ?? 1, buckets.length);
    const collect: CollectBuckets =
      workers <= 1
        ? (listed) => mapUnordered(drain(listed), Math.max(1, options.concurrency) * BUCKETS_PER_CALL_SLOT, (bucket) => collectBucket(api, bucket, context))
        : (listed) => {
            const setup = {
              clientOptions: clientOptionsOf(options),
              accountId,
              homeRegion: options.region,
              s3Keys: context.keys,
              kmsKeys,
            };
            return collectInWorkers(setup, drain(listed), workers, BUCKETS_PER_CALL_SLOT);
          };
    const stream: BucketStream = { clients, abort, collect, onBucketDone: options.onBucketDone };
    return { header, bucketCount: buckets.length, records: bucketRecords(stream, buckets, unscanned) };
  } catch (err) {
    abort.abort();
    clients.destroy();
    throw err;
  }
}

function collectedKeys(needs: ReadonlySet<DataKey>): DataKey[] {
  const known: readonly DataKey[] = [...BUCKET_DATA_KEYS, ...ACCOUNT_DATA_KEYS];
  return known.filter((key) => needs.has(key));
}

function workerCount(requested: number | 'auto', buckets: number): number {
  if (requested === 'auto') return Math.max(1, Math.min(availableParallelism(), Math.floor(buckets / MIN_BUCKETS_PER_AUTO_WORKER)));
  return Math.max(1, Math.min(requested, buckets));
}

/** Only what a worker thread can be sent: no functions. */
function clientOptionsOf(options: CollectOptions): ClientOptions {
  return {
    region: options.region,
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    endpoints: options.endpoints,
    concurrency: options.concurrency,
    maxAttempts: options.maxAttempts,
    requestTimeoutMs: options.requestTimeoutMs,
  };
}

/** Collects the listed buckets (in this thread or in workers), yielding each as it completes. */
type CollectBuckets = (buckets: (ListedBucket | undefined)[]) => AsyncIterable<BucketOutcome>;

interface BucketStream {
  readonly clients: Clients;
  readonly abort: AbortController;
  readonly collect: CollectBuckets;
  readonly onBucketDone: ((done: number, total: number) => void) | undefined;
}

/**
 * One record per listed bucket left out of the scan (when asked for), then one per scanned
 * bucket, yielded as soon as its calls are done. Only `window` buckets are collected at a time,
 * so memory does not grow with the account. Ending the iteration early cancels the calls in
 * flight; either way the clients are closed at the end.
 */
async function* bucketRecords(
  stream: BucketStream,
  buckets: (ListedBucket | undefined)[],
  unscanned: (ListedBucket | undefined)[],
): AsyncGenerator<SnapshotRecord, void, undefined> {
  const total = buckets.length;
  let done = 0;
  try {
    for (const { name, region } of drain(unscanned)) {
      yield { type: 'unscanned-bucket', name, ...(region === undefined ? {} : { region }) };
    }
    for await (const outcome of stream.collect(buckets)) {
      done += 1;
      stream.onBucketDone?.(done, total);
      yield outcome.deleted
        ? {
            type: 'note',
            message: `Bucket ${outcome.name} was deleted during the scan (${outcome.operation} answered NoSuchBucket); it is not in this report.`,
          }
        : { type: 'bucket', bucket: outcome.bucket };
    }
  } finally {
    stream.abort.abort();
    stream.clients.destroy();
  }
}
