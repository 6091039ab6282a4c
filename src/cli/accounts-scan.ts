import pLimit from 'p-limit';
import type { Finding } from '../checks/types.ts';
import { createApi } from '../collect/api.ts';
import { RoleNotAssumed, roleArnIn } from '../collect/assume-role.ts';
import { createClients } from '../collect/clients.ts';
import { listOrganizationAccounts } from '../collect/organizations.ts';
import type { OrganizationAccount } from '../collect/organizations.ts';
import { getCallerIdentity } from '../collect/sts.ts';
import type { ActiveCheck } from '../engine/evaluate.ts';
import { fingerprint } from '../engine/fingerprint.ts';
import { accountRef } from '../engine/resource-ref.ts';
import { Interrupted, UserError } from '../errors.ts';
import { findingsOf } from '../report/findings.ts';
import type { AccountOutcome, ScanError } from '../report/types.ts';
import { resolveEndpoints, resolveRegion } from './endpoints.ts';
import type { CliIo } from './io.ts';
import { createProgress } from './progress.ts';
import { DEFAULT_ROLE_SESSION_NAME, isMultiAccount, scanOneAccount } from './scan-command.ts';
import type { BucketScope, ScanFlags, ScanOutcome } from './scan-command.ts';

export const DEFAULT_ROLE_NAME = 'OrganizationAccountAccessRole';

/**
 * Accounts collected at once. Their calls share one --concurrency limit, so more accounts in
 * flight do not mean more calls; a few keep that limit busy while one account's scan winds down,
 * and bound the SDK clients and sockets open at a time.
 */
const ACCOUNTS_IN_FLIGHT = 4;

/** Flags that only mean something together; commander's conflicts() covers the exclusive ones. */
export function checkAccountFlags(flags: ScanFlags): void {
  const multi = isMultiAccount(flags);
  if (!multi && flags.roleName !== undefined) throw new UserError('--role-name needs --org or --accounts (for one role give --role-arn)');
  if (flags.org !== true && (flags.excludeAccounts ?? []).length > 0) throw new UserError('--exclude-accounts needs --org');
  if (!multi && flags.roleArn === undefined) {
    if (flags.externalId !== undefined) throw new UserError('--external-id needs --role-arn, --org or --accounts');
    if (flags.roleSessionName !== undefined) throw new UserError('--role-session-name needs --role-arn, --org or --accounts');
  }
  if (multi && flags.workers !== 1 && flags.workers !== 'auto') {
    throw new UserError('--workers with --org / --accounts: accounts are already scanned in parallel; leave --workers out');
  }
}

