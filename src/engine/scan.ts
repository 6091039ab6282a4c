import { isIndexCheck } from '../checks/types.ts';
import type { AccountContext, Finding, IndexedAccountContext, ResourceRef, Verdict } from '../checks/types.ts';
import { FindingsBuilder, type Findings } from '../report/findings.ts';
import type { ScanError } from '../report/types.ts';
import { unreadable } from '../checks/lib/unreadable.ts';
import type { Observed } from '../snapshot/observed.ts';
import { isAccessPointInScope } from '../snapshot/record-scope.ts';
import {
  ACCESS_POINT_DATA_KEYS,
  BUCKET_DATA_KEYS,
  GLACIER_VAULT_DATA_KEYS,
  MULTI_REGION_DATA_KEYS,
  OBJECT_LAMBDA_DATA_KEYS,
} from '../snapshot/types.ts';
import type { AccountState, BucketState, DataKey, ListingError, SnapshotHeader, SnapshotRecord } from '../snapshot/types.ts';
import type { ActiveCheck } from './evaluate.ts';
import { BucketIndexBuilder } from './bucket-index.ts';
import { evaluateIndexed, evaluateResource, evaluateUnlisted } from './evaluate.ts';
import {
  accessPointRef,
  accountRef,
  allAccessPointsRef,
  allGlacierVaultsRef,
  bucketRef,
  glacierVaultRef,
  multiRegionAccessPointRef,
  objectLambdaAccessPointRef,
} from './resource-ref.ts';

export interface ScanSource {
  readonly header: SnapshotHeader;
  readonly records: AsyncIterable<SnapshotRecord>;
}

export interface ScanOptions {
  readonly trustedAccounts: readonly string[];
  /**
   * The buckets evaluated (--bucket/--exclude-bucket, --shard); the others only feed the bucket
   * index. A live collection was already filtered, except for the index-only buckets of --shard.
   */
  readonly includeBucket?: (name: string) => boolean;
  /** Evaluate the account and its access points (default true); with --shard only shard 1 does. */
  readonly evaluateAccount?: boolean;
  /** Which access points are evaluated, by the bucket behind them (default: includeBucket). */
  readonly includeAccessPoint?: (bucketName: string) => boolean;
  /** Sees every record as it streams by, e.g. to save the snapshot. */
  readonly onRecord?: (record: SnapshotRecord) => void | Promise<void>;
}

