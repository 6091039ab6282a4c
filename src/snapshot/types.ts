import type { Observed } from './observed.ts';

/** Collected data that checks can ask for; each maps to exactly one API call (see collect/). */
export const S3_BUCKET_DATA_KEYS = [
  'encryption',
  'policy',
  'policyStatus',
  'versioning',
  'logging',
  'objectLock',
  'cors',
  'publicAccessBlock',
  'acl',
  'ownershipControls',
  'lifecycle',
] as const;
export type S3BucketDataKey = (typeof S3_BUCKET_DATA_KEYS)[number];

/**
 * The KMS key behind a bucket's default encryption, looked up once per distinct key however many
 * buckets share it. Each is collected only after the data it depends on (DATA_SOURCES.requires).
 */
export const KMS_BUCKET_DATA_KEYS = ['kmsKey', 'kmsKeyRotation', 'kmsKeyPolicy'] as const;
export type KmsBucketDataKey = (typeof KMS_BUCKET_DATA_KEYS)[number];

/**
 * Opt-in (--sample-objects N): up to N object versions of a bucket whose Object Lock is enabled,
 * each with its retention and legal hold. Read after the Object Lock configuration says "enabled".
 */
export const OBJECT_SAMPLE_DATA_KEYS = ['objectLockSample'] as const;

export const BUCKET_DATA_KEYS = [...S3_BUCKET_DATA_KEYS, ...KMS_BUCKET_DATA_KEYS, ...OBJECT_SAMPLE_DATA_KEYS] as const;
export type BucketDataKey = (typeof BUCKET_DATA_KEYS)[number];

export const ACCOUNT_DATA_KEYS = ['accountPublicAccessBlock'] as const;
export type AccountDataKey = (typeof ACCOUNT_DATA_KEYS)[number];

/** Per access point (found by ListAccessPoints in each region the account uses). */
export const ACCESS_POINT_DATA_KEYS = ['accessPointPublicAccessBlock', 'accessPointPolicy', 'accessPointPolicyStatus'] as const;
export type AccessPointDataKey = (typeof ACCESS_POINT_DATA_KEYS)[number];

/** Per Object Lambda access point (found by ListAccessPointsForObjectLambda in each region). */
export const OBJECT_LAMBDA_DATA_KEYS = ['objectLambdaConfiguration', 'objectLambdaPolicy', 'objectLambdaPolicyStatus'] as const;
export type ObjectLambdaDataKey = (typeof OBJECT_LAMBDA_DATA_KEYS)[number];

/** Per Multi-Region Access Point: ListMultiRegionAccessPoints returns it with each one. */
export const MULTI_REGION_DATA_KEYS = ['multiRegionAccessPointPublicAccessBlock'] as const;
export type MultiRegionDataKey = (typeof MULTI_REGION_DATA_KEYS)[number];

/**
 * The listing calls themselves, per region: what a resource carries from its list entry (an
 * access point's network origin) is collected whenever the resource is in the snapshot.
 */
export const LISTING_DATA_KEYS = ['accessPointListing', 'objectLambdaListing', 'glacierVaultListing'] as const;
export type ListingDataKey = (typeof LISTING_DATA_KEYS)[number];

/** Per S3 Glacier vault (found by ListVaults in each region the account uses). */
export const GLACIER_VAULT_DATA_KEYS = ['glacierVaultLock', 'glacierVaultAccessPolicy'] as const;
export type GlacierVaultDataKey = (typeof GLACIER_VAULT_DATA_KEYS)[number];

/** Every data key, in the order a snapshot header lists what was collected. */
export const DATA_KEYS = [
  ...BUCKET_DATA_KEYS,
  ...ACCOUNT_DATA_KEYS,
  ...LISTING_DATA_KEYS,
  ...ACCESS_POINT_DATA_KEYS,
  ...OBJECT_LAMBDA_DATA_KEYS,
  ...MULTI_REGION_DATA_KEYS,
  ...GLACIER_VAULT_DATA_KEYS,
] as const;
export type DataKey = (typeof DATA_KEYS)[number];

export interface PublicAccessBlock {
  readonly blockPublicAcls: boolean;
  readonly ignorePublicAcls: boolean;
  readonly blockPublicPolicy: boolean;
  readonly restrictPublicBuckets: boolean;
}