/** The accounts to scan: the organization's active ones (--org) or --accounts, narrowed by --accounts / --exclude-accounts. */
async function accountsToScan(flags: ScanFlags, region: string, profile: string | undefined, io: CliIo): Promise<OrganizationAccount[]> {
  const only = new Set(flags.accounts ?? []);
  const excluded = new Set(flags.excludeAccounts ?? []);
  let accounts: OrganizationAccount[];
  if (flags.org === true) {
    const endpoint = resolveEndpoints(flags.endpointUrl, io.env).organizations;
    const listed = await listOrganizationAccounts({
      region,
      maxAttempts: flags.maxAttempts,
      ...(profile === undefined ? {} : { profile }),
      ...(endpoint === undefined ? {} : { endpoint }),
    });
    const unknown = [...only].filter((id) => !listed.some((account) => account.id === id));
    if (unknown.length > 0) throw new UserError(`--accounts: ${unknown.join(', ')} not among the organization's active accounts`);
    accounts = listed.filter((account) => only.size === 0 || only.has(account.id));
  } else {
    accounts = [...only].map((id) => ({ id, name: '' }));
  }
  const kept = accounts.filter((account) => !excluded.has(account.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (kept.length === 0) throw new UserError('no account left to scan: --exclude-accounts leaves out every account');
  return kept;
}

/** The account the scan runs from: the report's `account`. Bad base credentials stop the scan here (exit 2). */
async function callerAccount(flags: ScanFlags, region: string, profile: string | undefined, io: CliIo): Promise<{ accountId: string; partition: string }> {
  const endpoints = resolveEndpoints(flags.endpointUrl, io.env);
  const clients = createClients({
    region,
    ...(profile === undefined ? {} : { profile }),
    endpoints,
    concurrency: 1,
    maxAttempts: flags.maxAttempts,
    requestTimeoutMs: flags.requestTimeout,
  });
  try {
    const identity = await getCallerIdentity(createApi(clients, 1, flags.maxAttempts, new AbortController().signal), profile);
    if (identity === undefined) throw new UserError('--org / --accounts need STS: could not identify the account the scan runs from');
    return identity;
  } finally {
    clients.destroy();
  }
}

/** Every selected check is unknown for an account that could not be scanned: the scan is incomplete (exit 3), never a pass. */
function notScannedFindings(checks: readonly ActiveCheck[], accountId: string, partition: string, region: string, reason: string): Finding[] {
  const ref = accountRef({ accountId, partition, region });
  return checks.map(({ check, severity }) => ({
    checkId: check.id,
    status: 'unknown',
    severity,
    resource: ref,
    messageId: 'accountNotScanned',
    message: `Account ${accountId} was not scanned: ${reason}`,
    fingerprint: fingerprint(check.id, ref.arn),
  }));
}

interface AccountResult {
  readonly outcome: AccountOutcome;
  readonly findings: Iterable<Finding>;
  readonly errors: readonly ScanError[];
  readonly notes: readonly string[];
}

/**
 * --org / --accounts: each account scanned through its role, accounts in parallel under the one
 * --concurrency limit, their findings joined into one report (each names its account). An account
 * whose role cannot be assumed, or whose scan cannot start, is reported with every check unknown;
 * the others go on.
 */
export async function scanAccounts(
  flags: ScanFlags,
  io: CliIo,
  checks: readonly ActiveCheck[],
  scope: BucketScope,
  trustedAccounts: readonly string[],
): Promise<ScanOutcome> {
  const region = resolveRegion(flags.region, io.env);
  const profile = flags.profile ?? (io.env.AWS_PROFILE || undefined);
  const caller = await callerAccount(flags, region, profile, io);
  const accounts = await accountsToScan(flags, region, profile, io);
  const callLimit = pLimit(flags.concurrency);
  const roleName = flags.roleName ?? DEFAULT_ROLE_NAME;
  const noProgress = createProgress(io.stderr, 'off');

  // Worker threads would each have their own call limit: accounts collect in this thread, under the shared one.
  const scanAccount = async ({ id, name }: OrganizationAccount): Promise<AccountResult> => {
    const roleArn = roleArnIn(caller.partition, id, roleName);
    const named = name === '' ? {} : { name };
    try {
      const result = await scanOneAccount({ ...flags, workers: 1 }, io, checks, scope, trustedAccounts, noProgress, undefined, {
        assumeRole: {
          roleArn,
          sessionName: flags.roleSessionName ?? DEFAULT_ROLE_SESSION_NAME,
          ...(flags.externalId === undefined ? {} : { externalId: flags.externalId }),
        },
        callLimit,
      });
      if (!flags.quiet) io.stderr.write(`s3-audit: scanned account ${id}${name === '' ? '' : ` (${name})`}\n`);
      return { outcome: { id, ...named, status: 'scanned' }, findings: result.findings, errors: result.errors, notes: result.notes };
    } catch (error) {
      if (!(error instanceof UserError) || io.interrupt?.aborted === true) throw io.interrupt?.aborted === true ? new Interrupted() : error;
      const code = error instanceof RoleNotAssumed ? error.code : 'ScanNotStarted';
      io.stderr.write(`s3-audit: warning: account ${id}: ${error.message}\n`);
      return {
        outcome: { id, ...named, status: 'failed', error: { code, message: error.message } },
        findings: notScannedFindings(checks, id, caller.partition, region, error.message),
        errors: [{ operation: error instanceof RoleNotAssumed ? 'sts:AssumeRole' : 'scan', resource: roleArn, code, message: error.message }],
        notes: [],
      };
    }
  };

  const limitAccounts = pLimit(ACCOUNTS_IN_FLIGHT);
  const results = await Promise.all(accounts.map((account) => limitAccounts(() => scanAccount(account))));
  return {
    account: caller.accountId,
    partition: caller.partition,
    findings: findingsOf(
      (function* allFindings() {
        for (const result of results) yield* result.findings;
      })(),
    ),
    errors: results.flatMap((result) => result.errors),
    notes: results.flatMap((result) => result.notes),
    accounts: results.map((result) => result.outcome),
  };
}
