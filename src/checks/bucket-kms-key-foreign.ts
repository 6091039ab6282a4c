import { kmsEncryptionRule } from '../snapshot/encryption.ts';
import { parseKmsKeyId } from '../snapshot/kms-key-id.ts';
import { defineCheck } from './lib/define-check.ts';
import { unreadable } from './lib/unreadable.ts';

export default defineCheck({
  id: 'bucket-kms-key-foreign',
  title: 'Default-encryption KMS key is named by ARN and belongs to this account',
  severity: 'medium',
  resource: 'bucket',
  needs: ['encryption'],
  enabledByDefault: true,
  rationale:
    'Whoever controls the key controls the data: a key in another account can be disabled, deleted or have its ' +
    'policy changed by that account, locking this bucket\'s owner out of its own objects. A key named by alias is ' +
    'resolved by KMS in the account of each writer, so objects written from another account are encrypted under ' +
    'that account\'s key, not the bucket owner\'s; a bare key id is not accepted for cross-account and AWS-service ' +
    'writes. Only a key ARN of an account you control pins the key.',
  remediation: {
    text:
      'Name a key of this account (or of an account listed as trusted) by its full key ARN in the default ' +
      'encryption configuration.',
    cli:
      'aws s3api put-bucket-encryption --bucket BUCKET --server-side-encryption-configuration ' +
      '\'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"arn:aws:kms:REGION:ACCOUNT:key/KEY_ID"},"BucketKeyEnabled":true}]}\'',
    terraform:
      'resource "aws_s3_bucket_server_side_encryption_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n' +
      '  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n' +
      '      kms_master_key_id = aws_kms_key.this.arn # the ARN, not the alias or key id\n    }\n    bucket_key_enabled = true\n  }\n}',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionByDefault.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html',
    ],
  },
  messages: {
    ownKey: 'Default-encryption key {{key}} is named by ARN and belongs to this account ({{account}}).',
    trustedKey: 'Default-encryption key {{key}} belongs to account {{keyAccount}}, which is listed as trusted.',
    ownAliasArn:
      'Default encryption names alias ARN {{key}} of this account ({{account}}): KMS resolves it there for every writer.',
    awsManagedDefault: 'Default encryption names no key, so S3 uses the AWS managed key aws/s3 of the bucket owner.',
    foreignKey:
      'Default-encryption key {{key}} belongs to account {{keyAccount}}, not this account ({{account}}): that account ' +
      'can disable or delete the key and make this bucket\'s objects unreadable.',
    aliasName:
      'Default encryption names the alias {{key}}, which KMS resolves in the account of each writer: objects ' +
      'written from another account are encrypted under that account\'s key. Name the key by its ARN.',
    bareKeyId:
      'Default encryption names the bare key id {{key}}: it does not say which account the key is in, and ' +
      'cross-account and AWS-service writes need the full key ARN. Name the key by its ARN.',
  },
  evaluate(bucket, context) {
    const encryption = bucket.encryption;
    if (encryption === undefined || encryption.state === 'absent') return undefined;
    if (encryption.state === 'error') return unreadable('the default encryption configuration', encryption);
    const rule = kmsEncryptionRule(encryption.value);
    if (rule === undefined) return undefined;
    const configuredId = rule.kmsMasterKeyId;
    if (configuredId === undefined || configuredId === '') return { status: 'pass', messageId: 'awsManagedDefault' };
    const account = context.account.accountId;
    const evidence = { configuredKeyId: configuredId };
    const id = parseKmsKeyId(configuredId);
    switch (id.form) {
      case 'alias-name':
        return { status: 'fail', messageId: 'aliasName', data: { key: configuredId }, evidence };
      case 'key-id':
        return { status: 'fail', messageId: 'bareKeyId', data: { key: configuredId }, evidence };
      case 'key-arn':
      case 'alias-arn': {
        const data = { key: configuredId, account, keyAccount: id.accountId };
        const withAccount = { ...evidence, keyAccount: id.accountId };
        if (id.accountId === account) {
          return { status: 'pass', messageId: id.form === 'key-arn' ? 'ownKey' : 'ownAliasArn', data, evidence: withAccount };
        }
        if (context.trustedAccounts.includes(id.accountId)) {
          return { status: 'pass', messageId: 'trustedKey', data, evidence: withAccount };
        }
        return { status: 'fail', messageId: 'foreignKey', data, evidence: withAccount };
      }
    }
  },
});
