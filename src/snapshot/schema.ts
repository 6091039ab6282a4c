import { z } from 'zod';
import { ACCOUNT_DATA_KEYS, BUCKET_DATA_KEYS } from './types.ts';
import type { BucketState, SnapshotHeader, SnapshotRecord } from './types.ts';

export const SNAPSHOT_SCHEMA_VERSION = 1;

function observed<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('state', [
    z.object({ state: z.literal('present'), value }),
    z.object({ state: z.literal('absent'), code: z.string().exactOptional() }),
    z.object({ state: z.literal('error'), operation: z.string(), code: z.string(), message: z.string() }),
  ]);
}

const strings = z.array(z.string());

const publicAccessBlock = z.object({
  blockPublicAcls: z.boolean(),
  ignorePublicAcls: z.boolean(),
  blockPublicPolicy: z.boolean(),
  restrictPublicBuckets: z.boolean(),
});

const bucket = z.object({
  name: z.string().min(1),
  region: z.string().min(1),
  creationDate: z.string().exactOptional(),
  encryption: observed(
    z.object({
      rules: z.array(
        z.object({
          sseAlgorithm: z.string().exactOptional(),
          kmsMasterKeyId: z.string().exactOptional(),
          bucketKeyEnabled: z.boolean(),
          blockedEncryptionTypes: strings.exactOptional(),
        }),
      ),
    }),
  ).exactOptional(),
  policy: observed(z.object({ text: z.string() })).exactOptional(),
  policyStatus: observed(z.object({ isPublic: z.boolean() })).exactOptional(),
  versioning: observed(
    z.object({ status: z.enum(['Enabled', 'Suspended']).exactOptional(), mfaDelete: z.enum(['Enabled', 'Disabled']).exactOptional() }),
  ).exactOptional(),
  logging: observed(
    z.object({
      target: z
        .object({ bucket: z.string(), prefix: z.string(), keyFormat: z.enum(['simple', 'partitioned']).exactOptional() })
        .exactOptional(),
    }),
  ).exactOptional(),
  objectLock: observed(
    z.object({
      enabled: z.boolean(),
      defaultRetention: z
        .object({ mode: z.string().exactOptional(), days: z.number().exactOptional(), years: z.number().exactOptional() })
        .exactOptional(),
    }),
  ).exactOptional(),
  cors: observed(
    z.object({
      rules: z.array(
        z.object({
          id: z.string().exactOptional(),
          allowedOrigins: strings,
          allowedMethods: strings,
          allowedHeaders: strings,
          exposeHeaders: strings,
          maxAgeSeconds: z.number().exactOptional(),
        }),
      ),
    }),
  ).exactOptional(),
  publicAccessBlock: observed(publicAccessBlock).exactOptional(),
  acl: observed(
    z.object({
      ownerId: z.string().exactOptional(),
      grants: z.array(
        z.object({
          granteeType: z.string(),
          id: z.string().exactOptional(),
          uri: z.string().exactOptional(),
          email: z.string().exactOptional(),
          permission: z.string(),
        }),
      ),
    }),
  ).exactOptional(),
  ownershipControls: observed(z.object({ objectOwnership: z.string() })).exactOptional(),
  lifecycle: observed(z.object({ rules: z.array(z.object({ id: z.string().exactOptional(), status: z.string() })) })).exactOptional(),
}) satisfies z.ZodType<BucketState>;

export const headerSchema = z.object({
  kind: z.literal('s3-audit-snapshot'),
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  tool: z.object({ name: z.string(), version: z.string() }),
  collectedAt: z.string(),
  account: z.object({
    accountId: z.string().min(1),
    partition: z.string().min(1),
    region: z.string().min(1),
    publicAccessBlock: observed(publicAccessBlock).exactOptional(),
  }),
  collected: z.array(z.enum([...BUCKET_DATA_KEYS, ...ACCOUNT_DATA_KEYS])),
}) satisfies z.ZodType<SnapshotHeader>;

export const recordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bucket'), bucket }),
  z.object({ type: z.literal('note'), message: z.string() }),
]) satisfies z.ZodType<SnapshotRecord>;
