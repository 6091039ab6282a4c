import type { DataKey } from './types.ts';

export interface DataSource {
  readonly operation: string;
  /** The IAM action the scanning principal needs for the operation. */
  readonly iamAction: string;
  /** Data that must be collected first: the call is made with what it found. */
  readonly requires?: readonly DataKey[];
  /** A listing call: its data comes with every resource it lists, so a listed resource always has it. */
  readonly listing?: true;
  /** Further calls made for each item the operation lists (the sampled object versions). */
  readonly perItem?: readonly { readonly operation: string; readonly iamAction: string }[];
}

/** Where each data key comes from: the one API call that reads it, and the permission that call needs. */
export const DATA_SOURCES: Readonly<Record<DataKey, DataSource>> = {
  encryption: { operation: 'GetBucketEncryption', iamAction: 's3:GetEncryptionConfiguration' },
  policy: { operation: 'GetBucketPolicy', iamAction: 's3:GetBucketPolicy' },
  policyStatus: { operation: 'GetBucketPolicyStatus', iamAction: 's3:GetBucketPolicyStatus' },
  versioning: { operation: 'GetBucketVersioning', iamAction: 's3:GetBucketVersioning' },
  logging: { operation: 'GetBucketLogging', iamAction: 's3:GetBucketLogging' },
  objectLock: { operation: 'GetObjectLockConfiguration', iamAction: 's3:GetBucketObjectLockConfiguration' },
  cors: { operation: 'GetBucketCors', iamAction: 's3:GetBucketCORS' },
  publicAccessBlock: { operation: 'GetPublicAccessBlock', iamAction: 's3:GetBucketPublicAccessBlock' },
  acl: { operation: 'GetBucketAcl', iamAction: 's3:GetBucketAcl' },
  ownershipControls: { operation: 'GetBucketOwnershipControls', iamAction: 's3:GetBucketOwnershipControls' },
  lifecycle: { operation: 'GetBucketLifecycleConfiguration', iamAction: 's3:GetLifecycleConfiguration' },
  kmsKey: { operation: 'DescribeKey', iamAction: 'kms:DescribeKey', requires: ['encryption'] },
  kmsKeyRotation: { operation: 'GetKeyRotationStatus', iamAction: 'kms:GetKeyRotationStatus', requires: ['kmsKey'] },
  kmsKeyPolicy: { operation: 'GetKeyPolicy', iamAction: 'kms:GetKeyPolicy', requires: ['kmsKey'] },
  objectLockSample: {
    operation: 'ListObjectVersions',
    iamAction: 's3:ListBucketVersions',
    requires: ['objectLock'],
    perItem: [
      { operation: 'GetObjectRetention', iamAction: 's3:GetObjectRetention' },
      { operation: 'GetObjectLegalHold', iamAction: 's3:GetObjectLegalHold' },
    ],
  },
  accountPublicAccessBlock: { operation: 'GetPublicAccessBlock (S3 Control)', iamAction: 's3:GetAccountPublicAccessBlock' },
  accessPointListing: { operation: 'ListAccessPoints', iamAction: 's3:ListAccessPoints', listing: true },
  objectLambdaListing: { operation: 'ListAccessPointsForObjectLambda', iamAction: 's3:ListAccessPointsForObjectLambda', listing: true },
  accessPointPublicAccessBlock: { operation: 'GetAccessPoint', iamAction: 's3:GetAccessPoint', requires: ['accessPointListing'] },
  accessPointPolicy: { operation: 'GetAccessPointPolicy', iamAction: 's3:GetAccessPointPolicy', requires: ['accessPointListing'] },
  accessPointPolicyStatus: {
    operation: 'GetAccessPointPolicyStatus',
    iamAction: 's3:GetAccessPointPolicyStatus',
    requires: ['accessPointListing'],
  },
  objectLambdaConfiguration: {
    operation: 'GetAccessPointConfigurationForObjectLambda',
    iamAction: 's3:GetAccessPointConfigurationForObjectLambda',
    // The supporting access point it names is looked up among the listed ones to find the bucket behind it.
    requires: ['objectLambdaListing', 'accessPointListing'],
  },
  objectLambdaPolicy: {
    operation: 'GetAccessPointPolicyForObjectLambda',
    iamAction: 's3:GetAccessPointPolicyForObjectLambda',
    requires: ['objectLambdaListing'],
  },
  objectLambdaPolicyStatus: {
    operation: 'GetAccessPointPolicyStatusForObjectLambda',
    iamAction: 's3:GetAccessPointPolicyStatusForObjectLambda',
    requires: ['objectLambdaListing'],
  },
  glacierVaultListing: { operation: 'ListVaults', iamAction: 'glacier:ListVaults', listing: true },
  glacierVaultLock: { operation: 'GetVaultLock', iamAction: 'glacier:GetVaultLock', requires: ['glacierVaultListing'] },
  glacierVaultAccessPolicy: {
    operation: 'GetVaultAccessPolicy',
    iamAction: 'glacier:GetVaultAccessPolicy',
    requires: ['glacierVaultListing'],
  },
  multiRegionAccessPointPublicAccessBlock: {
    operation: 'ListMultiRegionAccessPoints',
    iamAction: 's3:ListMultiRegionAccessPoints',
  },
};

/** Calls every scan makes, whatever checks are selected. */
export const BASE_SOURCES: readonly DataSource[] = [
  { operation: 'GetCallerIdentity (STS)', iamAction: 'none (always allowed)' },
  { operation: 'ListBuckets', iamAction: 's3:ListAllMyBuckets' },
  { operation: 'HeadBucket (only when ListBuckets omits a bucket region)', iamAction: 's3:ListBucket' },
];

/** Every IAM action the data key's calls need. */
export function iamActionsOf(source: DataSource): string[] {
  return [source.iamAction, ...(source.perItem ?? []).map((call) => call.iamAction)];
}

/** The data keys plus everything they require, transitively: what the collector must read. */
export function withRequirements(keys: Iterable<DataKey>): Set<DataKey> {
  const out = new Set<DataKey>();
  const visit = (key: DataKey): void => {
    if (out.has(key)) return;
    out.add(key);
    for (const required of DATA_SOURCES[key].requires ?? []) visit(required);
  };
  for (const key of keys) visit(key);
  return out;
}
