import { OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { UserError } from '../errors.ts';
import { describeError } from './errors.ts';

/** An account of the organization that --org scans. */
export interface OrganizationAccount {
  readonly id: string;
  readonly name: string;
}

export interface ListAccountsOptions {
  readonly region: string;
  readonly profile?: string;
  readonly endpoint?: string;
  readonly maxAttempts: number;
}

/**
 * The organization's active accounts (suspended, closing and closed ones cannot be scanned), from
 * the management or a delegated-administrator account. Any failure is the user's to fix: UserError.
 */
export async function listOrganizationAccounts(options: ListAccountsOptions): Promise<OrganizationAccount[]> {
  const client = new OrganizationsClient({
    region: options.region,
    maxAttempts: options.maxAttempts,
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
  });
  const accounts: OrganizationAccount[] = [];
  try {
    for await (const page of paginateListAccounts({ client }, {})) {
      for (const account of page.Accounts ?? []) {
        // State replaces Status (retired September 2026); either says ACTIVE for a live account.
        const state = account.State ?? account.Status;
        if (account.Id !== undefined && state === 'ACTIVE') accounts.push({ id: account.Id, name: account.Name ?? '' });
      }
    }
  } catch (error) {
    const { code, message } = describeError(error);
    throw new UserError(
      `--org: Organizations ListAccounts failed: ${code}: ${message} (run from the management account or a delegated administrator, with organizations:ListAccounts)`,
    );
  } finally {
    client.destroy();
  }
  return accounts;
}

/** What the principal that runs --org calls besides GetCallerIdentity (the README's policy for it is tested equal). */
export const ORGANIZATION_SCAN_ACTIONS = ['organizations:ListAccounts', 'sts:AssumeRole'] as const;