export interface EncryptionRule {
  /** AES256, aws:kms, aws:kms:dsse, aws:fsx, aws:backup, or a value AWS adds later. */
  readonly sseAlgorithm?: string;
  readonly kmsMasterKeyId?: string;
  readonly bucketKeyEnabled: boolean;
  /** e.g. ['SSE-C'] when SSE-C writes are blocked; undefined when AWS did not return the field. */
  readonly blockedEncryptionTypes?: readonly string[];
}

export interface EncryptionConfiguration {
  readonly rules: readonly EncryptionRule[];
}

/** The bucket policy as AWS returned it; policy/ parses it, checks never read it raw. */
export interface BucketPolicy {
  readonly text: string;
}

export interface PolicyStatus {
  readonly isPublic: boolean;
}

export interface Versioning {
  /** undefined: versioning was never enabled on the bucket. */
  readonly status?: 'Enabled' | 'Suspended';
  /** undefined: MFA Delete was never configured. */
  readonly mfaDelete?: 'Enabled' | 'Disabled';
}

export interface Logging {
  /** undefined: server access logging is off. */
  readonly target?: {
    readonly bucket: string;
    readonly prefix: string;
    readonly keyFormat?: 'simple' | 'partitioned';
  };
}

export interface ObjectLock {
  readonly enabled: boolean;
  readonly defaultRetention?: {
    readonly mode?: string;
    readonly days?: number;
    readonly years?: number;
  };
}

/** GetObjectRetention of one object version; a date in the past no longer protects it. */
export interface ObjectRetention {
  /** GOVERNANCE, COMPLIANCE, or a value AWS adds later. */
  readonly mode?: string;
  /** ISO-8601. */
  readonly retainUntil?: string;
}

export interface ObjectLegalHold {
  /** ON, OFF, or a value AWS adds later. */
  readonly status?: string;
}

/**
 * One sampled object version. `retention`/`legalHold` absent: S3 answered that the version has
 * none (NoSuchObjectLockConfiguration).
 */
export interface SampledObjectVersion {
  readonly key: string;
  readonly versionId: string;
  readonly retention: Observed<ObjectRetention>;
  readonly legalHold: Observed<ObjectLegalHold>;
}

export interface ObjectLockSample {
  /** The N of --sample-objects: at most this many versions were read. */
  readonly limit: number;
  /** ISO-8601, when the versions were listed: a retention is judged unexpired against this time. */
  readonly sampledAt: string;
  /** Object versions (delete markers skipped) in ListObjectVersions order. */
  readonly versions: readonly SampledObjectVersion[];
}

export interface CorsRule {
  readonly id?: string;
  readonly allowedOrigins: readonly string[];
  readonly allowedMethods: readonly string[];
  readonly allowedHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAgeSeconds?: number;
}

export interface Cors {
  readonly rules: readonly CorsRule[];
}

export interface AclGrant {
  readonly granteeType: string;
  readonly id?: string;
  readonly uri?: string;
  readonly email?: string;
  readonly permission: string;
}

export interface Acl {
  readonly ownerId?: string;
  readonly grants: readonly AclGrant[];
}

export interface OwnershipControls {
  /** BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter, or a value AWS adds later. */
  readonly objectOwnership: string;
}

export interface Lifecycle {
  readonly rules: readonly { readonly id?: string; readonly status: string }[];
}

/**
 * The key a bucket's default encryption names, as far as it could be resolved:
 * - `aws-managed-alias`: no key id, or an AWS alias such as alias/aws/s3. Not described on purpose:
 *   DescribeKey on a predefined AWS alias creates the AWS managed key where it does not exist yet.
 * - `missing`: KMS says no such key (NotFoundException, InvalidArnException): writes using it fail.
 * - `described`: what DescribeKey returned.
 */
export type KmsKey = AwsManagedAliasKey | MissingKmsKey | DescribedKmsKey;

interface KmsKeyReference {
  /** KMSMasterKeyID exactly as configured: key ARN, key id, alias name or alias ARN. */
  readonly configuredId?: string;
  /** Where the key was looked up: the region of the ARN, else the bucket's region. */
  readonly region: string;
}

export interface AwsManagedAliasKey extends KmsKeyReference {
  readonly kind: 'aws-managed-alias';
  /** e.g. alias/aws/s3 (what S3 uses when the rule names no key). */
  readonly alias: string;
}

export interface MissingKmsKey extends KmsKeyReference {
  readonly kind: 'missing';
  readonly configuredId: string;
  readonly code: string;
  readonly message: string;
}

