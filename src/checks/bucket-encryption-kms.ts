import { z } from 'zod';
import { defaultEncryptionRule, kmsEncryptionRule } from '../snapshot/encryption.ts';
import { parseKmsKeyId, S3_AWS_MANAGED_ALIAS } from '../snapshot/kms-key-id.ts';
import type { KmsKey } from '../snapshot/types.ts';
import { defineCheck } from './lib/define-check.ts';
import { algorithmName, keyLabel } from './lib/encryption-labels.ts';
import { unreadable } from './lib/unreadable.ts';
import { SSE_KMS_DEFAULT_ENCRYPTION } from './lib/remediation-snippets.ts';

const optionsSchema = z.strictObject({
  /** Fail SSE-KMS with an AWS managed key (aws/s3), whose key policy nobody can change. */
  requireCustomerManagedKey: z.boolean(),
  /** When not empty, the key must be one of these key ARNs. */
  allowedKeyArns: z.array(z.string().regex(/^arn:aws[\w-]*:kms:[\w-]+:\d{12}:key\/.+$/, 'expected a KMS key ARN')),
});
export type BucketEncryptionKmsOptions = z.infer<typeof optionsSchema>;

/** The key ARN the bucket encrypts with, when the configuration or DescribeKey says it. */
function keyArnOf(configuredId: string | undefined, key: KmsKey | undefined): string | undefined {
  if (configuredId !== undefined && parseKmsKeyId(configuredId).form === 'key-arn') return configuredId;
  return key?.kind === 'described' ? key.arn : undefined;
}

/** The key as a noun phrase for messages: "key arn:…" or "the AWS managed key alias/aws/s3". */
function keyPhrase(configuredId: string | undefined, key: KmsKey | undefined): string {
  if (key?.kind === 'aws-managed-alias') return keyLabel(key);
  if (key !== undefined) return `key ${keyLabel(key)}`;
  return configuredId === undefined ? `the AWS managed key ${S3_AWS_MANAGED_ALIAS}` : `key ${configuredId}`;
}

export default defineCheck({
  id: 'bucket-encryption-kms',
  title: 'Bucket default encryption uses a KMS key (SSE-KMS or DSSE-KMS)',
  severity: 'low',
  resource: 'bucket',
  needs: ['encryption', 'kmsKey'],
  // Off by default: SSE-S3 is a sound default for many buckets, so this is a policy choice to opt into.
  enabledByDefault: false,
  rationale:
    'With SSE-S3 anyone allowed to read an object gets it decrypted. With SSE-KMS or DSSE-KMS reading also needs ' +
    'kms:Decrypt on the key, so the key policy is a second, independent gate; every use of the key is logged in ' +
    'CloudTrail; and disabling the key cuts off access to the data at once. Only a customer managed key lets you ' +
    'write that key policy.',
  remediation: {
    text: 'Set default encryption to SSE-KMS with a customer managed key and an S3 Bucket Key.',
    ...SSE_KMS_DEFAULT_ENCRYPTION,
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingDSSEncryption.html',
    ],
    securityHub: 'S3.17',
    awsConfig: 's3-default-encryption-kms',
    prowler: 's3_bucket_kms_encryption',
  },
  options: {
    schema: optionsSchema,
    defaults: { requireCustomerManagedKey: false, allowedKeyArns: [] },
  },
  messages: {
    kms: 'Default encryption is {{algorithm}} with {{key}}.',
    customerManaged: 'Default encryption is {{algorithm}} with customer managed key {{key}}.',
    allowedKey: 'Default encryption is {{algorithm}} with key {{key}}, one of the allowed keys.',
    noConfiguration: 'No default encryption configuration ({{code}}), so new objects are not encrypted with a KMS key.',
    notKms:
      'Default encryption is {{algorithm}}, not SSE-KMS or DSSE-KMS: reading objects needs no permission on a key, ' +
      'and no key use is logged in CloudTrail.',
    awsManagedKey:
      'Default encryption uses {{key}}, not a customer managed key: its key policy cannot be changed, so access ' +
      'cannot be restricted or shared through the key.',
    missingKey: 'Default-encryption key {{key}} does not exist ({{code}}), so no customer managed key protects new objects.',
    notAllowed: 'Default encryption uses {{key}}, which is not one of the {{count}} allowed key ARN(s).',
  },
  evaluate(bucket, _context, options) {
    const encryption = bucket.encryption;
    if (encryption === undefined) return undefined;
    if (encryption.state === 'error') return unreadable('the default encryption configuration', encryption);
    if (encryption.state === 'absent') {
      return { status: 'fail', messageId: 'noConfiguration', data: { code: encryption.code ?? 'no configuration returned' } };
    }
    const rule = kmsEncryptionRule(encryption.value);
    if (rule?.sseAlgorithm === undefined) {
      const algorithm = defaultEncryptionRule(encryption.value)?.sseAlgorithm;
      return {
        status: 'fail',
        messageId: 'notKms',
        data: { algorithm: algorithm === undefined ? 'not set' : algorithmName(algorithm) },
        evidence: { sseAlgorithm: algorithm ?? null },
      };
    }
    const algorithm = algorithmName(rule.sseAlgorithm);
    const configuredId = rule.kmsMasterKeyId === '' ? undefined : rule.kmsMasterKeyId;
    const observedKey = bucket.kmsKey;
    const key = observedKey?.state === 'present' ? observedKey.value : undefined;
    const phrase = keyPhrase(configuredId, key);
    const evidence = { sseAlgorithm: rule.sseAlgorithm, configuredKeyId: configuredId ?? null };

    if (options.allowedKeyArns.length > 0) {
      const arn = keyArnOf(configuredId, key);
      if (arn === undefined && observedKey?.state === 'error') return unreadable('the default-encryption KMS key', observedKey);
      if (arn === undefined || !options.allowedKeyArns.includes(arn)) {
        const used = arn === undefined ? phrase : `key ${arn}`;
        return { status: 'fail', messageId: 'notAllowed', data: { key: used, count: options.allowedKeyArns.length }, evidence };
      }
      if (!options.requireCustomerManagedKey) return { status: 'pass', messageId: 'allowedKey', data: { algorithm, key: arn }, evidence };
    }
    if (!options.requireCustomerManagedKey) return { status: 'pass', messageId: 'kms', data: { algorithm, key: phrase }, evidence };

    if (observedKey?.state === 'error') return unreadable('the default-encryption KMS key', observedKey);
    // Only a snapshot edited by hand has a KMS rule without a recorded key.
    if (key === undefined) return { status: 'unknown', messageId: 'notCollected', data: { what: 'kmsKey' } };
    if (key.kind === 'missing') return { status: 'fail', messageId: 'missingKey', data: { key: key.configuredId, code: key.code }, evidence };
    if (key.kind === 'aws-managed-alias' || key.keyManager !== 'CUSTOMER') {
      const awsManaged = key.kind === 'described' ? `the AWS managed key ${key.arn}` : keyLabel(key);
      return { status: 'fail', messageId: 'awsManagedKey', data: { key: awsManaged }, evidence };
    }
    return { status: 'pass', messageId: 'customerManaged', data: { algorithm, key: key.arn }, evidence: { ...evidence, keyManager: key.keyManager } };
  },
});
