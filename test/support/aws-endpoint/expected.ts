import type { S3BucketDataKey, BucketState } from '../../../src/snapshot/types.ts';
import {
  bucketFault,
  effectiveAcl,
  effectiveObjectLock,
  effectivePolicyStatus,
  normalizedLifecycle,
  OPERATION_BY_DATA_KEY,
  policyText,
} from './fixture.ts';
import type { AccountFixture, BucketFixture } from './fixture.ts';

/** The value type a collected data key holds. */
type ValueOf<K extends S3BucketDataKey> = Extract<NonNullable<BucketState[K]>, { state: 'present' }>['value'];

/**
 * What a collector should observe: compare with `toMatchObject` (an error's operation and message,
 * and the code of a reset or malformed answer, depend on the collector and the SDK).
 */
export type Expected<T> =
  | { readonly state: 'present'; readonly value: T }
  | { readonly state: 'absent'; readonly code: string }
  | { readonly state: 'error'; readonly code?: string };

export type ExpectedBucketData = { readonly [K in S3BucketDataKey]: Expected<ValueOf<K>> };

function present<T>(value: T): Expected<T> {
  return { state: 'present', value };
}

function absent(code: string): Expected<never> {
  return { state: 'absent', code };
}

function presentOr<T>(value: T | undefined, code: string): Expected<T> {
  return value === undefined ? absent(code) : present(value);
}

/**
 * The observation a fault forces, if any. A `times`-limited fault is assumed to be outlasted by the
 * collector's retries, and a delay only slows the answer, so neither changes the observation.
 */
function faultObservation(bucket: BucketFixture, account: AccountFixture, key: S3BucketDataKey): Expected<never> | undefined {
  const spec = bucketFault(bucket, account, OPERATION_BY_DATA_KEY[key]);
  if (spec === undefined) return undefined;
  if (typeof spec === 'string') return { state: 'error', code: spec };
  if (spec.times !== undefined || spec.kind === 'delay') return undefined;
  return spec.kind === 'reset' || spec.kind === 'malformed' ? { state: 'error' } : { state: 'error', code: spec.code };
}

/** Per data key, what reading `bucket` through the endpoint yields. */
export function expectedBucketData(bucket: BucketFixture, account: AccountFixture): ExpectedBucketData {
  const policyStatus = effectivePolicyStatus(bucket);
  const served: ExpectedBucketData = {
    encryption: presentOr(bucket.encryption, 'ServerSideEncryptionConfigurationNotFoundError'),
    policy: presentOr(bucket.policy === undefined ? undefined : { text: policyText(bucket.policy) }, 'NoSuchBucketPolicy'),
    policyStatus: presentOr(policyStatus, 'NoSuchBucketPolicy'),
    versioning: present(bucket.versioning ?? {}),
    logging: present(bucket.logging ?? {}),
    objectLock: presentOr(effectiveObjectLock(bucket), 'ObjectLockConfigurationNotFoundError'),
    cors: presentOr(bucket.cors, 'NoSuchCORSConfiguration'),
    publicAccessBlock: presentOr(bucket.publicAccessBlock, 'NoSuchPublicAccessBlockConfiguration'),
    acl: present(effectiveAcl(bucket, account)),
    ownershipControls: presentOr(bucket.ownershipControls, 'OwnershipControlsNotFoundError'),
    lifecycle: presentOr(bucket.lifecycle === undefined ? undefined : normalizedLifecycle(bucket.lifecycle), 'NoSuchLifecycleConfiguration'),
  };
  return {
    encryption: faultObservation(bucket, account, 'encryption') ?? served.encryption,
    policy: faultObservation(bucket, account, 'policy') ?? served.policy,
    policyStatus: faultObservation(bucket, account, 'policyStatus') ?? served.policyStatus,
    versioning: faultObservation(bucket, account, 'versioning') ?? served.versioning,
    logging: faultObservation(bucket, account, 'logging') ?? served.logging,
    objectLock: faultObservation(bucket, account, 'objectLock') ?? served.objectLock,
    cors: faultObservation(bucket, account, 'cors') ?? served.cors,
    publicAccessBlock: faultObservation(bucket, account, 'publicAccessBlock') ?? served.publicAccessBlock,
    acl: faultObservation(bucket, account, 'acl') ?? served.acl,
    ownershipControls: faultObservation(bucket, account, 'ownershipControls') ?? served.ownershipControls,
    lifecycle: faultObservation(bucket, account, 'lifecycle') ?? served.lifecycle,
  };
}
