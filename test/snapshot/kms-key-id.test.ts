import { describe, expect, it } from 'vitest';
import { withRequirements } from '../../src/snapshot/data-sources.ts';
import { isAwsManagedAlias, parseKmsKeyId } from '../../src/snapshot/kms-key-id.ts';

describe('parseKmsKeyId: the four ways KMSMasterKeyID names a key', () => {
  it.each([
    ['key ARN', 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', { form: 'key-arn', partition: 'aws', region: 'eu-west-1', accountId: '111122223333' }],
    ['key ARN in another partition', 'arn:aws-cn:kms:cn-north-1:111122223333:key/k', { form: 'key-arn', partition: 'aws-cn', region: 'cn-north-1', accountId: '111122223333' }],
    ['multi-Region key ARN', 'arn:aws:kms:us-west-2:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab', { form: 'key-arn', partition: 'aws', region: 'us-west-2', accountId: '111122223333' }],
    ['alias ARN', 'arn:aws:kms:us-east-1:111122223333:alias/app/data', { form: 'alias-arn', partition: 'aws', region: 'us-east-1', accountId: '111122223333', alias: 'alias/app/data' }],
    ['alias name', 'alias/app-data', { form: 'alias-name', alias: 'alias/app-data' }],
    ['bare key id', '1234abcd-12ab-34cd-56ef-1234567890ab', { form: 'key-id' }],
    ['an ARN of another service is no key ARN', 'arn:aws:s3:::bucket', { form: 'key-id' }],
  ])('%s', (_case, id, expected) => {
    expect(parseKmsKeyId(id)).toEqual(expected);
  });

  it('knows predefined AWS aliases, which DescribeKey may create keys for', () => {
    expect(isAwsManagedAlias('alias/aws/s3')).toBe(true);
    expect(isAwsManagedAlias('alias/aws/ebs')).toBe(true);
    expect(isAwsManagedAlias('alias/awsome')).toBe(false);
    expect(isAwsManagedAlias('alias/app/aws/s3')).toBe(false);
  });
});

describe('withRequirements', () => {
  it('adds what each data key needs first, transitively, once', () => {
    expect([...withRequirements(['kmsKeyPolicy', 'kmsKeyRotation', 'versioning'])].sort()).toEqual(
      ['encryption', 'kmsKey', 'kmsKeyPolicy', 'kmsKeyRotation', 'versioning'].sort(),
    );
    expect([...withRequirements(['acl'])]).toEqual(['acl']);
  });
});
