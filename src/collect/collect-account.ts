import { availableParallelism } from 'node:os';
import { withRequirements } from '../snapshot/data-sources.ts';
import { DATA_KEYS, KMS_BUCKET_DATA_KEYS, S3_BUCKET_DATA_KEYS } from '../snapshot/types.ts';
import { isAccessPointInScope } from '../snapshot/record-scope.ts';
import { SNAPSHOT_SCHEMA_VERSION } from '../snapshot/schema.ts';
import type { DataKey, SnapshotHeader, SnapshotRecord } from '../snapshot/types.ts';
import { UserError } from '../errors.ts';
import { TOOL } from '../version.ts';
import { collectAccessPoints, needsAccessPoints, type AccessPointScope } from './access-points.ts';
import { createApi, type Api } from './api.ts';
import { RoleNotAssumed } from './assume-role.ts';
import { createClients, type ClientOptions, type Clients } from './clients.ts';
import { collectGlacierVaults, needsGlacierVaults, type GlacierScope } from './glacier.ts';
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
  if (options.signal?.aborted === true) abort.abort();
  options.signal?.addEventListener(
    'abort',
    () => {
      abort.abort();
    },
    { once: true },
  );
  const api = createApi(clients, options.concurrency, options.maxAttempts, abort.signal, options.callLimit);
  // e.g. the KMS key needs the encryption configuration that names it.
  // The object sample is read only with --sample-objects N: without a count there is nothing to read.
  const needs = withRequirements([...options.needs].filter((key) => key !== 'objectLockSample' || options.sampleObjects !== undefined));
  const sampleObjects = needs.has('objectLockSample') ? options.sampleObjects : undefined;
  try {
    const collectedAt = new Date().toISOString();
    if (options.assumeRole !== undefined) await assumeRole(clients, options.assumeRole.roleArn);
    // --account-id, else STS; undefined when an S3-compatible store has no STS: ListBuckets names the owner.
    const fromSts =
      options.accountId === undefined ? await getCallerIdentity(api, options.profile, options.endpoints.sts !== undefined) : undefined;
    const identifiedBySts = fromSts !== undefined;
    // An endpoint that cannot name an AWS account through STS is no AWS (nor a full emulation of it).
    const s3Compatible = options.endpoints.s3 !== undefined && !identifiedBySts;
    if (s3Compatible) clients.checkAnswerShapes();
    const stated: Identified | undefined = options.accountId === undefined ? fromSts : { accountId: options.accountId, partition: 'aws' };
    // Never rejects: a failure is recorded in the value.
    const readAccountPublicAccessBlock = (id: string) => (needs.has('accountPublicAccessBlock') ? getAccountPublicAccessBlock(api, id) : undefined);
    let accountPublicAccessBlock = stated === undefined ? undefined : readAccountPublicAccessBlock(stated.accountId);
    let ownerId: string | undefined;
    const buckets: (ListedBucket | undefined)[] = [];
    const indexOnly: (ListedBucket | undefined)[] = [];
    const unscanned: (ListedBucket | undefined)[] = [];
    const regions = new Set(options.regions);
    for await (const bucket of listBuckets(api, options.region, (id) => (ownerId ??= id))) {
      // A bucket whose region ListBuckets omits is looked for in the home region first.
      regions.add(bucket.region ?? options.region);
      if (options.includeBucket(bucket.name)) buckets.push(bucket);
      else if (options.indexOnly?.includeBucket(bucket.name) === true) indexOnly.push(bucket);
      else if (options.listUnscanned === true) unscanned.push(bucket);
    }
    const { accountId, partition, policyAccountId } = stated ?? accountOfOwner(ownerId);
    accountPublicAccessBlock ??= readAccountPublicAccessBlock(accountId);
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
        ...(s3Compatible ? { s3Compatible } : {}),
        ...(policyAccountId === undefined ? {} : { policyAccountId }),
      },
      collected: collectedKeys(needs),
    };
    const kmsKeys = KMS_BUCKET_DATA_KEYS.filter((key) => needs.has(key));
    const context: BucketContext = {
      accountId,
      homeRegion: options.region,
      s3Compatible,
      keys: S3_BUCKET_DATA_KEYS.filter((key) => needs.has(key)),
      ...(kmsKeys.length === 0 ? {} : { kms: createKmsLookup(api, accountId, kmsKeys, options.region) }),
      ...(sampleObjects === undefined ? {} : { sampleObjects }),
    };
    const indexContext: BucketContext = {
      accountId,
      homeRegion: options.region,
      s3Compatible,
      keys: S3_BUCKET_DATA_KEYS.filter((key) => options.indexOnly?.needs.has(key) === true),
    };
    const accessPointScope = options.accessPoints ?? options.includeBucket;
    const accessPoints: AccessPointScope | undefined =
      accessPointScope !== false && needsAccessPoints(needs) ? { accountId, partition, regions: [...regions].sort(), needs } : undefined;
    // Account-wide like the access points (shard 1 only), but not tied to a bucket. An S3-compatible
    // store has no Glacier API: the account there has no vaults, so nothing is asked.
    const glacierVaults: GlacierScope | undefined =
      accessPointScope !== false && !s3Compatible && needsGlacierVaults(needs) ? { accountId, partition, regions: [...regions].sort(), needs } : undefined;
    // --debug lines come from this thread's clients: a debug run collects here.
    const workers = options.debug === undefined ? workerCount(options.workers ?? 1, buckets.length) : 1;
    const collect: CollectBuckets =
      workers <= 1
        ? (listed, bucketContext) =>
            mapUnordered(drain(listed), Math.max(1, options.concurrency) * BUCKETS_PER_CALL_SLOT, (bucket) => collectBucket(api, bucket, bucketContext))
        : (listed, bucketContext) => {
            const setup = {
              clientOptions: clientOptionsOf(options),
              accountId,
              homeRegion: options.region,
              s3Compatible,
              s3Keys: bucketContext.keys,
              kmsKeys: bucketContext.kms === undefined ? [] : kmsKeys,
              ...(bucketContext.sampleObjects === undefined ? {} : { sampleObjects: bucketContext.sampleObjects }),
            };
            return collectInWorkers(setup, drain(listed), workers, BUCKETS_PER_CALL_SLOT);
          };
    const stream: BucketStream = {
      api,
      clients,
      abort,
      collect,
      onBucketDone: options.onBucketDone,
      accessPoints,
      glacierVaults,
      includeAccessPoint: accessPointScope === false ? () => false : accessPointScope,
    };
    const phases: BucketPhase[] = [
      { buckets, context, indexOnly: false },
      { buckets: indexOnly, context: indexContext, indexOnly: true },
    ];
    return {
      header,
      bucketCount: buckets.length + indexOnly.length,
      records: bucketRecords(stream, phases, unscanned),
    };
  } catch (err) {
    abort.abort();
    clients.destroy();
    throw err;
  }
}

