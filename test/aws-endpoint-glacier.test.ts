import { GetVaultAccessPolicyCommand, GetVaultLockCommand, ListVaultsCommand, paginateListVaults } from '@aws-sdk/client-glacier';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountFixture, AwsEndpoint } from './support/aws-endpoint/index.ts';
import { startAwsEndpoint } from './support/aws-endpoint/index.ts';
import { glacierClient } from './support/aws-endpoint/clients.ts';

const ACCOUNT = '111122223333';
const LOCK_POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"glacier:DeleteArchive","Resource":"*"}]}';

const account: AccountFixture = {
  accountId: ACCOUNT,
  buckets: [],
  glacierVaults: [
    ...Array.from({ length: 12 }, (_, i) => ({ name: `vault-${String(i).padStart(2, '0')}`, region: 'eu-west-1' })),
    { name: 'locked', region: 'us-east-1', lock: { state: 'Locked', policy: LOCK_POLICY }, accessPolicy: { Version: '2012-10-17', Statement: [] } },
    { name: 'pending', region: 'us-east-1', lock: { state: 'InProgress', policy: LOCK_POLICY, creationDate: '2026-11-27T08:00:00.000Z' } },
    { name: 'denied', region: 'us-east-1', faults: { GetVaultLock: { code: 'AccessDeniedException', status: 403 } } },
  ],
};

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

describe('aws-endpoint: S3 Glacier REST-JSON through the real SDK client', () => {
  it('pages ListVaults 10 at a time by default, in the region the request is signed for', async () => {
    endpoint = await startAwsEndpoint(account);
    const client = glacierClient(endpoint.url, 'eu-west-1');
    const pages: string[][] = [];
    for await (const page of paginateListVaults({ client }, { accountId: '-' })) pages.push((page.VaultList ?? []).map((v) => v.VaultName ?? ''));
    expect(pages.map((names) => names.length)).toEqual([10, 2]);
    const first = await client.send(new ListVaultsCommand({ accountId: '-', limit: 1000 }));
    expect(first.VaultList?.[0]).toMatchObject({ VaultName: 'vault-00', VaultARN: `arn:aws:glacier:eu-west-1:${ACCOUNT}:vaults/vault-00` });
    expect(first.Marker).toBeUndefined();
  });

  it('answers GetVaultLock and GetVaultAccessPolicy as AWS does, 404 ResourceNotFoundException when there is none', async () => {
    endpoint = await startAwsEndpoint(account);
    const client = glacierClient(endpoint.url, 'us-east-1');
    const lock = (vaultName: string) => client.send(new GetVaultLockCommand({ accountId: '-', vaultName }));
    expect(await lock('locked')).toMatchObject({ State: 'Locked', Policy: LOCK_POLICY, CreationDate: '2025-03-01T09:00:00.000Z' });
    expect(await lock('pending')).toMatchObject({ State: 'InProgress', CreationDate: '2026-11-27T08:00:00.000Z', ExpirationDate: '2026-11-28T08:00:00.000Z' });
    expect((await client.send(new GetVaultAccessPolicyCommand({ accountId: ACCOUNT, vaultName: 'locked' }))).policy?.Policy).toBe(
      '{"Version":"2012-10-17","Statement":[]}',
    );
    await expect(client.send(new GetVaultAccessPolicyCommand({ accountId: '-', vaultName: 'pending' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(lock('denied')).rejects.toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    await expect(client.send(new ListVaultsCommand({ accountId: '444455556666' }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});
