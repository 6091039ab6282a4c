import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { valueSchemas } from '../../../src/snapshot/schema.ts';
import { GLACIER_VAULT_OPERATIONS, KMS_KEY_STATES, KMS_OPERATIONS, S3_BUCKET_OPERATIONS, S3_OBJECT_OPERATIONS, S3CONTROL_OPERATIONS } from './fixture.ts';
import type { AccountFixture } from './fixture.ts';

// Strict objects (as the snapshot's value schemas are): a misspelt key in a fixture file is an
// error, not a silently unconfigured bucket.
const optionalString = z.string().exactOptional();
const optionalNumber = z.number().exactOptional();
const times = z.number().int().positive().exactOptional();

const faultSpec = z.union([
  z.string().min(1),
  z.strictObject({
    kind: z.literal('error').exactOptional(),
    code: z.string().min(1),
    status: z.number().int().min(100).max(599).exactOptional(),
    message: optionalString,
    times,
  }),
  z.strictObject({ kind: z.literal('reset'), times }),
  z.strictObject({ kind: z.literal('delay'), ms: z.number().nonnegative(), times }),
  z.strictObject({ kind: z.literal('malformed'), times }),
]);

const policyDocument = z.union([z.string(), z.record(z.string(), z.unknown())]);

const { publicAccessBlock } = valueSchemas;

const bucket = z.strictObject({
  name: z.string().min(3),
  region: z.string().min(1),
  creationDate: optionalString,
  encryption: valueSchemas.encryption.exactOptional(),
  policy: policyDocument.exactOptional(),
  policyStatus: valueSchemas.policyStatus.exactOptional(),
  versioning: valueSchemas.versioning.exactOptional(),
  logging: valueSchemas.logging.exactOptional(),
  objectLock: valueSchemas.objectLock.exactOptional(),
  cors: valueSchemas.cors.exactOptional(),
  publicAccessBlock: publicAccessBlock.exactOptional(),
  acl: valueSchemas.acl.exactOptional(),
  ownershipControls: valueSchemas.ownershipControls.exactOptional(),
  lifecycle: z
    .strictObject({
      rules: z.array(
        z.strictObject({
          id: optionalString,
          status: z.string(),
          prefix: optionalString,
          expirationDays: optionalNumber,
          transitions: z.array(z.strictObject({ days: z.number(), storageClass: z.string() })).exactOptional(),
          noncurrentVersionExpirationDays: optionalNumber,
          abortIncompleteMultipartUploadDays: optionalNumber,
        }),
      ),
    })
    .exactOptional(),
  faults: z.partialRecord(z.enum(S3_BUCKET_OPERATIONS), faultSpec).exactOptional(),
  objectVersions: z
    .array(
      z.strictObject({
        key: z.string().min(1),
        versionId: z.string().min(1),
        deleteMarker: z.boolean().exactOptional(),
        retention: z.strictObject({ mode: z.enum(['GOVERNANCE', 'COMPLIANCE']), retainUntil: z.iso.datetime() }).exactOptional(),
        legalHold: z.enum(['ON', 'OFF']).exactOptional(),
        faults: z.partialRecord(z.enum(['GetObjectRetention', 'GetObjectLegalHold']), faultSpec).exactOptional(),
      }),
    )
    .exactOptional(),
  objectFaults: z.partialRecord(z.enum(S3_OBJECT_OPERATIONS), faultSpec).exactOptional(),
});

const kmsKey = z.strictObject({
  arn: z.string().regex(/^arn:aws[\w-]*:kms:[\w-]+:\d{12}:key\/.+$/),
  aliases: z.array(z.string().startsWith('alias/')).exactOptional(),
  description: optionalString,
  keyState: z.enum(KMS_KEY_STATES).exactOptional(),
  keyManager: z.enum(['AWS', 'CUSTOMER']).exactOptional(),
  keySpec: optionalString,
  origin: optionalString,
  multiRegion: z.boolean().exactOptional(),
  creationDate: optionalString,
  deletionDate: optionalString,
  rotationEnabled: z.boolean().exactOptional(),
  rotationPeriodInDays: optionalNumber,
  policy: policyDocument.exactOptional(),
  faults: z.partialRecord(z.enum(KMS_OPERATIONS), faultSpec).exactOptional(),
});

const accessPoint = z.strictObject({
  name: z.string().min(3),
  region: z.string().min(1),
  bucket: z.string().min(3),
  bucketAccountId: z.string().regex(/^\d{12}$/).exactOptional(),
  vpcId: optionalString,
  publicAccessBlock: publicAccessBlock.exactOptional(),
  policy: policyDocument.exactOptional(),
  policyStatus: valueSchemas.policyStatus.exactOptional(),
});

const objectLambdaAccessPoint = z.strictObject({
  name: z.string().min(3),
  region: z.string().min(1),
  supportingAccessPoint: z.string().min(3),
  functionArn: z.string().startsWith('arn:'),
  policy: policyDocument.exactOptional(),
  policyStatus: valueSchemas.policyStatus.exactOptional(),
});

const multiRegionAccessPoint = z.strictObject({
  name: z.string().min(3),
  alias: z.string().min(1),
  status: optionalString,
  publicAccessBlock: publicAccessBlock.exactOptional(),
  regions: z.array(z.strictObject({ bucket: z.string().min(3), region: z.string().min(1) })),
});

const glacierVault = z.strictObject({
  name: z.string().min(1),
  region: z.string().min(1),
  creationDate: optionalString,
  lock: z
    .strictObject({
      state: z.enum(['Locked', 'InProgress']),
      policy: policyDocument,
      creationDate: optionalString,
      expirationDate: optionalString,
    })
    .exactOptional(),
  accessPolicy: policyDocument.exactOptional(),
  faults: z.partialRecord(z.enum(GLACIER_VAULT_OPERATIONS), faultSpec).exactOptional(),
});

export const accountFixtureSchema = z.strictObject({
  $comment: optionalString,
  accountId: z.string().regex(/^\d{12}$/),
  callerArn: optionalString,
  callerUserId: optionalString,
  ownerId: optionalString,
  accountPublicAccessBlock: publicAccessBlock.exactOptional(),
  buckets: z.array(bucket),
  kmsKeys: z.array(kmsKey).exactOptional(),
  accessPoints: z.array(accessPoint).exactOptional(),
  objectLambdaAccessPoints: z.array(objectLambdaAccessPoint).exactOptional(),
  multiRegionAccessPoints: z.array(multiRegionAccessPoint).exactOptional(),
  glacierVaults: z.array(glacierVault).exactOptional(),
  faults: z
    .partialRecord(z.enum(['GetCallerIdentity', 'ListBuckets', 'ListVaults', ...S3CONTROL_OPERATIONS]), faultSpec)
    .exactOptional(),
  defaultBucketFaults: z.partialRecord(z.enum(S3_BUCKET_OPERATIONS), faultSpec).exactOptional(),
  disabledRegions: z.array(z.string()).exactOptional(),
  dialect: z.literal('ceph-rgw').exactOptional(),
}) satisfies z.ZodType<AccountFixture>;

/** Validates parsed JSON as an account fixture; throws with every problem listed. */
export function parseFixture(json: unknown): AccountFixture {
  const result = accountFixtureSchema.safeParse(json);
  if (!result.success) throw new Error(`invalid account fixture:\n${z.prettifyError(result.error)}`);
  return result.data;
}

export async function loadFixture(path: string): Promise<AccountFixture> {
  const json: unknown = JSON.parse(await readFile(path, 'utf8'));
  try {
    return parseFixture(json);
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
