import { z } from 'zod';
import { DATA_KEYS } from './types.ts';
import type {
  AccessPointState,
  BucketState,
  GlacierVaultState,
  MultiRegionAccessPointState,
  ObjectLambdaAccessPointState,
  SnapshotHeader,
  SnapshotRecord,
} from './types.ts';

export const SNAPSHOT_SCHEMA_VERSION = 1;

// Strict objects: a misspelt or unexpected key is an error, never silently dropped. Once a release
// has shipped, a new field means a new schema version, so an older s3-audit says "upgrade" instead
// of misreading a file; until the first release, version 1 is whatever main writes.
const optionalString = z.string().exactOptional();
const optionalNumber = z.number().exactOptional();
const strings = z.array(z.string());

function observed<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('state', [
    z.strictObject({ state: z.literal('present'), value }),
    z.strictObject({ state: z.literal('absent'), code: optionalString }),
    z.strictObject({ state: z.literal('error'), operation: z.string(), code: z.string(), message: z.string() }),
  ]);
}

/** The schema of each collected value: the snapshot wraps them in Observed, test fixtures reuse them. */
export const valueSchemas = {
  publicAccessBlock: z.strictObject({
    blockPublicAcls: z.boolean(),
    ignorePublicAcls: z.boolean(),
    blockPublicPolicy: z.boolean(),
    restrictPublicBuckets: z.boolean(),
  }),
  encryption: z.strictObject({
    rules: z.array(
      z.strictObject({
        sseAlgorithm: optionalString,
        kmsMasterKeyId: optionalString,
        bucketKeyEnabled: z.boolean(),
        blockedEncryptionTypes: strings.exactOptional(),
      }),
    ),
  }),
  policy: z.strictObject({ text: z.string() }),
  policyStatus: z.strictObject({ isPublic: z.boolean() }),
  versioning: z.strictObject({
    status: z.enum(['Enabled', 'Suspended']).exactOptional(),
    mfaDelete: z.enum(['Enabled', 'Disabled']).exactOptional(),
  }),
  logging: z.strictObject({
    target: z
      .strictObject({ bucket: z.string(), prefix: z.string(), keyFormat: z.enum(['simple', 'partitioned']).exactOptional() })
      .exactOptional(),
  }),
  objectLock: z.strictObject({
    enabled: z.boolean(),
    defaultRetention: z
      .strictObject({ mode: optionalString, days: optionalNumber, years: optionalNumber })
      .exactOptional(),
  }),
  cors: z.strictObject({
    rules: z.array(
      z.strictObject({
        id: optionalString,
        allowedOrigins: strings,
        allowedMethods: strings,
        allowedHeaders: strings,
        exposeHeaders: strings,
        maxAgeSeconds: optionalNumber,
      }),
    ),
  }),
  acl: z.strictObject({
    ownerId: optionalString,
    grants: z.array(
      z.strictObject({
        granteeType: z.string(),
        id: optionalString,
        uri: optionalString,
        email: optionalString,
        permission: z.string(),
      }),
    ),
  }),
  ownershipControls: z.strictObject({ objectOwnership: z.string() }),
  lifecycle: z.strictObject({ rules: z.array(z.strictObject({ id: optionalString, status: z.string() })) }),
  kmsKey: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('aws-managed-alias'), configuredId: optionalString, region: z.string(), alias: z.string() }),
    z.strictObject({
      kind: z.literal('missing'),
      configuredId: z.string(),
      region: z.string(),
      code: z.string(),
      message: z.string(),
    }),
    z.strictObject({
      kind: z.literal('described'),
      configuredId: z.string(),
      region: z.string(),
      arn: z.string(),
      accountId: z.string(),
      keyManager: z.string(),
      keyState: z.string(),
      keySpec: optionalString,
      keyUsage: optionalString,
      origin: optionalString,
      multiRegion: z.boolean().exactOptional(),
      deletionDate: optionalString,
    }),
  ]),
  kmsKeyRotation: z.strictObject({ enabled: z.boolean(), periodDays: optionalNumber, nextRotationDate: optionalString }),
  kmsKeyPolicy: z.strictObject({ text: z.string() }),
  objectLambdaConfiguration: z.strictObject({ supportingAccessPoint: z.string(), functionArns: strings }),
  objectLockSample: z.strictObject({
    limit: z.number().int().positive(),
    sampledAt: z.string(),
    versions: z.array(
      z.strictObject({
        key: z.string(),
        versionId: z.string(),
        retention: observed(z.strictObject({ mode: optionalString, retainUntil: optionalString })),
        legalHold: observed(z.strictObject({ status: optionalString })),
      }),
    ),
  }),
  glacierVaultLock: z.strictObject({
    state: z.string(),
    policy: z.strictObject({ text: z.string() }).exactOptional(),
    creationDate: optionalString,
    expirationDate: optionalString,
  }),
} as const;

