import { createHash } from 'node:crypto';
import type {
  Acl,
  S3BucketDataKey,
  Cors,
  EncryptionConfiguration,
  Lifecycle,
  Logging,
  ObjectLock,
  OwnershipControls,
  PolicyStatus,
  PublicAccessBlock,
  Versioning,
} from '../../../src/snapshot/types.ts';

/** A JSON policy document: a string is served verbatim, an object is JSON.stringified. */
export type PolicyDocument = string | Readonly<Record<string, unknown>>;

/** Bucket-scoped S3 operations the endpoint serves (the SDK command names without "Command"). */
export const S3_BUCKET_OPERATIONS = [
  'HeadBucket',
  'GetBucketLocation',
  'GetBucketEncryption',
  'GetBucketPolicy',
  'GetBucketPolicyStatus',
  'GetBucketVersioning',
  'GetBucketLogging',
  'GetObjectLockConfiguration',
  'GetBucketCors',
  'GetPublicAccessBlock',
  'GetBucketAcl',
  'GetBucketOwnershipControls',
  'GetBucketLifecycleConfiguration',
] as const;
export type S3BucketOperationName = (typeof S3_BUCKET_OPERATIONS)[number];

/** Object-level reads (--sample-objects): never called by a scan without the flag. */
export const S3_OBJECT_OPERATIONS = ['ListObjectVersions', 'GetObjectRetention', 'GetObjectLegalHold'] as const;
export type S3ObjectOperationName = (typeof S3_OBJECT_OPERATIONS)[number];

/** One entry of ListObjectVersions: only its lock configuration is served, never data. */
export interface ObjectVersionFixture {
  readonly key: string;
  readonly versionId: string;
  /** A delete marker: listed under <DeleteMarker>, no retention or legal hold to read. */
  readonly deleteMarker?: boolean;
  /** undefined → GetObjectRetention 404 NoSuchObjectLockConfiguration. */
  readonly retention?: { readonly mode: 'GOVERNANCE' | 'COMPLIANCE'; readonly retainUntil: string };
  /** undefined → GetObjectLegalHold 404 NoSuchObjectLockConfiguration. */
  readonly legalHold?: 'ON' | 'OFF';
  readonly faults?: FaultMap<Exclude<S3ObjectOperationName, 'ListObjectVersions'>>;
}

/** The operation that reads each collected data key: what a collector calls, what a fault targets. */
export const OPERATION_BY_DATA_KEY = {
  encryption: 'GetBucketEncryption',
  policy: 'GetBucketPolicy',
  policyStatus: 'GetBucketPolicyStatus',
  versioning: 'GetBucketVersioning',
  logging: 'GetBucketLogging',
  objectLock: 'GetObjectLockConfiguration',
  cors: 'GetBucketCors',
  publicAccessBlock: 'GetPublicAccessBlock',
  acl: 'GetBucketAcl',
  ownershipControls: 'GetBucketOwnershipControls',
  lifecycle: 'GetBucketLifecycleConfiguration',
} as const satisfies Record<S3BucketDataKey, S3BucketOperationName>;

export const S3CONTROL_OPERATIONS = [
  'GetPublicAccessBlock',
  'ListAccessPoints',
  'GetAccessPoint',
  'GetAccessPointPolicy',
  'GetAccessPointPolicyStatus',
  'ListAccessPointsForObjectLambda',
  'GetAccessPointConfigurationForObjectLambda',
  'GetAccessPointPolicyForObjectLambda',
  'GetAccessPointPolicyStatusForObjectLambda',
  'ListMultiRegionAccessPoints',
] as const;
export type S3ControlOperationName = (typeof S3CONTROL_OPERATIONS)[number];

export const KMS_OPERATIONS = ['DescribeKey', 'GetKeyRotationStatus', 'GetKeyPolicy'] as const;

/** S3 Glacier operations the endpoint serves; ListVaults faults are account-wide, the others per vault. */
export const GLACIER_VAULT_OPERATIONS = ['GetVaultLock', 'GetVaultAccessPolicy'] as const;
export type GlacierVaultOperationName = (typeof GLACIER_VAULT_OPERATIONS)[number];
export type KmsOperationName = (typeof KMS_OPERATIONS)[number];

/**
 * Account-scoped operations a fault can target. `GetPublicAccessBlock` here is the S3 Control
 * (account-level) one; the bucket-level one is a bucket fault.
 */
