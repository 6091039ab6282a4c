import { GetVaultAccessPolicyCommand, GetVaultLockCommand, ListVaultsCommand } from '@aws-sdk/client-glacier';
import type { DescribeVaultOutput, GetVaultLockOutput, GlacierClient } from '@aws-sdk/client-glacier';
import { DATA_SOURCES } from '../snapshot/data-sources.ts';
import { absent, present, type Observed } from '../snapshot/observed.ts';
import { GLACIER_VAULT_DATA_KEYS } from '../snapshot/types.ts';
import type { BucketPolicy, DataKey, GlacierVaultDataKey, GlacierVaultLock, GlacierVaultState, SnapshotRecord } from '../snapshot/types.ts';
import { listAll, type Page } from './access-points.ts';
import type { Api, SendOptions } from './api.ts';
import { observeFailure } from './errors.ts';

/** '-': the account of the signing credentials, so the scan never has to name it in the path. */
const OWN_ACCOUNT = '-';

/** ListVaults returns 10 vaults a page unless asked for more; 1000 is its maximum. */
const MAX_VAULTS_PER_PAGE = 1000;

export interface GlacierScope {
  readonly accountId: string;
  readonly partition: string;
  /** Every region the account uses: its buckets' regions plus --regions. */
  readonly regions: readonly string[];
  readonly needs: ReadonlySet<DataKey>;
}

/** Whether any selected check reads Glacier vaults (needs include requirements). */
export function needsGlacierVaults(needs: ReadonlySet<DataKey>): boolean {
  return needs.has('glacierVaultListing');
}

/**
 * The S3 Glacier vaults of the account, one record each, region by region. A ListVaults that
 * fails becomes a `listing-error` record: the vaults of that region are then unknown, not absent.
 */
export async function collectGlacierVaults(api: Api, scope: GlacierScope): Promise<SnapshotRecord[]> {
  const keys = GLACIER_VAULT_DATA_KEYS.filter((key) => scope.needs.has(key));
  const perRegion = await Promise.all(scope.regions.map((region) => collectRegion(api, scope, region, keys)));
  return perRegion.flat();
}

type ListedVault = Pick<GlacierVaultState, 'name' | 'region' | 'arn' | 'creationDate'>;

async function collectRegion(api: Api, scope: GlacierScope, region: string, keys: readonly GlacierVaultDataKey[]): Promise<SnapshotRecord[]> {
  const client = api.clients.glacier(region);
  const listed = await listAll(region, 'ListVaults', (marker) => listVaultsPage(api, client, scope, region, marker));
  if (!listed.ok) return [listed.record];
  return Promise.all(
    listed.items.map(async (vault): Promise<SnapshotRecord> => ({
      type: 'glacier-vault',
      glacierVault: { ...vault, ...(await readVault(api, client, vault.name, keys)) },
    })),
  );
}

async function listVaultsPage(
  api: Api,
  client: GlacierClient,
  scope: GlacierScope,
  region: string,
  marker: string | undefined,
): Promise<Page<ListedVault>> {
  const input = { accountId: OWN_ACCOUNT, limit: MAX_VAULTS_PER_PAGE, ...(marker === undefined ? {} : { marker }) };
  const output = await api.call((options) => client.send(new ListVaultsCommand(input), options));
  return { items: (output.VaultList ?? []).flatMap((vault) => listedVault(vault, scope, region)), next: output.Marker ?? undefined };
}

function listedVault(vault: DescribeVaultOutput, scope: GlacierScope, region: string): ListedVault[] {
  if (vault.VaultName === undefined || vault.VaultName === '') return [];
  return [
    {
      name: vault.VaultName,
      region,
      arn: vault.VaultARN ?? `arn:${scope.partition}:glacier:${region}:${scope.accountId}:vaults/${vault.VaultName}`,
      ...(vault.CreationDate === undefined ? {} : { creationDate: vault.CreationDate }),
    },
  ];
}

type VaultData = { -readonly [K in GlacierVaultDataKey]?: GlacierVaultState[K] };

const VAULT_READS: {
  readonly [K in GlacierVaultDataKey]: (client: GlacierClient, vaultName: string, options: SendOptions) => Promise<Observed<unknown>>;
} = {
  glacierVaultLock: async (client, vaultName, options) =>
    normalizeVaultLock(await client.send(new GetVaultLockCommand({ accountId: OWN_ACCOUNT, vaultName }), options)),
  glacierVaultAccessPolicy: async (client, vaultName, options) => {
    const output = await client.send(new GetVaultAccessPolicyCommand({ accountId: OWN_ACCOUNT, vaultName }), options);
    const text = output.policy?.Policy;
    return text === undefined || text === '' ? absent() : present<BucketPolicy>({ text });
  },
};

export function normalizeVaultLock(output: GetVaultLockOutput): Observed<GlacierVaultLock> {
  // GetVaultLock answers ResourceNotFoundException without a lock; a 200 without a state says nothing.
  if (output.State === undefined || output.State === '') return absent();
  return present({
    state: output.State,
    ...(output.Policy === undefined || output.Policy === '' ? {} : { policy: { text: output.Policy } }),
    ...(output.CreationDate === undefined ? {} : { creationDate: output.CreationDate }),
    ...(output.ExpirationDate === undefined ? {} : { expirationDate: output.ExpirationDate }),
  });
}

/** One call per key through the shared limit; a failure is recorded in the value, in `keys` order. */
async function readVault(api: Api, client: GlacierClient, vaultName: string, keys: readonly GlacierVaultDataKey[]): Promise<VaultData> {
  const values = await Promise.all(
    keys.map(async (key): Promise<readonly [GlacierVaultDataKey, Observed<unknown>]> => {
      try {
        return [key, await api.call((options) => VAULT_READS[key](client, vaultName, options))];
      } catch (err) {
        return [key, observeFailure(DATA_SOURCES[key].operation, err)];
      }
    }),
  );
  return Object.fromEntries(values);
}