export interface DescribedKmsKey extends KmsKeyReference {
  readonly kind: 'described';
  readonly configuredId: string;
  readonly arn: string;
  readonly accountId: string;
  /** AWS or CUSTOMER, or a value AWS adds later. */
  readonly keyManager: string;
  /** Enabled, Disabled, PendingDeletion, PendingImport, Unavailable, … as KMS sent it. */
  readonly keyState: string;
  /** e.g. SYMMETRIC_DEFAULT; S3 can only use symmetric encryption keys. */
  readonly keySpec?: string;
  /** e.g. ENCRYPT_DECRYPT. */
  readonly keyUsage?: string;
  /** AWS_KMS, EXTERNAL (imported material), AWS_CLOUDHSM, EXTERNAL_KEY_STORE. */
  readonly origin?: string;
  readonly multiRegion?: boolean;
  /** ISO-8601, only while PendingDeletion. */
  readonly deletionDate?: string;
}

export interface KmsKeyRotation {
  readonly enabled: boolean;
  readonly periodDays?: number;
  /** ISO-8601. */
  readonly nextRotationDate?: string;
}

/** The key policy as KMS returned it; policy/ parses it, checks never read it raw. */
export interface KmsKeyPolicy {
  readonly text: string;
}

/** What we know about one general-purpose bucket. A key is missing when it was not collected. */
export interface BucketState {
  readonly name: string;
  readonly region: string;
  readonly creationDate?: string;
  readonly encryption?: Observed<EncryptionConfiguration>;
  readonly policy?: Observed<BucketPolicy>;
  readonly policyStatus?: Observed<PolicyStatus>;
  readonly versioning?: Observed<Versioning>;
  readonly logging?: Observed<Logging>;
  readonly objectLock?: Observed<ObjectLock>;
  readonly cors?: Observed<Cors>;
  readonly publicAccessBlock?: Observed<PublicAccessBlock>;
  readonly acl?: Observed<Acl>;
  readonly ownershipControls?: Observed<OwnershipControls>;
  readonly lifecycle?: Observed<Lifecycle>;
  /** absent: the default encryption names no KMS key (not SSE-KMS or DSSE-KMS). */
  readonly kmsKey?: Observed<KmsKey>;
  /** absent: no customer managed key to ask about, or KMS cannot rotate this key (UnsupportedOperationException). */
  readonly kmsKeyRotation?: Observed<KmsKeyRotation>;
  /** absent: no key to ask about. An error for a key of another account (GetKeyPolicy is same-account only). */
  readonly kmsKeyPolicy?: Observed<KmsKeyPolicy>;
  /** absent: not sampled, as Object Lock is not enabled (or its configuration could not be read). */
  readonly objectLockSample?: Observed<ObjectLockSample>;
}

/** Account-level state: the snapshot header carries it, checks see it through AccountContext. */
export interface AccountState {
  readonly accountId: string;
  readonly partition: string;
  /** The home region: where account-wide calls (ListBuckets, S3 Control) were made. */
  readonly region: string;
  readonly publicAccessBlock?: Observed<PublicAccessBlock>;
  /**
   * Collected from an S3-compatible endpoint (--endpoint-url, AWS_ENDPOINT_URL_S3), not from AWS:
   * AWS-only guarantees (GetBucketPolicyStatus's verdict, RestrictPublicBuckets) are not assumed.
   */
  readonly s3Compatible?: true;
  /**
   * The account part that principals of this account carry in policy ARNs, when it is not
   * `accountId`: on Ceph RGW the owner's tenant ("" for the default one: arn:aws:iam:::user/alice).
   */
  readonly policyAccountId?: string;
}

/**
 * An access point: a named door into one bucket with its own policy and Block Public Access.
 * The fields up to `vpcId` come from ListAccessPoints; the rest are collected per data key.
 */
export interface AccessPointState {
  readonly name: string;
  readonly region: string;
  readonly arn: string;
  readonly bucket: string;
  /** The bucket owner; another account's id makes this a cross-account access point. */
  readonly bucketAccountId?: string;
  /** Internet, VPC, or a value AWS adds later. */
  readonly networkOrigin: string;
  readonly vpcId?: string;
  /** GetAccessPoint; fixed at creation. */
  readonly accessPointPublicAccessBlock?: Observed<PublicAccessBlock>;
  readonly accessPointPolicy?: Observed<BucketPolicy>;
  readonly accessPointPolicyStatus?: Observed<PolicyStatus>;
}

