import { randomBytes } from 'node:crypto';
import {
  CreateBucketCommand,
  PutBucketAclCommand,
  PutBucketCorsCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectLockConfigurationCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { totp } from '../../support/totp.ts';
import { radosgwAdmin, rgwS3Client, type RgwServer } from './rgw-server.ts';

/** One bucket of the suite: a real configuration made through the S3 API of the server. */
interface SuiteBucket {
  /** Why the bucket exists: the situation its verdicts pin. */
  readonly situation: string;
  readonly objectLock?: boolean;
  readonly configure: (bucket: string, clients: Clients) => Promise<void>;
}

interface Clients {
  readonly http: S3Client;
  readonly https: S3Client;
  /** `x-amz-mfa` for the suite's TOTP device: serial, a space, the current code. */
  readonly mfa: () => string;
}

/** The object that the public buckets serve, and that MFA Delete protects. */
export const OBJECT_KEY = 'index.html';

const putObject = (client: S3Client, bucket: string) =>
  client.send(new PutObjectCommand({ Bucket: bucket, Key: OBJECT_KEY, Body: '<h1>s3-audit RGW suite</h1>' }));

const bothArns = (bucket: string) => [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`];

const policy = (...statements: readonly object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

const putPolicy = (client: S3Client, bucket: string, ...statements: readonly object[]) =>
  client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy(...statements) }));

const publicRead = (bucket: string) => ({
  Sid: 'PublicRead',
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: `arn:aws:s3:::${bucket}/*`,
});

const denyPlainHttp = (bucket: string, operator: 'Bool' | 'BoolIfExists') => ({
  Sid: 'DenyPlainHttp',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: bothArns(bucket),
  Condition: { [operator]: { 'aws:SecureTransport': 'false' } },
});

const blockPublicAccess = (client: S3Client, bucket: string, flags: Partial<Record<'BlockPublicAcls' | 'IgnorePublicAcls' | 'BlockPublicPolicy' | 'RestrictPublicBuckets', boolean>>) =>
  client.send(
    new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false, ...flags },
    }),
  );

const lockRetention = (client: S3Client, bucket: string, retention?: { Mode: 'GOVERNANCE' | 'COMPLIANCE'; Days: number }) =>
  client.send(
    new PutObjectLockConfigurationCommand({
      Bucket: bucket,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', ...(retention === undefined ? {} : { Rule: { DefaultRetention: retention } }) },
    }),
  );

/** Keyed by the short name each bucket has in the assertions. */
export const SUITE_BUCKETS = {
  bare: {
    situation: 'a bucket with nothing configured: 200-with-defaults and wrong-document answers',
    configure: () => Promise.resolve(),
  },
  'public-policy': {
    situation: 'a policy that lets anyone read the objects',
    configure: async (bucket, { http }) => {
      await putObject(http, bucket);
      await putPolicy(http, bucket, publicRead(bucket));
    },
  },
  'account-policy': {
    situation: "an unconditioned Allow to one account: RGW's own IsPublic says public, AWS semantics say not",
    configure: (bucket, { http }) =>
      putPolicy(http, bucket, {
        Sid: 'PartnerRead',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${bucket}/*`,
      }).then(() => undefined),
  },
  'same-tenant-policy': {
    situation: "an unconditioned Allow to another user of the owner's (empty) RGW tenant: not public, not cross-account",
    configure: (bucket, { http }) =>
      putPolicy(http, bucket, {
        Sid: 'ReaderRead',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam:::user/reader' },
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${bucket}/*`,
      }).then(() => undefined),
  },
  'restrict-public-buckets': {
    situation: 'a public policy with RestrictPublicBuckets on, which RGW 16 does not enforce',
    configure: async (bucket, { http }) => {
      await putObject(http, bucket);
      await putPolicy(http, bucket, publicRead(bucket));
      await blockPublicAccess(http, bucket, { RestrictPublicBuckets: true });
    },
  },
  'tls-bool': {
    situation: 'Deny when aws:SecureTransport is "false" (Bool): not enforced over plain HTTP by RGW, still the right policy',
    configure: (bucket, { http }) => putPolicy(http, bucket, denyPlainHttp(bucket, 'Bool')).then(() => undefined),
  },
  'tls-bool-if-exists': {
    situation: 'Deny with BoolIfExists: RGW then refuses every plain-HTTP request, the owner’s reads included',
    configure: async (bucket, { http, https }) => {
      await putPolicy(http, bucket, denyPlainHttp(bucket, 'BoolIfExists'));
      // From here on only HTTPS gets through.
      await https.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    },
  },
  'acl-all-users': {
    situation: 'an ACL that lets anyone list the objects',
    configure: (bucket, { http }) => http.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' })).then(() => undefined),
  },
  'acl-authenticated-users': {
    situation: 'an ACL that lets any authenticated user list the objects',
    configure: (bucket, { http }) => http.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'authenticated-read' })).then(() => undefined),
  },
  'acl-ignored': {
    situation: 'a public-read ACL neutralized by IgnorePublicAcls, which RGW enforces',
    configure: async (bucket, { http }) => {
      await http.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' }));
      await blockPublicAccess(http, bucket, { IgnorePublicAcls: true });
    },
  },
  'all-blocked': {
    situation: 'every Block Public Access flag on at the bucket',
    configure: (bucket, { http }) =>
      blockPublicAccess(http, bucket, { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }).then(() => undefined),
  },
  'versioning-mfa': {
    situation: 'versioning with MFA Delete, enabled with a real TOTP code',
    configure: async (bucket, { http, mfa }) => {
      await http.send(new PutBucketVersioningCommand({ Bucket: bucket, MFA: mfa(), VersioningConfiguration: { Status: 'Enabled', MFADelete: 'Enabled' } }));
      await putObject(http, bucket);
    },
  },
  'versioning-suspended': {
    situation: 'versioning enabled, then suspended',
    configure: async (bucket, { http }) => {
      await http.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
      await http.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    },
  },
  'lock-governance': {
    situation: 'Object Lock with a 1-day GOVERNANCE default retention',
    objectLock: true,
    configure: (bucket, { http }) => lockRetention(http, bucket, { Mode: 'GOVERNANCE', Days: 1 }).then(() => undefined),
  },
  'lock-compliance': {
    situation: 'Object Lock with a 30-day COMPLIANCE default retention',
    objectLock: true,
    configure: (bucket, { http }) => lockRetention(http, bucket, { Mode: 'COMPLIANCE', Days: 30 }).then(() => undefined),
  },
  'lock-no-retention': {
    situation: 'Object Lock without default retention',
    objectLock: true,
    configure: () => Promise.resolve(),
  },
  'cors-wildcards': {
    situation: 'CORS rules for any origin (write and read) and for a plain-HTTP origin',
    configure: (bucket, { http }) =>
      http
        .send(
          new PutBucketCorsCommand({
            Bucket: bucket,
            CORSConfiguration: {
              CORSRules: [
                { ID: 'any-upload', AllowedOrigins: ['*'], AllowedMethods: ['PUT', 'POST'], AllowedHeaders: ['*'] },
                { ID: 'any-read', AllowedOrigins: ['*'], AllowedMethods: ['GET'] },
                { ID: 'dev', AllowedOrigins: ['http://app.example.com'], AllowedMethods: ['GET', 'HEAD'] },
              ],
            },
          }),
        )
        .then(() => undefined),
  },
  'locked-out': {
    situation: 'a policy that denies everything to everyone, the owner included',
    configure: (bucket, { http }) =>
      putPolicy(http, bucket, { Sid: 'DenyAll', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: bothArns(bucket) }).then(() => undefined),
  },
} as const satisfies Record<string, SuiteBucket>;

export type SuiteBucketName = keyof typeof SUITE_BUCKETS;

/** The buckets of one run, under a prefix of their own so that runs on one cluster never meet. */
export interface SuiteFixture {
  readonly prefix: string;
  readonly bucket: (name: SuiteBucketName) => string;
  /** Removes every bucket the run created, and its MFA device. */
  readonly remove: () => void;
}

/** Creates and configures every suite bucket on the server (in parallel). */
export async function createSuiteBuckets(server: RgwServer): Promise<SuiteFixture> {
  const prefix = `s3a-${randomBytes(3).toString('hex')}`;
  const bucket = (name: SuiteBucketName) => `${prefix}-${name}`;
  const mfaSerial = `${prefix}-totp`;
  const mfaSeed = randomBytes(20);
  const http = rgwS3Client(server, 'http');
  const https = rgwS3Client(server, 'https');
  const names = Object.keys(SUITE_BUCKETS) as SuiteBucketName[];
  const created = new Set<string>();
  const remove = () => {
    // radosgw-admin, not S3: the locked-out buckets refuse their owner, the locked objects refuse deletion.
    for (const name of created) radosgwAdmin(server, ['bucket', 'rm', `--bucket=${name}`, '--purge-objects', '--bypass-gc']);
    radosgwAdmin(server, ['mfa', 'remove', `--uid=${server.user}`, `--totp-serial=${mfaSerial}`]);
  };
  radosgwAdmin(server, ['mfa', 'create', `--uid=${server.user}`, `--totp-serial=${mfaSerial}`, `--totp-seed=${mfaSeed.toString('hex')}`, '--totp-seed-type=hex']);
  const clients: Clients = { http, https, mfa: () => `${mfaSerial} ${totp(mfaSeed, new Date())}` };
  try {
    await Promise.all(
      names.map(async (name) => {
        const spec: SuiteBucket = SUITE_BUCKETS[name];
        await http.send(new CreateBucketCommand({ Bucket: bucket(name), ...(spec.objectLock === true ? { ObjectLockEnabledForBucket: true } : {}) }));
        created.add(bucket(name));
        await spec.configure(bucket(name), clients);
      }),
    );
  } catch (error) {
    removeQuietly(remove);
    throw error;
  } finally {
    http.destroy();
    https.destroy();
  }
  return { prefix, bucket, remove };
}

function removeQuietly(remove: () => void): void {
  try {
    remove();
  } catch {
    // The set-up error is the one worth reporting.
  }
}
