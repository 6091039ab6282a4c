import type {
  GetBucketAclOutput,
  GetBucketCorsOutput,
  GetBucketEncryptionOutput,
  GetBucketLifecycleConfigurationOutput,
  GetBucketLoggingOutput,
  GetBucketOwnershipControlsOutput,
  GetBucketPolicyOutput,
  GetBucketPolicyStatusOutput,
  GetBucketVersioningOutput,
  GetObjectLockConfigurationOutput,
  ServerSideEncryptionRule,
} from '@aws-sdk/client-s3';
import type { GetKeyPolicyResponse, GetKeyRotationStatusResponse, KeyMetadata } from '@aws-sdk/client-kms';
import { isOneOf } from '../is-one-of.ts';
import { parseKmsKeyId } from '../snapshot/kms-key-id.ts';
import { absent, observedError, present, type Observed } from '../snapshot/observed.ts';
import type {
  Acl,
  AclGrant,
  BucketPolicy,
  Cors,
  CorsRule,
  EncryptionConfiguration,
  EncryptionRule,
  KmsKey,
  KmsKeyPolicy,
  KmsKeyRotation,
  Lifecycle,
  Logging,
  ObjectLock,
  OwnershipControls,
  PolicyStatus,
  PublicAccessBlock,
  Versioning,
} from '../snapshot/types.ts';

/*
 * SDK responses → snapshot values. Missing flags take AWS's documented defaults; enum values are
 * kept as the strings AWS sent, so a value added after this SDK release never breaks a scan.
 */

/** The four flags, as both S3 (bucket) and S3 Control (account) return them. */
export interface PublicAccessBlockFlags {
  readonly BlockPublicAcls?: boolean | undefined;
  readonly IgnorePublicAcls?: boolean | undefined;
  readonly BlockPublicPolicy?: boolean | undefined;
  readonly RestrictPublicBuckets?: boolean | undefined;
}

export function normalizePublicAccessBlock(flags: PublicAccessBlockFlags | undefined): Observed<PublicAccessBlock> {
  return present({
    blockPublicAcls: flags?.BlockPublicAcls ?? false,
    ignorePublicAcls: flags?.IgnorePublicAcls ?? false,
    blockPublicPolicy: flags?.BlockPublicPolicy ?? false,
    restrictPublicBuckets: flags?.RestrictPublicBuckets ?? false,
  });
}

export function normalizeEncryption(output: GetBucketEncryptionOutput): Observed<EncryptionConfiguration> {
  const rules = output.ServerSideEncryptionConfiguration?.Rules ?? [];
  return present({ rules: rules.map(encryptionRule) });
}

function encryptionRule(rule: ServerSideEncryptionRule): EncryptionRule {
  const byDefault = rule.ApplyServerSideEncryptionByDefault;
  const blocked = rule.BlockedEncryptionTypes;
  return {
    ...optional('sseAlgorithm', byDefault?.SSEAlgorithm),
    ...optional('kmsMasterKeyId', byDefault?.KMSMasterKeyID),
    bucketKeyEnabled: rule.BucketKeyEnabled ?? false,
    ...(blocked === undefined ? {} : { blockedEncryptionTypes: [...(blocked.EncryptionType ?? [])] }),
  };
}

export function normalizePolicy(output: GetBucketPolicyOutput): Observed<BucketPolicy> {
  // A 200 without a document only comes from S3-compatible stores; it means the same as NoSuchBucketPolicy.
  return output.Policy === undefined || output.Policy === '' ? absent() : present({ text: output.Policy });
}

export function normalizePolicyStatus(output: GetBucketPolicyStatusOutput): Observed<PolicyStatus> {
  return present({ isPublic: output.PolicyStatus?.IsPublic ?? false });
}

const VERSIONING_STATUSES = ['Enabled', 'Suspended'] as const;
const MFA_DELETE_STATUSES = ['Enabled', 'Disabled'] as const;

/**
 * Versioning has exactly these states on AWS; any other answer (seen from S3-compatible stores)
 * says nothing we can judge, so it is an error value rather than a guess at "not enabled".
 */
export function normalizeVersioning(output: GetBucketVersioningOutput): Observed<Versioning> {
  const { Status: status, MFADelete: mfaDelete } = output;
  const statusKnown = status === undefined || isOneOf(VERSIONING_STATUSES, status);
  const mfaDeleteKnown = mfaDelete === undefined || isOneOf(MFA_DELETE_STATUSES, mfaDelete);
  if (!statusKnown || !mfaDeleteKnown) {
    return observedError(
      'GetBucketVersioning',
      'UnexpectedResponse',
      `unrecognized versioning state (Status ${String(status)}, MfaDelete ${String(mfaDelete)})`,
    );
  }
  return present({ ...optional('status', status), ...optional('mfaDelete', mfaDelete) });
}

