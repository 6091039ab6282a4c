import type { Observed } from './observed.ts';

/** Collected data that checks can ask for; each maps to exactly one API call (see collect/). */
export const BUCKET_DATA_KEYS = [
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
export type BucketDataKey = (typeof BUCKET_DATA_KEYS)[number];

export const ACCOUNT_DATA_KEYS = ['accountPublicAccessBlock'] as const;
export type AccountDataKey = (typeof ACCOUNT_DATA_KEYS)[number];

export type DataKey = BucketDataKey | AccountDataKey;

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
}

/** Account-level state: the snapshot header carries it, checks see it through AccountContext. */
export interface AccountState {
  readonly accountId: string;
  readonly partition: string;
  /** The home region: where account-wide calls (ListBuckets, S3 Control) were made. */
  readonly region: string;
  readonly publicAccessBlock?: Observed<PublicAccessBlock>;
}

export interface SnapshotHeader {
  readonly kind: 's3-audit-snapshot';
  readonly schemaVersion: number;
  readonly tool: { readonly name: string; readonly version: string };
  readonly collectedAt: string;
  readonly account: AccountState;
  /** The data keys that were collected for every bucket in this snapshot. */
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
  | { readonly type: 'note'; readonly message: string };
