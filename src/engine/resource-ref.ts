import type { ResourceRef } from '../checks/types.ts';
import type { AccountState, BucketState } from '../snapshot/types.ts';

export function bucketArn(partition: string, name: string): string {
  return `arn:${partition}:s3:::${name}`;
}

export function bucketRef(account: AccountState, bucket: Pick<BucketState, 'name' | 'region'>): ResourceRef {
  return {
    type: 'bucket',
    arn: bucketArn(account.partition, bucket.name),
    name: bucket.name,
    region: bucket.region,
    account: account.accountId,
  };
}

/** S3 has no ARN for an account's settings; this follows the form Security Hub and Prowler use. */
export function accountRef(account: AccountState): ResourceRef {
  return {
    type: 'account',
    arn: `arn:${account.partition}:s3:${account.region}:${account.accountId}:account`,
    name: account.accountId,
    region: account.region,
    account: account.accountId,
  };
}
