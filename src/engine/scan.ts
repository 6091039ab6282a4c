import { isIndexCheck } from '../checks/types.ts';
import type { AccountContext, Finding, IndexedAccountContext } from '../checks/types.ts';
import type { ScanError } from '../report/types.ts';
import type { Observed } from '../snapshot/observed.ts';
import { BUCKET_DATA_KEYS } from '../snapshot/types.ts';
import type { BucketState, SnapshotHeader, SnapshotRecord } from '../snapshot/types.ts';
import type { ActiveCheck } from './evaluate.ts';
import { BucketIndexBuilder } from './bucket-index.ts';
import { evaluateIndexed, evaluateResource } from './evaluate.ts';
import { accountRef, bucketRef } from './resource-ref.ts';

export interface ScanSource {
  readonly header: SnapshotHeader;
  readonly records: AsyncIterable<SnapshotRecord>;
}

export interface ScanOptions {
  readonly trustedAccounts: readonly string[];
  /** --bucket/--exclude-bucket for a replayed snapshot; a live collection was already filtered. */
  readonly includeBucket?: (name: string) => boolean;
  /** Sees every record as it streams by, e.g. to save the snapshot. */
  readonly onRecord?: (record: SnapshotRecord) => void | Promise<void>;
}

export interface ScanResult {
  readonly header: SnapshotHeader;
  readonly findings: readonly Finding[];
  readonly errors: readonly ScanError[];
  readonly notes: readonly string[];
}

function errorOf(observed: Observed<unknown> | undefined, resource: string): ScanError | undefined {
  if (observed?.state !== 'error') return undefined;
  return { operation: observed.operation, resource, code: observed.code, message: observed.message };
}

/**
 * Each failed call once: data that depends on a failed read (the KMS key of an unreadable
 * encryption configuration) carries the same error, which is one failure, not two.
 */
function bucketErrors(bucket: BucketState, arn: string): ScanError[] {
  const errors = new Map<string, ScanError>();
  for (const key of BUCKET_DATA_KEYS) {
    const error = errorOf(bucket[key], arn);
    if (error !== undefined) errors.set(`${error.operation}\n${error.code}\n${error.message}`, error);
  }
  return [...errors.values()];
}

/**
 * Evaluates resources as they stream in: each bucket's findings are computed when it arrives
 * and its state is released, so memory does not grow with full per-bucket state. Index checks
 * (the logging graph) run at the end over the compact bucket index, which covers every bucket
 * the source names, also those --bucket/--exclude-bucket leave out of the evaluation.
 */
export async function scan(source: ScanSource, checks: readonly ActiveCheck[], options: ScanOptions): Promise<ScanResult> {
  const { account } = source.header;
  const context: AccountContext = { account, trustedAccounts: options.trustedAccounts };
  const accountResource = accountRef(account);
  const findings: Finding[] = evaluateResource('account', account, accountResource, checks, context);
  const errors: ScanError[] = [];
  const accountError = errorOf(account.publicAccessBlock, accountResource.arn);
  if (accountError !== undefined) errors.push(accountError);
  const notes: string[] = [];
  const index = checks.some((active) => isIndexCheck(active.check)) ? new BucketIndexBuilder() : undefined;

  for await (const record of source.records) {
    if (record.type === 'note') {
      notes.push(record.message);
      await options.onRecord?.(record);
      continue;
    }
    if (record.type === 'unscanned-bucket') {
      index?.addListed(record.name, record.region);
      await options.onRecord?.(record);
      continue;
    }
    const { bucket } = record;
    const included = options.includeBucket?.(bucket.name) !== false;
    index?.addBucket(bucket, included);
    if (!included) {
      // Kept in a saved snapshot only as far as the index needs it: the account has this bucket.
      if (index !== undefined) await options.onRecord?.({ type: 'unscanned-bucket', name: bucket.name, region: bucket.region });
      continue;
    }
    await options.onRecord?.(record);
    const ref = bucketRef(account, bucket);
    errors.push(...bucketErrors(bucket, ref.arn));
    findings.push(...evaluateResource('bucket', bucket, ref, checks, context));
  }
  if (index !== undefined) evaluateIndexChecks(index, checks, { ...context, buckets: index }, findings);
  return { header: source.header, findings, errors, notes };
}

/** Appends to `findings` one by one: a spread of 10^5 buckets' findings would overflow the call stack. */
function evaluateIndexChecks(
  index: BucketIndexBuilder,
  checks: readonly ActiveCheck[],
  context: IndexedAccountContext,
  findings: Finding[],
): void {
  for (let id = 0; id < index.size; id += 1) {
    if (!index.isEvaluated(id)) continue;
    const bucket = index.entry(id);
    // An evaluated bucket was collected, so its region is known.
    const ref = bucketRef(context.account, { name: bucket.name, region: bucket.region ?? context.account.region });
    for (const finding of evaluateIndexed(bucket, ref, checks, context)) findings.push(finding);
  }
}