export interface ObjectLambdaConfiguration {
  /** The ARN of the access point the Lambda function reads through. */
  readonly supportingAccessPoint: string;
  /** The Lambda functions that transform objects. */
  readonly functionArns: readonly string[];
}

/** An Object Lambda access point: a Lambda function in front of a supporting access point. */
export interface ObjectLambdaAccessPointState {
  readonly name: string;
  readonly region: string;
  readonly arn: string;
  /** The bucket behind the supporting access point, when that access point was listed. */
  readonly bucket?: string;
  readonly objectLambdaConfiguration?: Observed<ObjectLambdaConfiguration>;
  readonly objectLambdaPolicy?: Observed<BucketPolicy>;
  readonly objectLambdaPolicyStatus?: Observed<PolicyStatus>;
}

/** A Multi-Region Access Point: one global endpoint over buckets in several regions. */
export interface MultiRegionAccessPointState {
  readonly name: string;
  readonly alias: string;
  readonly arn: string;
  /** READY, CREATING, INCONSISTENT_ACROSS_REGIONS, … as AWS sent it. */
  readonly status?: string;
  readonly regions: readonly { readonly bucket: string; readonly region: string; readonly bucketAccountId?: string }[];
  /** absent: ListMultiRegionAccessPoints returned no PublicAccessBlock for it. */
  readonly multiRegionAccessPointPublicAccessBlock?: Observed<PublicAccessBlock>;
}

/** A vault's lock (GetVaultLock): the lock policy and how far the two-step locking got. */
export interface GlacierVaultLock {
  /** Locked, InProgress, or a value AWS adds later. */
  readonly state: string;
  /** The vault lock policy; policy/ parses it, checks never read it raw. */
  readonly policy?: BucketPolicy;
  /** ISO-8601: when InitiateVaultLock was called. */
  readonly creationDate?: string;
  /** ISO-8601, only while InProgress: when the lock id expires and the lock is aborted. */
  readonly expirationDate?: string;
}

/** An S3 Glacier vault: the fields up to `creationDate` come from ListVaults, the rest per data key. */
export interface GlacierVaultState {
  readonly name: string;
  readonly region: string;
  readonly arn: string;
  readonly creationDate?: string;
  /** absent: no vault lock was ever initiated (ResourceNotFoundException). */
  readonly glacierVaultLock?: Observed<GlacierVaultLock>;
  /** absent: the vault has no access policy (ResourceNotFoundException). */
  readonly glacierVaultAccessPolicy?: Observed<BucketPolicy>;
}

/** A listing call that failed: whatever it would have found is missing from the snapshot. */
export interface ListingError {
  readonly operation: string;
  /** The region asked, '' for a global call. */
  readonly region: string;
  readonly code: string;
  readonly message: string;
}

export interface SnapshotHeader {
  readonly kind: 's3-audit-snapshot';
  readonly schemaVersion: number;
  readonly tool: { readonly name: string; readonly version: string };
  readonly collectedAt: string;
  readonly account: AccountState;
  /** The data keys that were collected for every resource they belong to in this snapshot. */
  readonly collected: readonly DataKey[];
}

/**
 * One line after the header. `note` records something the user should know (e.g. a bucket deleted
 * mid-scan). `unscanned-bucket`: a bucket ListBuckets named that --bucket/--exclude-bucket left
 * out, written when a selected check reads the bucket index: it is still a bucket of the account
 * (a logging target, say), though nothing but its region is known.
 */
export type SnapshotRecord =
  | { readonly type: 'bucket'; readonly bucket: BucketState }
  | { readonly type: 'unscanned-bucket'; readonly name: string; readonly region?: string }
  | { readonly type: 'note'; readonly message: string }
  | { readonly type: 'access-point'; readonly accessPoint: AccessPointState }
  | { readonly type: 'object-lambda-access-point'; readonly objectLambdaAccessPoint: ObjectLambdaAccessPointState }
  | { readonly type: 'multi-region-access-point'; readonly multiRegionAccessPoint: MultiRegionAccessPointState }
  | { readonly type: 'glacier-vault'; readonly glacierVault: GlacierVaultState }
  | { readonly type: 'listing-error'; readonly error: ListingError };
