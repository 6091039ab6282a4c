import {
  GetBucketAclCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { isAwsAccountId } from '../aws-account-id.ts';
import { UserError } from '../errors.ts';
import { DATA_SOURCES } from '../snapshot/data-sources.ts';
import type { BucketState, S3BucketDataKey } from '../snapshot/types.ts';
import type { Api, SendOptions } from './api.ts';
import { NOT_SUPPORTED_BY_ENDPOINT, observedError } from '../snapshot/observed.ts';
import { describeError, isNoSuchBucket, observeRegionalFailure } from './errors.ts';
import type { ReadLocation } from './errors.ts';
import type { KmsLookup } from './kms.ts';
import { sampleObjectLock } from './object-sample.ts';
import {
  normalizeAcl,
  normalizeCors,
  normalizeEncryption,
  normalizeLifecycle,
  normalizeLogging,
  normalizeObjectLock,
  normalizeOwnershipControls,
  normalizePolicy,
  normalizePolicyStatus,
  normalizePublicAccessBlock,
  normalizeVersioning,
} from './normalize.ts';

/** A bucket as ListBuckets named it; `region` is missing when the store did not say. */
export interface ListedBucket {
  readonly name: string;
  readonly region?: string;
  readonly creationDate?: string;
}

/** Large pages keep the call count low; any MaxBuckets also makes S3 return BucketRegion. */
const LIST_BUCKETS_PAGE_SIZE = 1000;

/**
 * Every general-purpose bucket of the account, page by page. Always paginated: unpaginated
 * requests get no BucketRegion and are refused for accounts with more than 10,000 buckets.
 * S3-compatible stores may ignore the pagination and name no regions (collectBucket then finds
 * them). `onOwner` hears the Owner ID of each page: the account when STS cannot name it.
 */
export async function* listBuckets(api: Api, homeRegion: string, onOwner?: (ownerId: string) => void): AsyncGenerator<ListedBucket> {
  const client = api.clients.s3(homeRegion);
  let token: string | undefined;
  do {
    const input = {
      MaxBuckets: LIST_BUCKETS_PAGE_SIZE,
      ...(token === undefined ? {} : { ContinuationToken: token }),
    };
    let page;
    try {
      page = await api.call((options) => client.send(new ListBucketsCommand(input), options));
    } catch (err) {
      throw new UserError(listBucketsMessage(err));
    }
    const ownerId = page.Owner?.ID;
    if (ownerId !== undefined && ownerId !== '') onOwner?.(ownerId);
    for (const bucket of page.Buckets ?? []) {
      if (bucket.Name === undefined || bucket.Name === '') continue;
      yield {
        name: bucket.Name,
        ...(bucket.BucketRegion === undefined || bucket.BucketRegion === '' ? {} : { region: bucket.BucketRegion }),
        ...(bucket.CreationDate === undefined ? {} : { creationDate: bucket.CreationDate.toISOString() }),
      };
    }
    // A store that hands back the token it was given would otherwise keep us here forever.
    token = page.ContinuationToken === token ? undefined : page.ContinuationToken;
  } while (token !== undefined && token !== '');
}

function listBucketsMessage(err: unknown): string {
  const { code, message } = describeError(err);
  if (code === 'AccessDenied' || code === 'Forbidden') {
    return `ListBuckets failed: ${code} (${message}); the scan needs s3:ListAllMyBuckets`;
  }
  return `ListBuckets failed: ${code}: ${message}`;
}

/** What one bucket's calls produced: its state, or the news that it no longer exists. */
export type BucketOutcome =
  | { readonly deleted: false; readonly bucket: BucketState }
  | { readonly deleted: true; readonly name: string; readonly operation: string };

export interface BucketContext {
  readonly accountId: string;
  readonly homeRegion: string;
  /** Off AWS (an S3-compatible store): answers that AWS gives only when "not configured" may mean "not implemented". */
  readonly s3Compatible?: boolean;
  /** Which S3 data to read, in the order the state should list it. */
  readonly keys: readonly S3BucketDataKey[];
  /** Set when KMS data is wanted: it is read after the encryption configuration names the key. */
  readonly kms?: KmsLookup;
  /** --sample-objects N, when the selected checks want the sample: read after the Object Lock configuration. */
  readonly sampleObjects?: number;
}

/** Reads the needed data of one bucket, each call through the shared limit with the bucket region's client. */
export async function collectBucket(api: Api, listed: ListedBucket, context: BucketContext): Promise<BucketOutcome> {
  try {
    const region = listed.region ?? (await resolveBucketRegion(api, listed.name, context));
    const client = api.clients.s3(region);
    const input: BucketInput = { Bucket: listed.name, ...expectedOwner(context.accountId) };
    const where: ReadLocation = { resource: 'bucket', region, homeRegion: context.homeRegion };
    const assigners = await Promise.all(context.keys.map((key) => readBucketData(api, client, input, key, where, context.s3Compatible === true)));
    const data: MutableBucketData = {};
    for (const assign of assigners) assign(data);
    const [kmsData, objectLockSample] = await Promise.all([
      context.kms === undefined ? {} : context.kms.forBucket(region, data.encryption),
      context.sampleObjects === undefined ? undefined : sampleObjectLock(api, client, input, data.objectLock, context.sampleObjects, where),
    ]);
    return {
      deleted: false,
      bucket: {
        name: listed.name,
        region,
        ...(listed.creationDate === undefined ? {} : { creationDate: listed.creationDate }),
        ...data,
        ...kmsData,
        ...(objectLockSample === undefined ? {} : { objectLockSample }),
      },
    };
  } catch (err) {
    if (err instanceof BucketDeleted) return { deleted: true, name: listed.name, operation: err.operation };
    throw err;
  }
}

/**
 * For stores whose ListBuckets omits BucketRegion. HeadBucket names the region in a header even
 * when it fails (301 from the wrong region, 403 without permission); otherwise the home region.
 */
async function resolveBucketRegion(api: Api, bucket: string, context: BucketContext): Promise<string> {
  const client = api.clients.s3(context.homeRegion);
  const input = { Bucket: bucket, ...expectedOwner(context.accountId) };
  try {
    const output = await api.call((options) => client.send(new HeadBucketCommand(input), options));
    return output.BucketRegion ?? context.homeRegion;
  } catch (err) {
    if (isNoSuchBucket('HeadBucket', err)) throw new BucketDeleted('HeadBucket');
    return describeError(err).headers['x-amz-bucket-region'] ?? context.homeRegion;
  }
}

export interface BucketInput {
  readonly Bucket: string;
  readonly ExpectedBucketOwner?: string;
}

/**
 * ExpectedBucketOwner guards every bucket call on AWS; an S3-compatible store's owner id (what
 * names the account when it has no STS) is no AWS account id, and AWS rejects any other value.
 */
function expectedOwner(accountId: string): { readonly ExpectedBucketOwner?: string } {
  return isAwsAccountId(accountId) ? { ExpectedBucketOwner: accountId } : {};
}

/** The collected value of each data key, as BucketState holds it once collected. */
type BucketData = { readonly [K in S3BucketDataKey]-?: Exclude<BucketState[K], undefined> };
type MutableBucketData = { -readonly [K in S3BucketDataKey]?: BucketData[K] };

interface BucketRead<K extends S3BucketDataKey> {
  readonly read: (client: S3Client, input: BucketInput, options: SendOptions) => Promise<BucketData[K]>;
  /**
   * Off AWS: why a well-formed answer still tells nothing, when a store that does not implement
   * the operation gives the same answer; undefined when the answer can be trusted.
   */
  readonly offAws?: (value: BucketData[K]) => string | undefined;
}

/** One API call per data key; its operation name is DATA_SOURCES[key].operation. */
const BUCKET_READS: { readonly [K in S3BucketDataKey]: BucketRead<K> } = {
  encryption: {
    read: async (c, input, o) => normalizeEncryption(await c.send(new GetBucketEncryptionCommand(input), o)),
  },
  policy: {
    read: async (c, input, o) => normalizePolicy(await c.send(new GetBucketPolicyCommand(input), o)),
  },
  policyStatus: {
    read: async (c, input, o) => normalizePolicyStatus(await c.send(new GetBucketPolicyStatusCommand(input), o)),
  },
  versioning: {
    read: async (c, input, o) => normalizeVersioning(await c.send(new GetBucketVersioningCommand(input), o)),
  },
  logging: {
    read: async (c, input, o) => normalizeLogging(await c.send(new GetBucketLoggingCommand(input), o)),
    // Ceph RGW refuses PutBucketLogging (405) and answers every GetBucketLogging with an empty status.
    offAws: (value) =>
      value.state === 'present' && value.value.target === undefined
        ? 'an empty BucketLoggingStatus from an S3-compatible endpoint cannot tell "logging off" from "bucket logging not implemented", and Ceph RGW answers nothing else'
        : undefined,
  },
  objectLock: {
    read: async (c, input, o) => normalizeObjectLock(await c.send(new GetObjectLockConfigurationCommand(input), o)),
  },
  cors: {
    read: async (c, input, o) => normalizeCors(await c.send(new GetBucketCorsCommand(input), o)),
  },
  publicAccessBlock: {
    read: async (c, input, o) =>
      normalizePublicAccessBlock((await c.send(new GetPublicAccessBlockCommand(input), o)).PublicAccessBlockConfiguration),
  },
  acl: {
    read: async (c, input, o) => normalizeAcl(await c.send(new GetBucketAclCommand(input), o)),
  },
  ownershipControls: {
    read: async (c, input, o) =>
      normalizeOwnershipControls(await c.send(new GetBucketOwnershipControlsCommand(input), o)),
  },
  lifecycle: {
    read: async (c, input, o) =>
      normalizeLifecycle(await c.send(new GetBucketLifecycleConfigurationCommand(input), o)),
  },
};

/** Resolves to a function that stores the value, so values land in `keys` order whatever order calls finish in. */
// K ties BUCKET_READS[key] to data[key]; with a plain union TypeScript loses that correlation.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
async function readBucketData<K extends S3BucketDataKey>(
  api: Api,
  client: S3Client,
  input: BucketInput,
  key: K,
  where: ReadLocation,
  s3Compatible: boolean,
): Promise<(data: MutableBucketData) => void> {
  const { read }: BucketRead<K> = BUCKET_READS[key];
  const { operation } = DATA_SOURCES[key];
  let value: BucketData[K];
  try {
    value = await api.call((options) => read(client, input, options));
    const unsupported = s3Compatible ? BUCKET_READS[key].offAws?.(value) : undefined;
    if (unsupported !== undefined) value = observedError(operation, NOT_SUPPORTED_BY_ENDPOINT, unsupported);
  } catch (err) {
    if (isNoSuchBucket(operation, err)) throw new BucketDeleted(operation);
    value = observeRegionalFailure(operation, err, where);
  }
  return (data) => {
    data[key] = value;
  };
}

/** The bucket was deleted after it was listed: it is dropped from the scan, not reported as an error. */
class BucketDeleted extends Error {
  readonly operation: string;
  constructor(operation: string) {
    super(`bucket deleted (${operation} answered NoSuchBucket)`);
    this.operation = operation;
  }
}