export type AccountOperationName = 'GetCallerIdentity' | 'ListBuckets' | 'ListVaults' | S3ControlOperationName;

/** Answer with an AWS error instead of the configured value. */
export interface ErrorFault {
  readonly kind?: 'error';
  readonly code: string;
  /** Default: the status AWS uses for `code` (see faults.ts), else 400. */
  readonly status?: number;
  readonly message?: string;
  /** Fail only the first `times` matching requests (retry tests); default: every request. */
  readonly times?: number;
}
/** Destroy the socket without answering (the SDK sees ECONNRESET / socket hang up). */
export interface ResetFault {
  readonly kind: 'reset';
  readonly times?: number;
}
/** Answer normally after an extra delay. */
export interface DelayFault {
  readonly kind: 'delay';
  readonly ms: number;
  readonly times?: number;
}
/** Answer 200 with a body the SDK cannot parse. */
export interface MalformedFault {
  readonly kind: 'malformed';
  readonly times?: number;
}
/** A bare string is an error code with its default status, e.g. 'AccessDenied'. */
export type FaultSpec = string | ErrorFault | ResetFault | DelayFault | MalformedFault;

export type FaultMap<Op extends string> = Readonly<Partial<Record<Op, FaultSpec>>>;

/** A lifecycle rule: the normalized fields plus optional actions that make the XML realistic. */
export type LifecycleRuleFixture = Lifecycle['rules'][number] & {
  readonly prefix?: string;
  readonly expirationDays?: number;
  readonly transitions?: readonly { readonly days: number; readonly storageClass: string }[];
  readonly noncurrentVersionExpirationDays?: number;
  readonly abortIncompleteMultipartUploadDays?: number;
};
export interface LifecycleFixture {
  readonly rules: readonly LifecycleRuleFixture[];
}

/** One general-purpose bucket. An undefined configuration answers exactly as AWS does when it is not configured. */
export interface BucketFixture {
  readonly name: string;
  readonly region: string;
  /** ISO-8601; default 2024-01-15T10:00:00.000Z. */
  readonly creationDate?: string;
  /** undefined → 404 ServerSideEncryptionConfigurationNotFoundError (legacy / S3-compatible). */
  readonly encryption?: EncryptionConfiguration;
  /** undefined → 404 NoSuchBucketPolicy for both GetBucketPolicy and GetBucketPolicyStatus. */
  readonly policy?: PolicyDocument;
  /** Default when a policy exists: { isPublic: false }. Ignored without a policy. */
  readonly policyStatus?: PolicyStatus;
  /** undefined → 200 with an empty <VersioningConfiguration/> (never enabled). */
  readonly versioning?: Versioning;
  /** undefined → 200 with an empty <BucketLoggingStatus/> (logging off). */
  readonly logging?: Logging;
  /** undefined or enabled:false → 404 ObjectLockConfigurationNotFoundError (AWS has no "disabled" state). */
  readonly objectLock?: ObjectLock;
  /** undefined → 404 NoSuchCORSConfiguration. */
  readonly cors?: Cors;
  /** undefined → 404 NoSuchPublicAccessBlockConfiguration. */
  readonly publicAccessBlock?: PublicAccessBlock;
  /** Default: the owner with FULL_CONTROL (what BucketOwnerEnforced buckets return). */
  readonly acl?: Acl;
  /** undefined → 404 OwnershipControlsNotFoundError. */
  readonly ownershipControls?: OwnershipControls;
  /** undefined → 404 NoSuchLifecycleConfiguration. */
  readonly lifecycle?: LifecycleFixture;
  readonly faults?: FaultMap<S3BucketOperationName>;
  /** In ListObjectVersions order. */
  readonly objectVersions?: readonly ObjectVersionFixture[];
  /** Faults of the object-level reads, for every object of the bucket (a version's own win). */
  readonly objectFaults?: FaultMap<S3ObjectOperationName>;
}

export const KMS_KEY_STATES = [
  'Creating',
  'Enabled',
  'Disabled',
  'PendingDeletion',
  'PendingImport',
  'PendingReplicaDeletion',
  'Unavailable',
  'Updating',
] as const;
export type KmsKeyState = (typeof KMS_KEY_STATES)[number];

/**
 * A KMS key, addressed by ARN. A key whose ARN names another account is a foreign key: it can be
 * described by ARN but its policy is not readable (KMS GetKeyPolicy is same-account only).
 */
