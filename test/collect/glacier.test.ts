import { GetVaultAccessPolicyCommand, GetVaultLockCommand, GlacierClient, ListVaultsCommand, ResourceNotFoundException } from '@aws-sdk/client-glacier';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectAccount } from '../../src/collect/collect-account.ts';
import { withRequirements } from '../../src/snapshot/data-sources.ts';
import type { DataKey, SnapshotRecord } from '../../src/snapshot/types.ts';
import { ACCOUNT_ID, CALLER_ARN, collectOptions, readAll, useFakeCredentials } from './support.ts';

const s3 = mockClient(S3Client);
const sts = mockClient(STSClient);
const glacier = mockClient(GlacierClient);

const vaultArn = (region: string, name: string): string => `arn:aws:glacier:${region}:${ACCOUNT_ID}:vaults/${name}`;
const notFound = (message: string) => new ResourceNotFoundException({ message, $metadata: { httpStatusCode: 404 } });
const ALL_KEYS: readonly DataKey[] = ['glacierVaultLock', 'glacierVaultAccessPolicy'];

beforeEach(() => {
  useFakeCredentials();
  s3.reset();
  sts.reset();
  glacier.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT_ID, Arn: CALLER_ARN });
  s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'data-us', BucketRegion: 'us-east-1' }] });
  glacier.on(ListVaultsCommand).resolves({ VaultList: [] });
  glacier.on(GetVaultLockCommand).rejects(notFound('No vault lock policy found'));
  glacier.on(GetVaultAccessPolicyCommand).rejects(notFound('No vault policy found'));
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function collect(needs: readonly DataKey[], overrides: Parameters<typeof collectOptions>[0] = {}): Promise<SnapshotRecord[]> {
  const collection = await collectAccount(collectOptions(overrides, [...withRequirements(needs)]));
  return (await readAll(collection.records)).filter((record) => record.type !== 'bucket');
}

describe('S3 Glacier vaults', () => {
  it('lists them in every region of the account and in --regions, following Marker, for the caller\'s own account ("-")', async () => {
    glacier.on(ListVaultsCommand, { marker: undefined }).resolves({
      VaultList: [{ VaultName: 'first', VaultARN: vaultArn('us-east-1', 'first'), CreationDate: '2024-01-15T10:00:00.000Z' }],
      Marker: 'page-2',
    });
    glacier.on(ListVaultsCommand, { marker: 'page-2' }).resolves({ VaultList: [{ VaultName: 'second', VaultARN: vaultArn('us-east-1', 'second') }] });
    const records = await collect(['glacierVaultListing'], { regions: ['ap-south-1'] });
    const names = records.flatMap((r) => (r.type === 'glacier-vault' ? [`${r.glacierVault.region}/${r.glacierVault.name}`] : []));
    // The mock answers every region alike: two pages in each.
    expect(names.sort()).toEqual(['ap-south-1/first', 'ap-south-1/second', 'us-east-1/first', 'us-east-1/second']);
    const listings = glacier.commandCalls(ListVaultsCommand);
    expect(listings.map((call) => call.args[0].input)).toEqual(
      expect.arrayContaining([{ accountId: '-', limit: 1000 }, { accountId: '-', limit: 1000, marker: 'page-2' }]),
    );
    expect(listings).toHaveLength(4);
  });

  it('reads each vault\'s lock and access policy; "not found" is absent, a denial an error', async () => {
    glacier.on(ListVaultsCommand).resolves({
      VaultList: [
        { VaultName: 'locked', VaultARN: vaultArn('us-east-1', 'locked') },
        { VaultName: 'denied', VaultARN: vaultArn('us-east-1', 'denied') },
        { VaultName: 'bare', VaultARN: vaultArn('us-east-1', 'bare') },
      ],
    });
    glacier.on(GetVaultLockCommand, { vaultName: 'locked' }).resolves({
      State: 'Locked',
      Policy: '{"Statement":[]}',
      CreationDate: '2025-03-01T09:00:00.000Z',
    });
    glacier.on(GetVaultAccessPolicyCommand, { vaultName: 'locked' }).resolves({ policy: { Policy: '{"Statement":[]}' } });
    const denied = Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    glacier.on(GetVaultLockCommand, { vaultName: 'denied' }).rejects(denied);
    const records = await collect(ALL_KEYS);
    expect(records).toEqual([
      {
        type: 'glacier-vault',
        glacierVault: {
          name: 'locked',
          region: 'us-east-1',
          arn: vaultArn('us-east-1', 'locked'),
          glacierVaultLock: {
            state: 'present',
            value: { state: 'Locked', policy: { text: '{"Statement":[]}' }, creationDate: '2025-03-01T09:00:00.000Z' },
          },
          glacierVaultAccessPolicy: { state: 'present', value: { text: '{"Statement":[]}' } },
        },
      },
      {
        type: 'glacier-vault',
        glacierVault: {
          name: 'denied',
          region: 'us-east-1',
          arn: vaultArn('us-east-1', 'denied'),
          glacierVaultLock: { state: 'error', operation: 'GetVaultLock', code: 'AccessDeniedException', message: 'User is not authorized' },
          glacierVaultAccessPolicy: { state: 'absent', code: 'ResourceNotFoundException' },
        },
      },
      {
        type: 'glacier-vault',
        glacierVault: {
          name: 'bare',
          region: 'us-east-1',
          arn: vaultArn('us-east-1', 'bare'),
          glacierVaultLock: { state: 'absent', code: 'ResourceNotFoundException' },
          glacierVaultAccessPolicy: { state: 'absent', code: 'ResourceNotFoundException' },
        },
      },
    ]);
  });

  it('records a region whose listing fails, so the scan cannot pass over it', async () => {
    glacier.on(ListVaultsCommand).rejects(Object.assign(new Error('Access denied'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }));
    expect(await collect(ALL_KEYS)).toEqual([
      { type: 'listing-error', error: { operation: 'ListVaults', region: 'us-east-1', code: 'AccessDeniedException', message: 'Access denied' } },
    ]);
  });

  it.each([
    ['no selected check reads vaults', [] as readonly DataKey[], {}],
    ['a shard other than 1 (account-wide resources belong to shard 1)', ALL_KEYS, { accessPoints: false as const }],
    ['an S3-compatible store, which has no Glacier API', ALL_KEYS, { endpoints: { s3: 'http://127.0.0.1:1', sts: 'http://127.0.0.1:1' } }],
  ])('makes no Glacier call for %s', async (_name, needs, overrides) => {
    // An S3-compatible store without STS: ListBuckets names the owner.
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('not here'), { name: 'MethodNotAllowed', $metadata: { httpStatusCode: 405 } }));
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'data-us', BucketRegion: 'us-east-1' }], Owner: { ID: 'tenant$owner' } });
    const options = 'endpoints' in overrides ? overrides : { ...overrides, accountId: ACCOUNT_ID };
    expect(await collect(needs, options)).toEqual([]);
    expect(glacier.calls()).toEqual([]);
  });
});