/** Assumes the role before any other call, so that a role that cannot be assumed is named as such, not as a failed GetCallerIdentity. */
async function assumeRole(clients: Clients, roleArn: string): Promise<void> {
  try {
    await clients.assumedRole?.();
  } catch (error) {
    throw new RoleNotAssumed(roleArn, error);
  }
}

interface Identified {
  readonly accountId: string;
  readonly partition: string;
  readonly policyAccountId?: string;
}

/**
 * An S3-compatible store without STS: its ListBuckets owner names the account. Ceph RGW's is a
 * user id ("tenant$user"), not 12 digits; it is reported as is rather than dressed up as an AWS
 * account id, which could collide with a real (trusted) account in the cross-account checks.
 * RGW policies name users as arn:aws:iam::<tenant>:user/<name>: the tenant is the policy account.
 */
function accountOfOwner(ownerId: string | undefined): Identified {
  if (ownerId === undefined) {
    throw new UserError('Could not identify the account: STS GetCallerIdentity failed at the endpoint and ListBuckets named no owner; pass --account-id');
  }
  const tenant = ownerId.includes('$') ? ownerId.slice(0, ownerId.indexOf('$')) : '';
  return { accountId: ownerId, partition: 'aws', policyAccountId: tenant };
}

function collectedKeys(needs: ReadonlySet<DataKey>): DataKey[] {
  return DATA_KEYS.filter((key) => needs.has(key));
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
    ...(options.assumeRole === undefined ? {} : { assumeRole: options.assumeRole }),
    endpoints: options.endpoints,
    concurrency: options.concurrency,
    maxAttempts: options.maxAttempts,
    requestTimeoutMs: options.requestTimeoutMs,
  };
}

