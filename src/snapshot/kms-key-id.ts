/**
 * The four ways KMSMasterKeyID can name a key. Only the ARN forms say which account and region
 * the key is in; a bare key id or alias name is resolved by KMS in the account of whoever writes
 * the object and in the bucket's region.
 */
export type KmsKeyId =
  | { readonly form: 'key-arn'; readonly partition: string; readonly region: string; readonly accountId: string }
  | { readonly form: 'alias-arn'; readonly partition: string; readonly region: string; readonly accountId: string; readonly alias: string }
  | { readonly form: 'alias-name'; readonly alias: string }
  | { readonly form: 'key-id' };

const ARN = /^arn:([\w-]+):kms:([\w-]+):(\d{12}):(key|alias)\/(.+)$/;

export function parseKmsKeyId(id: string): KmsKeyId {
  const match = ARN.exec(id);
  if (match !== null) {
    const [, partition = '', region = '', accountId = '', type, name = ''] = match;
    return type === 'key'
      ? { form: 'key-arn', partition, region, accountId }
      : { form: 'alias-arn', partition, region, accountId, alias: `alias/${name}` };
  }
  return id.startsWith('alias/') ? { form: 'alias-name', alias: id } : { form: 'key-id' };
}

/** What S3 uses when an SSE-KMS rule names no key. */
export const S3_AWS_MANAGED_ALIAS = 'alias/aws/s3';

/** Predefined AWS aliases (alias/aws/<service>) name AWS managed keys. */
export function isAwsManagedAlias(alias: string): boolean {
  return alias.startsWith('alias/aws/');
}