export interface ScanResult {
  readonly header: SnapshotHeader;
  readonly findings: Findings;
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
function resourceErrors<K extends string>(
  resource: Readonly<Partial<Record<K, Observed<unknown>>>>,
  keys: readonly K[],
  arn: string,
): ScanError[] {
  const errors = new Map<string, ScanError>();
  for (const key of keys) {
    const error = errorOf(resource[key], arn);
    if (error !== undefined) errors.set(`${error.operation}\n${error.code}\n${error.message}`, error);
  }
  return [...errors.values()];
}

/** Failed reads of the sampled object versions (--sample-objects), each under its object's ARN. */
function sampledVersionErrors(bucket: BucketState, arn: string): ScanError[] {
  const sample = bucket.objectLockSample;
  if (sample?.state !== 'present') return [];
  return sample.value.versions.flatMap((version) =>
    [version.retention, version.legalHold].flatMap((observed) => {
      const error = errorOf(observed, `${arn}/${version.key}`);
      return error === undefined ? [] : [{ ...error, message: `${error.message} (version ${version.versionId})` }];
    }),
  );
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
  const accountWide = options.evaluateAccount !== false;
  const findings = new FindingsBuilder();
  if (accountWide) {
    addAll(findings, evaluateResource('account', account, accountResource, checks, context));
    addAll(findings, notListed(source.header, checks, context));
  }
  const errors: ScanError[] = [];
  const accountError = errorOf(account.publicAccessBlock, accountResource.arn);
  if (accountError !== undefined) errors.push(accountError);
  const notes: string[] = [];
  const index = checks.some((active) => isIndexCheck(active.check)) ? new BucketIndexBuilder() : undefined;
  // By index id: the index checks' findings share the ref of the bucket's other findings.
  const refs: ResourceRef[] = [];

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
    if (record.type !== 'bucket') {
      if (!accountWide) continue;
      const includeAccessPoint = options.includeAccessPoint ?? options.includeBucket;
      if (includeAccessPoint !== undefined && !isAccessPointInScope(record, includeAccessPoint)) continue;
      await options.onRecord?.(record);
      const evaluated = evaluateAccessPointRecord(record, checks, context);
      errors.push(...evaluated.errors);
      addAll(findings, evaluated.findings);
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
    const id = index?.idOf(bucket.name);
    if (id !== undefined) refs[id] = ref;
    errors.push(...resourceErrors(bucket, BUCKET_DATA_KEYS, ref.arn), ...sampledVersionErrors(bucket, ref.arn));
    addAll(findings, evaluateResource('bucket', bucket, ref, checks, context));
  }
  if (index !== undefined) evaluateIndexChecks(index, refs, checks, { ...context, buckets: index }, findings);
  return { header: source.header, findings: findings.build(), errors, notes };
}

function addAll(builder: FindingsBuilder, findings: readonly Finding[]): void {
  for (const finding of findings) builder.add(finding);
}

type AccessPointRecord = Exclude<SnapshotRecord, { readonly type: 'bucket' | 'unscanned-bucket' | 'note' }>;

const LISTED_NOUN = {
  'access-point': 'access points',
  'object-lambda-access-point': 'Object Lambda access points',
  'multi-region-access-point': 'Multi-Region Access Points',
  'glacier-vault': 'S3 Glacier vaults',
} as const;

const LISTED_TYPE = {
  ListAccessPoints: 'access-point',
  ListAccessPointsForObjectLambda: 'object-lambda-access-point',
  ListMultiRegionAccessPoints: 'multi-region-access-point',
  ListVaults: 'glacier-vault',
} as const;

type ListedType = (typeof LISTED_TYPE)[keyof typeof LISTED_TYPE];

function listedType(operation: string): ListedType | undefined {
  return operation in LISTED_TYPE ? LISTED_TYPE[operation as keyof typeof LISTED_TYPE] : undefined;
}

/** The data key whose presence in the header says the snapshot listed resources of this type. */
const LISTING_KEY = {
  'access-point': 'accessPointListing',
  'object-lambda-access-point': 'objectLambdaListing',
  'multi-region-access-point': 'multiRegionAccessPointPublicAccessBlock',
  'glacier-vault': 'glacierVaultListing',
} as const satisfies Record<ListedType, DataKey>;

/**
 * A snapshot collected without listing a resource type holds none of it, which must not read as
 * "the account has none": its checks are unknown, like a bucket check whose data is missing.
 */
function notListed(header: SnapshotHeader, checks: readonly ActiveCheck[], context: AccountContext): Finding[] {
  return (Object.keys(LISTING_KEY) as (keyof typeof LISTING_KEY)[]).flatMap((type) => {
    const key = LISTING_KEY[type];
    if (header.collected.includes(key)) return [];
    const verdict: Verdict = { status: 'unknown', messageId: 'notCollected', data: { what: key } };
    return evaluateUnlisted(type, allListedRef(context.account, type, ''), checks, verdict);
  });
}

function allListedRef(account: AccountState, type: ListedType, region: string): ResourceRef {
  return type === 'glacier-vault' ? allGlacierVaultsRef(account, region) : allAccessPointsRef(account, type, region);
}

function unlisted(error: ListingError, checks: readonly ActiveCheck[], context: AccountContext): { findings: Finding[]; errors: ScanError[] } {
  const type = listedType(error.operation);
  if (type === undefined) return { findings: [], errors: [] };
  const ref = allListedRef(context.account, type, error.region);
  const what = `the ${LISTED_NOUN[type]} of ${error.region === '' ? 'the account' : error.region}`;
  const verdict = unreadable(what, { state: 'error', ...error });
  return {
    findings: evaluateUnlisted(type, ref, checks, verdict),
    errors: [{ operation: error.operation, resource: ref.arn, code: error.code, message: error.message }],
  };
}

/** Access points, Object Lambda and Multi-Region Access Points: each evaluated as it streams by, like a bucket. */
function evaluateAccessPointRecord(
  record: AccessPointRecord,
  checks: readonly ActiveCheck[],
  context: AccountContext,
): { findings: Finding[]; errors: ScanError[] } {
  const { account } = context;
  switch (record.type) {
    case 'access-point': {
      const ref = accessPointRef(account, record.accessPoint);
      return {
        findings: evaluateResource('access-point', record.accessPoint, ref, checks, context),
        errors: resourceErrors(record.accessPoint, ACCESS_POINT_DATA_KEYS, ref.arn),
      };
    }
    case 'object-lambda-access-point': {
      const ref = objectLambdaAccessPointRef(account, record.objectLambdaAccessPoint);
      return {
        findings: evaluateResource('object-lambda-access-point', record.objectLambdaAccessPoint, ref, checks, context),
        errors: resourceErrors(record.objectLambdaAccessPoint, OBJECT_LAMBDA_DATA_KEYS, ref.arn),
      };
    }
    case 'multi-region-access-point': {
      const ref = multiRegionAccessPointRef(account, record.multiRegionAccessPoint);
      return {
        findings: evaluateResource('multi-region-access-point', record.multiRegionAccessPoint, ref, checks, context),
        errors: resourceErrors(record.multiRegionAccessPoint, MULTI_REGION_DATA_KEYS, ref.arn),
      };
    }
    case 'glacier-vault': {
      const ref = glacierVaultRef(account, record.glacierVault);
      return {
        findings: evaluateResource('glacier-vault', record.glacierVault, ref, checks, context),
        errors: resourceErrors(record.glacierVault, GLACIER_VAULT_DATA_KEYS, ref.arn),
      };
    }
    case 'listing-error':
      return unlisted(record.error, checks, context);
  }
}

function evaluateIndexChecks(
  index: BucketIndexBuilder,
  refs: readonly (ResourceRef | undefined)[],
  checks: readonly ActiveCheck[],
  context: IndexedAccountContext,
  findings: FindingsBuilder,
): void {
  for (let id = 0; id < index.size; id += 1) {
    if (!index.isEvaluated(id)) continue;
    const bucket = index.entry(id);
    // An evaluated bucket was collected, so its region is known.
    const ref = refs[id] ?? bucketRef(context.account, { name: bucket.name, region: bucket.region ?? context.account.region });
    addAll(findings, evaluateIndexed(bucket, ref, checks, context));
  }
}
