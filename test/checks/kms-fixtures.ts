import { present, type Observed } from '../../src/snapshot/observed.ts';
import type { DescribedKmsKey, EncryptionConfiguration, KmsKey } from '../../src/snapshot/types.ts';
import { TEST_ACCOUNT } from '../support/check-tester.ts';

/** Snapshot values for the KMS check suites: a key of the test account, and one of another account. */
export const KEY_ARN = `arn:aws:kms:us-east-1:${TEST_ACCOUNT.accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const FOREIGN_KEY_ARN = 'arn:aws:kms:eu-west-1:999999999999:key/0987dcba-09fe-87dc-65ba-ab0987654321';

export function kmsDefault(
  keyId: string | undefined,
  { algorithm = 'aws:kms', bucketKeyEnabled = true }: { algorithm?: string; bucketKeyEnabled?: boolean } = {},
): Observed<EncryptionConfiguration> {
  return present({
    rules: [{ sseAlgorithm: algorithm, ...(keyId === undefined ? {} : { kmsMasterKeyId: keyId }), bucketKeyEnabled }],
  });
}

export function describedKey(overrides: Partial<DescribedKmsKey> = {}): Observed<KmsKey> {
  return present({
    kind: 'described',
    configuredId: KEY_ARN,
    region: 'us-east-1',
    arn: KEY_ARN,
    accountId: TEST_ACCOUNT.accountId,
    keyManager: 'CUSTOMER',
    keyState: 'Enabled',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    ...overrides,
  });
}

export const AWS_MANAGED_DEFAULT: Observed<KmsKey> = present({ kind: 'aws-managed-alias', region: 'us-east-1', alias: 'alias/aws/s3' });
