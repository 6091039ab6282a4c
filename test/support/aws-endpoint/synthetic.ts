import type { AccountFixture, BucketFixture, KmsKeyFixture } from './fixture.ts';

/** The benchmark's account: its buckets spread over these regions, round robin. */
export const SYNTHETIC_REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2'] as const;

export const SYNTHETIC_ACCOUNT_ID = '210987654321';
const ACCOUNT_ID = SYNTHETIC_ACCOUNT_ID;
const ALL_BLOCKED = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const ENFORCED = { objectOwnership: 'BucketOwnerEnforced' };

function keyArn(region: string): string {
  return `arn:aws:kms:${region}:${ACCOUNT_ID}:key/0b5e6c1a-${String(SYNTHETIC_REGIONS.indexOf(region as (typeof SYNTHETIC_REGIONS)[number])).padStart(4, '0')}-4d2e-9f3a-6b7c8d9e0f1a`;
}

function logBucket(region: string): string {
  return `synthetic-access-logs-${region}`;
}

function tlsOnlyPolicy(name: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}

/**
 * The kinds of bucket a real account holds, weighted roughly as they occur: hardened application
 * data (SSE-KMS, TLS-only policy, versioning, logging), plain defaults, a public website, a
 * cross-account share, an Object Lock archive.
 */
const PROFILES: readonly ((name: string, region: string) => Omit<BucketFixture, 'name' | 'region'>)[] = [
  (name, region) => ({
    encryption: { rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: keyArn(region), bucketKeyEnabled: true }] },
    policy: tlsOnlyPolicy(name),
    versioning: { status: 'Enabled' },
    logging: { target: { bucket: logBucket(region), prefix: `${name}/` } },
    publicAccessBlock: ALL_BLOCKED,
    ownershipControls: ENFORCED,
    lifecycle: { rules: [{ id: 'expire-noncurrent', status: 'Enabled', noncurrentVersionExpirationDays: 30 }] },
  }),
  () => ({
    encryption: { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] },
    publicAccessBlock: ALL_BLOCKED,
    ownershipControls: ENFORCED,
  }),
  () => ({
    encryption: { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] },
    versioning: { status: 'Suspended' },
  }),
  (name) => ({
    encryption: { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] },
    policy: {
      Version: '2012-10-17',
      Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` }],
    },
    policyStatus: { isPublic: true },
    cors: { rules: [{ allowedOrigins: ['*'], allowedMethods: ['GET', 'HEAD'], allowedHeaders: [], exposeHeaders: [] }] },
    ownershipControls: { objectOwnership: 'ObjectWriter' },
  }),
  (name, region) => ({
    encryption: { rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: keyArn(region), bucketKeyEnabled: false }] },
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PartnerRead',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444455556666:root' },
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
        },
      ],
    },
    versioning: { status: 'Enabled' },
    publicAccessBlock: ALL_BLOCKED,
    ownershipControls: ENFORCED,
  }),
  (name, region) => ({
    encryption: { rules: [{ sseAlgorithm: 'aws:kms', bucketKeyEnabled: true }] },
    policy: tlsOnlyPolicy(name),
    versioning: { status: 'Enabled' },
    objectLock: { enabled: true, defaultRetention: { mode: 'COMPLIANCE', days: 365 } },
    logging: { target: { bucket: logBucket(region), prefix: `${name}/` } },
    publicAccessBlock: ALL_BLOCKED,
    ownershipControls: ENFORCED,
  }),
];

/**
 * A synthetic account of `count` buckets for the benchmark: a realistic mix of configurations
 * over four regions, one customer-managed key and one log bucket per region. Deterministic.
 */
export function syntheticAccount(count: number): AccountFixture {
  const buckets: BucketFixture[] = SYNTHETIC_REGIONS.map((region) => ({
    name: logBucket(region),
    region,
    encryption: { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] },
    versioning: { status: 'Enabled' },
    publicAccessBlock: ALL_BLOCKED,
    ownershipControls: ENFORCED,
  }));
  for (let index = buckets.length; index < count; index += 1) {
    const region = SYNTHETIC_REGIONS[index % SYNTHETIC_REGIONS.length] ?? 'us-east-1';
    const profile = PROFILES[index % PROFILES.length];
    const name = `synthetic-${String(index).padStart(7, '0')}`;
    if (profile !== undefined) buckets.push({ name, region, ...profile(name, region) });
  }
  const kmsKeys: KmsKeyFixture[] = SYNTHETIC_REGIONS.map((region) => ({ arn: keyArn(region), rotationEnabled: region !== 'us-west-2' }));
  return { accountId: ACCOUNT_ID, accountPublicAccessBlock: ALL_BLOCKED, buckets: buckets.slice(0, count), kmsKeys };
}