export function normalizeLogging(output: GetBucketLoggingOutput): Observed<Logging> {
  const enabled = output.LoggingEnabled;
  if (enabled?.TargetBucket === undefined) return present({});
  const format = enabled.TargetObjectKeyFormat;
  const keyFormat: NonNullable<Logging['target']>['keyFormat'] =
    format?.PartitionedPrefix !== undefined ? 'partitioned' : format?.SimplePrefix !== undefined ? 'simple' : undefined;
  return present({
    target: { bucket: enabled.TargetBucket, prefix: enabled.TargetPrefix ?? '', ...optional('keyFormat', keyFormat) },
  });
}

export function normalizeObjectLock(output: GetObjectLockConfigurationOutput): Observed<ObjectLock> {
  const config = output.ObjectLockConfiguration;
  const retention = config?.Rule?.DefaultRetention;
  return present({
    enabled: config?.ObjectLockEnabled === 'Enabled',
    ...(retention === undefined
      ? {}
      : {
          defaultRetention: {
            ...optional('mode', retention.Mode),
            ...optional('days', retention.Days),
            ...optional('years', retention.Years),
          },
        }),
  });
}

export function normalizeCors(output: GetBucketCorsOutput): Observed<Cors> {
  const rules = (output.CORSRules ?? []).map(
    (rule): CorsRule => ({
      ...optional('id', rule.ID),
      allowedOrigins: [...(rule.AllowedOrigins ?? [])],
      allowedMethods: [...(rule.AllowedMethods ?? [])],
      allowedHeaders: [...(rule.AllowedHeaders ?? [])],
      exposeHeaders: [...(rule.ExposeHeaders ?? [])],
      ...optional('maxAgeSeconds', rule.MaxAgeSeconds),
    }),
  );
  return present({ rules });
}

export function normalizeAcl(output: GetBucketAclOutput): Observed<Acl> {
  const grants = (output.Grants ?? []).map(
    (grant): AclGrant => ({
      granteeType: grant.Grantee?.Type ?? 'Unknown',
      ...optional('id', grant.Grantee?.ID),
      ...optional('uri', grant.Grantee?.URI),
      ...optional('email', grant.Grantee?.EmailAddress),
      permission: grant.Permission ?? 'Unknown',
    }),
  );
  return present({ ...optional('ownerId', output.Owner?.ID), grants });
}

export function normalizeOwnershipControls(output: GetBucketOwnershipControlsOutput): Observed<OwnershipControls> {
  // AWS stores exactly one rule; an empty list says as little as OwnershipControlsNotFoundError.
  const objectOwnership = output.OwnershipControls?.Rules?.[0]?.ObjectOwnership;
  return objectOwnership === undefined ? absent() : present({ objectOwnership });
}

export function normalizeLifecycle(output: GetBucketLifecycleConfigurationOutput): Observed<Lifecycle> {
  const rules = (output.Rules ?? []).map((rule) => ({ ...optional('id', rule.ID), status: rule.Status ?? 'Unknown' }));
  return present({ rules });
}

/**
 * DescribeKey's answer. `lookupRegion` is where the key was asked for; the key's own ARN says
 * the same unless a store answers oddly, and the ARN wins.
 */
export function normalizeKeyMetadata(
  metadata: KeyMetadata | undefined,
  configuredId: string,
  lookupRegion: string,
): Observed<KmsKey> {
  const arn = metadata?.Arn;
  const parsed = arn === undefined ? undefined : parseKmsKeyId(arn);
  const fromArn = parsed?.form === 'key-arn' ? parsed : undefined;
  const accountId = metadata?.AWSAccountId ?? fromArn?.accountId;
  if (metadata === undefined || arn === undefined || accountId === undefined) {
    return observedError('DescribeKey', 'IncompleteResponse', 'DescribeKey returned no key ARN or account id');
  }
  return present({
    kind: 'described',
    configuredId,
    region: fromArn?.region ?? lookupRegion,
    arn,
    accountId,
    keyManager: metadata.KeyManager ?? 'Unknown',
    keyState: metadata.KeyState ?? 'Unknown',
    ...optional('keySpec', metadata.KeySpec),
    ...optional('keyUsage', metadata.KeyUsage),
    ...optional('origin', metadata.Origin),
    ...optional('multiRegion', metadata.MultiRegion),
    ...optional('deletionDate', metadata.DeletionDate?.toISOString()),
  });
}

export function normalizeKeyRotation(output: GetKeyRotationStatusResponse): Observed<KmsKeyRotation> {
  return present({
    enabled: output.KeyRotationEnabled ?? false,
    ...optional('periodDays', output.RotationPeriodInDays),
    ...optional('nextRotationDate', output.NextRotationDate?.toISOString()),
  });
}

export function normalizeKeyPolicy(output: GetKeyPolicyResponse): Observed<KmsKeyPolicy> {
  return output.Policy === undefined || output.Policy === '' ? absent() : present({ text: output.Policy });
}

/** `{key: value}` when AWS sent the value, `{}` otherwise (exactOptionalPropertyTypes forbids `key: undefined`). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  if (value === undefined) return {};
  const out: { [P in K]?: V } = {};
  out[key] = value;
  return out;
}