export interface KmsKeyFixture {
  /** arn:aws:kms:<region>:<account>:key/<key-id> */
  readonly arn: string;
  /** e.g. ['alias/app-data']; resolvable in the key's region and account. */
  readonly aliases?: readonly string[];
  readonly description?: string;
  /** Default Enabled. */
  readonly keyState?: KmsKeyState;
  /** Default CUSTOMER. */
  readonly keyManager?: 'AWS' | 'CUSTOMER';
  /** Default SYMMETRIC_DEFAULT. Anything else cannot rotate (UnsupportedOperationException). */
  readonly keySpec?: string;
  /** Default AWS_KMS. EXTERNAL / AWS_CLOUDHSM / EXTERNAL_KEY_STORE cannot rotate. */
  readonly origin?: string;
  readonly multiRegion?: boolean;
  readonly creationDate?: string;
  /** Only meaningful with keyState PendingDeletion. */
  readonly deletionDate?: string;
  /** Default: true for AWS managed keys, false otherwise. PendingDeletion always reports false. */
  readonly rotationEnabled?: boolean;
  readonly rotationPeriodInDays?: number;
  /** Default: the standard "Enable IAM User Permissions" root policy. */
  readonly policy?: PolicyDocument;
  readonly faults?: FaultMap<KmsOperationName>;
}

/** An access point, served in its region (ListAccessPoints answers with those of the region it is signed for). */
export interface AccessPointFixture {
  readonly name: string;
  readonly region: string;
  readonly bucket: string;
  /** Default: the fixture account (another id makes it a cross-account access point). */
  readonly bucketAccountId?: string;
  /** Set: network origin VPC; undefined: Internet. */
  readonly vpcId?: string;
  /** Default: all four on (what AWS sets unless told otherwise). */
  readonly publicAccessBlock?: PublicAccessBlock;
  /** undefined → 404 NoSuchAccessPointPolicy for the policy and its status. */
  readonly policy?: PolicyDocument;
  /** Default when a policy exists: { isPublic: false }. */
  readonly policyStatus?: PolicyStatus;
}

/** An Object Lambda access point in front of one of the fixture's access points. */
export interface ObjectLambdaAccessPointFixture {
  readonly name: string;
  readonly region: string;
  /** The name of the supporting access point (same region). */
  readonly supportingAccessPoint: string;
  readonly functionArn: string;
  /** undefined → 404 NoSuchAccessPointPolicy. */
  readonly policy?: PolicyDocument;
  readonly policyStatus?: PolicyStatus;
}

/** A Multi-Region Access Point; listed only by requests signed for us-west-2. */
export interface MultiRegionAccessPointFixture {
  readonly name: string;
  readonly alias: string;
  /** Default READY. */
  readonly status?: string;
  /** Default: all four on. */
  readonly publicAccessBlock?: PublicAccessBlock;
  readonly regions: readonly { readonly bucket: string; readonly region: string }[];
}

/** A vault lock: Locked, or InProgress (initiated, not completed: it expires 24 h after creationDate). */
export interface GlacierVaultLockFixture {
  readonly state: 'Locked' | 'InProgress';
  readonly policy: PolicyDocument;
  /** Default 2025-03-01T09:00:00.000Z. */
  readonly creationDate?: string;
  /** Only InProgress locks have one; default creationDate + 24 h. */
  readonly expirationDate?: string;
}

/** An S3 Glacier vault, listed by ListVaults requests signed for its region. */
export interface GlacierVaultFixture {
  readonly name: string;
  readonly region: string;
  /** Default 2024-01-15T10:00:00.000Z. */
  readonly creationDate?: string;
  /** undefined → 404 ResourceNotFoundException (no vault lock initiated). */
  readonly lock?: GlacierVaultLockFixture;
  /** undefined → 404 ResourceNotFoundException (no access policy). */
  readonly accessPolicy?: PolicyDocument;
  readonly faults?: FaultMap<GlacierVaultOperationName>;
}