/** Collects the listed buckets (in this thread or in workers), yielding each as it completes. */
type CollectBuckets = (buckets: (ListedBucket | undefined)[], context: BucketContext) => AsyncIterable<BucketOutcome>;

interface BucketStream {
  /** This thread's calls: access points, and buckets unless workers collect them. */
  readonly api: Api;
  readonly clients: Clients;
  readonly abort: AbortController;
  readonly collect: CollectBuckets;
  readonly onBucketDone: ((done: number, total: number) => void) | undefined;
  /** Set when a selected check reads access points: collected alongside the buckets, yielded after them. */
  readonly accessPoints: AccessPointScope | undefined;
  /** Set when a selected check reads Glacier vaults: collected alongside the buckets, yielded after the access points. */
  readonly glacierVaults: GlacierScope | undefined;
  /** Which access points to yield, by the bucket behind them. */
  readonly includeAccessPoint: (bucketName: string) => boolean;
}

/** Buckets collected with one context: the scanned ones, then those only indexed (--shard). */
interface BucketPhase {
  readonly buckets: (ListedBucket | undefined)[];
  readonly context: BucketContext;
  readonly indexOnly: boolean;
}

/**
 * One record per listed bucket left out of the scan (when asked for), then one per collected
 * bucket, yielded as soon as its calls are done. Only `window` buckets are collected at a time,
 * so memory does not grow with the account. Ending the iteration early cancels the calls in
 * flight; either way the clients are closed at the end.
 */
async function* bucketRecords(
  stream: BucketStream,
  phases: readonly BucketPhase[],
  unscanned: (ListedBucket | undefined)[],
): AsyncGenerator<SnapshotRecord, void, undefined> {
  const total = phases.reduce((sum, phase) => sum + phase.buckets.length, 0);
  let done = 0;
  const accessPoints = stream.accessPoints === undefined ? undefined : collectAccessPoints(stream.api, stream.accessPoints);
  // Awaited after the buckets; never rejects (failures are recorded), the guard only keeps an abort quiet.
  accessPoints?.catch(() => undefined);
  const glacierVaults = stream.glacierVaults === undefined ? undefined : collectGlacierVaults(stream.api, stream.glacierVaults);
  glacierVaults?.catch(() => undefined);
  try {
    for (const { name, region } of drain(unscanned)) {
      yield { type: 'unscanned-bucket', name, ...(region === undefined ? {} : { region }) };
    }
    for (const phase of phases) {
      for await (const outcome of stream.collect(phase.buckets, phase.context)) {
        // Ctrl-C: stop taking outcomes, which ends the workers too.
        if (stream.abort.signal.aborted) return;
        done += 1;
        stream.onBucketDone?.(done, total);
        if (!outcome.deleted) yield { type: 'bucket', bucket: outcome.bucket };
        // The shard that owns a bucket deleted mid-scan notes it; an index-only one simply drops out of the index.
        else if (!phase.indexOnly) {
          yield {
            type: 'note',
            message: `Bucket ${outcome.name} was deleted during the scan (${outcome.operation} answered NoSuchBucket); it is not in this report.`,
          };
        }
      }
    }
    for (const record of (await accessPoints) ?? []) {
      if (isAccessPointInScope(record, stream.includeAccessPoint)) yield record;
    }
    yield* (await glacierVaults) ?? [];
  } finally {
    stream.abort.abort();
    stream.clients.destroy();
  }
}