const bucket = z.strictObject({
  name: z.string().min(1),
  region: z.string().min(1),
  creationDate: optionalString,
  encryption: observed(valueSchemas.encryption).exactOptional(),
  policy: observed(valueSchemas.policy).exactOptional(),
  policyStatus: observed(valueSchemas.policyStatus).exactOptional(),
  versioning: observed(valueSchemas.versioning).exactOptional(),
  logging: observed(valueSchemas.logging).exactOptional(),
  objectLock: observed(valueSchemas.objectLock).exactOptional(),
  cors: observed(valueSchemas.cors).exactOptional(),
  publicAccessBlock: observed(valueSchemas.publicAccessBlock).exactOptional(),
  acl: observed(valueSchemas.acl).exactOptional(),
  ownershipControls: observed(valueSchemas.ownershipControls).exactOptional(),
  lifecycle: observed(valueSchemas.lifecycle).exactOptional(),
  kmsKey: observed(valueSchemas.kmsKey).exactOptional(),
  kmsKeyRotation: observed(valueSchemas.kmsKeyRotation).exactOptional(),
  kmsKeyPolicy: observed(valueSchemas.kmsKeyPolicy).exactOptional(),
  objectLockSample: observed(valueSchemas.objectLockSample).exactOptional(),
}) satisfies z.ZodType<BucketState>;

const accessPoint = z.strictObject({
  name: z.string().min(1),
  region: z.string().min(1),
  arn: z.string().min(1),
  bucket: z.string().min(1),
  bucketAccountId: optionalString,
  networkOrigin: z.string(),
  vpcId: optionalString,
  accessPointPublicAccessBlock: observed(valueSchemas.publicAccessBlock).exactOptional(),
  accessPointPolicy: observed(valueSchemas.policy).exactOptional(),
  accessPointPolicyStatus: observed(valueSchemas.policyStatus).exactOptional(),
}) satisfies z.ZodType<AccessPointState>;

const objectLambdaAccessPoint = z.strictObject({
  name: z.string().min(1),
  region: z.string().min(1),
  arn: z.string().min(1),
  bucket: z.string().min(1).exactOptional(),
  objectLambdaConfiguration: observed(valueSchemas.objectLambdaConfiguration).exactOptional(),
  objectLambdaPolicy: observed(valueSchemas.policy).exactOptional(),
  objectLambdaPolicyStatus: observed(valueSchemas.policyStatus).exactOptional(),
}) satisfies z.ZodType<ObjectLambdaAccessPointState>;

const multiRegionAccessPoint = z.strictObject({
  name: z.string().min(1),
  alias: z.string(),
  arn: z.string().min(1),
  status: optionalString,
  regions: z.array(z.strictObject({ bucket: z.string(), region: z.string(), bucketAccountId: optionalString })),
  multiRegionAccessPointPublicAccessBlock: observed(valueSchemas.publicAccessBlock).exactOptional(),
}) satisfies z.ZodType<MultiRegionAccessPointState>;

const glacierVault = z.strictObject({
  name: z.string().min(1),
  region: z.string().min(1),
  arn: z.string().min(1),
  creationDate: optionalString,
  glacierVaultLock: observed(valueSchemas.glacierVaultLock).exactOptional(),
  glacierVaultAccessPolicy: observed(valueSchemas.policy).exactOptional(),
}) satisfies z.ZodType<GlacierVaultState>;

export const headerSchema = z.strictObject({
  kind: z.literal('s3-audit-snapshot'),
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  collectedAt: z.string(),
  account: z.strictObject({
    accountId: z.string().min(1),
    partition: z.string().min(1),
    region: z.string().min(1),
    publicAccessBlock: observed(valueSchemas.publicAccessBlock).exactOptional(),
    s3Compatible: z.literal(true).exactOptional(),
    policyAccountId: z.string().exactOptional(),
  }),
  collected: z.array(
    z.enum(DATA_KEYS),
  ),
}) satisfies z.ZodType<SnapshotHeader>;

export const recordSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('bucket'), bucket }),
  z.strictObject({ type: z.literal('unscanned-bucket'), name: z.string().min(1), region: z.string().min(1).exactOptional() }),
  z.strictObject({ type: z.literal('note'), message: z.string() }),
  z.strictObject({ type: z.literal('access-point'), accessPoint }),
  z.strictObject({ type: z.literal('object-lambda-access-point'), objectLambdaAccessPoint }),
  z.strictObject({ type: z.literal('multi-region-access-point'), multiRegionAccessPoint }),
  z.strictObject({ type: z.literal('glacier-vault'), glacierVault }),
  z.strictObject({
    type: z.literal('listing-error'),
    error: z.strictObject({ operation: z.string(), region: z.string(), code: z.string(), message: z.string() }),
  }),
]) satisfies z.ZodType<SnapshotRecord>;