export interface AccountFixture {
  readonly accountId: string;
  /** Default arn:aws:iam::<accountId>:user/auditor */
  readonly callerArn?: string;
  /** Default AIDAEXAMPLEAUDITOR0001 */
  readonly callerUserId?: string;
  /** Canonical user id of the account (ACL and ListBuckets owner); default derived from accountId. */
  readonly ownerId?: string;
  /** undefined → S3 Control 404 NoSuchPublicAccessBlockConfiguration. */
  readonly accountPublicAccessBlock?: PublicAccessBlock;
  readonly buckets: readonly BucketFixture[];
  readonly kmsKeys?: readonly KmsKeyFixture[];
  readonly accessPoints?: readonly AccessPointFixture[];
  readonly objectLambdaAccessPoints?: readonly ObjectLambdaAccessPointFixture[];
  readonly multiRegionAccessPoints?: readonly MultiRegionAccessPointFixture[];
  readonly glacierVaults?: readonly GlacierVaultFixture[];
  /** S3 Control faults apply account-wide (every access point, every region). */
  readonly faults?: FaultMap<AccountOperationName>;
  /** Faults applied to every bucket that does not define its own for that operation (counted per bucket). */
  readonly defaultBucketFaults?: FaultMap<S3BucketOperationName>;
  /**
   * Opt-in Regions the account has not enabled: every request signed for one is refused as AWS
   * refuses it there, the credentials being unknown in that Region (S3: 403 InvalidAccessKeyId).
   */
  readonly disabledRegions?: readonly string[];
  /**
   * 'ceph-rgw': answer as Ceph RGW 16 does where it differs from AWS (rgw-dialect.ts; reference
   * ceph-rgw.md): no STS, no S3 Control, unpaginated ListBuckets without regions, 200 answers with
   * the wrong document for encryption and ownership controls, its own IsPublic. `ownerId` is then
   * the RGW user id that ListBuckets names as owner.
   */
  readonly dialect?: 'ceph-rgw';
}

const DEFAULT_CREATION_DATE = '2024-01-15T10:00:00.000Z';

export function callerArn(account: AccountFixture): string {
  return account.callerArn ?? `arn:aws:iam::${account.accountId}:user/auditor`;
}

/** A stable 64-hex canonical user id, shaped like the real ones. */
export function ownerId(account: AccountFixture): string {
  return account.ownerId ?? createHash('sha256').update(`canonical:${account.accountId}`).digest('hex');
}

export function creationDate(bucket: BucketFixture): string {
  return bucket.creationDate ?? DEFAULT_CREATION_DATE;
}

export function policyText(policy: PolicyDocument): string {
  return typeof policy === 'string' ? policy : JSON.stringify(policy);
}

/** What GetBucketPolicyStatus reports; undefined when the bucket has no policy. */
export function effectivePolicyStatus(bucket: BucketFixture): PolicyStatus | undefined {
  if (bucket.policy === undefined) return undefined;
  return bucket.policyStatus ?? { isPublic: false };
}

export function effectiveAcl(bucket: BucketFixture, account: AccountFixture): Acl {
  if (bucket.acl !== undefined) return bucket.acl;
  const id = ownerId(account);
  return { ownerId: id, grants: [{ granteeType: 'CanonicalUser', id, permission: 'FULL_CONTROL' }] };
}

export function effectiveObjectLock(bucket: BucketFixture): ObjectLock | undefined {
  return bucket.objectLock?.enabled === true ? bucket.objectLock : undefined;
}

/** The lifecycle as the normalized snapshot type holds it (the fixture's extra actions dropped). */
export function normalizedLifecycle(lifecycle: LifecycleFixture): Lifecycle {
  return { rules: lifecycle.rules.map((r) => (r.id === undefined ? { status: r.status } : { id: r.id, status: r.status })) };
}

export function bucketFault(
  bucket: BucketFixture,
  account: AccountFixture,
  operation: S3BucketOperationName,
): FaultSpec | undefined {
  return bucket.faults?.[operation] ?? account.defaultBucketFaults?.[operation];
}

export const ALL_BLOCKED: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

export function accessPointArn(account: AccountFixture, ap: Pick<AccessPointFixture, 'name' | 'region'>): string {
  return `arn:aws:s3:${ap.region}:${account.accountId}:accesspoint/${ap.name}`;
}

export function objectLambdaArn(account: AccountFixture, olap: ObjectLambdaAccessPointFixture): string {
  return `arn:aws:s3-object-lambda:${olap.region}:${account.accountId}:accesspoint/${olap.name}`;
}

export function glacierVaultArn(account: AccountFixture, vault: Pick<GlacierVaultFixture, 'name' | 'region'>): string {
  return `arn:aws:glacier:${vault.region}:${account.accountId}:vaults/${vault.name}`;
}
