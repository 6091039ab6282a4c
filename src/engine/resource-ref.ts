import type { ResourceRef } from '../checks/types.ts';
import type {
  AccessPointState,
  AccountState,
  BucketState,
  GlacierVaultState,
  MultiRegionAccessPointState,
  ObjectLambdaAccessPointState,
} from '../snapshot/types.ts';

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

export function accessPointRef(account: AccountState, ap: AccessPointState): ResourceRef {
  return { type: 'access-point', arn: ap.arn, name: ap.name, region: ap.region, account: account.accountId, bucket: ap.bucket };
}

export function objectLambdaAccessPointRef(account: AccountState, olap: ObjectLambdaAccessPointState): ResourceRef {
  return {
    type: 'object-lambda-access-point',
    arn: olap.arn,
    name: olap.name,
    region: olap.region,
    account: account.accountId,
    ...(olap.bucket === undefined ? {} : { bucket: olap.bucket }),
  };
}

export function multiRegionAccessPointRef(account: AccountState, mrap: MultiRegionAccessPointState): ResourceRef {
  return { type: 'multi-region-access-point', arn: mrap.arn, name: mrap.name, region: '', account: account.accountId };
}

/** Stands for every access point of a kind in a region (all of them when global), e.g. when none could be listed. */
export function allAccessPointsRef(
  account: AccountState,
  type: 'access-point' | 'object-lambda-access-point' | 'multi-region-access-point',
  region: string,
): ResourceRef {
  const service = type === 'object-lambda-access-point' ? 's3-object-lambda' : 's3';
  return {
    type,
    arn: `arn:${account.partition}:${service}:${region}:${account.accountId}:accesspoint/*`,
    name: '*',
    region,
    account: account.accountId,
  };
}

export function glacierVaultRef(account: AccountState, vault: GlacierVaultState): ResourceRef {
  return { type: 'glacier-vault', arn: vault.arn, name: vault.name, region: vault.region, account: account.accountId };
}

/** Stands for every Glacier vault of a region, e.g. when ListVaults failed there. */
export function allGlacierVaultsRef(account: AccountState, region: string): ResourceRef {
  return {
    type: 'glacier-vault',
    arn: `arn:${account.partition}:glacier:${region}:${account.accountId}:vaults/*`,
    name: '*',
    region,
    account: account.accountId,
  };
}
