import { markBaseline, parseBaseline } from '../baseline/baseline.ts';
import type { Baseline } from '../baseline/baseline.ts';
import type { LimitFunction } from 'p-limit';
import type { AssumeRoleTarget } from '../collect/assume-role.ts';
import { collectAccount } from '../collect/collect-account.ts';
import type { AnyCheck, Severity } from '../checks/types.ts';
import { BUILTIN_CHECKS } from '../checks/registry.ts';
import { isIndexCheck } from '../checks/types.ts';
import type { ActiveCheck } from '../engine/evaluate.ts';
import { scan } from '../engine/scan.ts';
import { inShard, ownsAccountResources } from '../engine/shard.ts';
import type { Shard } from '../engine/shard.ts';
import type { ScanResult, ScanSource } from '../engine/scan.ts';
import { neededData, selectChecks } from '../engine/select.ts';
import { applySuppressions } from '../engine/suppress.ts';
import { buildReport } from '../report/build.ts';
import type { Findings } from '../report/findings.ts';
import { SARIF_MAX_RUNS } from '../report/sarif.ts';
import type { AccountOutcome, ScanError } from '../report/types.ts';
import { parseSnapshot, serializeSnapshotLine } from '../snapshot/jsonl.ts';
import { TOOL } from '../version.ts';
import { checkAccountFlags, scanAccounts } from './accounts-scan.ts';
import { bucketFilter } from './bucket-filter.ts';
import { resolveEndpoints, resolveRegion } from './endpoints.ts';
import { exitCodeFor } from './exit-code.ts';
import { assertWritable, MAX_FILE_BYTES, openAtomicLineWriter, readLines, readText } from './files.ts';
import { Interrupted } from '../errors.ts';
import type { CliIo } from './io.ts';
import { loadConfig } from './load-config.ts';
import { announceOutputs, planOutputs, writeBaselineFile, writeReports } from './report-output.ts';
import type { OutputFlags } from './report-output.ts';
import { baselineWarnings, suppressionWarnings } from './warnings.ts';
import { createProgress } from './progress.ts';
import { withObjectSample } from './sample-objects.ts';
import type { Progress, ProgressMode } from './progress.ts';

export interface ScanFlags extends OutputFlags {
  readonly profile?: string;
  readonly region?: string;
  /** --regions: where else to look for access points. */
  readonly regions?: readonly string[];
  readonly endpointUrl?: string;
  /** --account-id: the account to report under, instead of asking STS. */
  readonly accountId?: string;
  readonly bucket: readonly string[];
  readonly excludeBucket: readonly string[];
  /** --shard i/n: evaluate only this shard's buckets (and the account, in shard 1). */
  readonly shard?: Shard;
  readonly checks: readonly string[];
  readonly skipChecks: readonly string[];
  /** --sample-objects N: object versions sampled per lock-enabled bucket (check bucket-object-lock-sample). */
  readonly sampleObjects?: number;
  readonly failOn: Severity | 'none';
  readonly allowIncomplete: boolean;
  readonly concurrency: number;
  readonly maxAttempts: number;
  readonly requestTimeout: number;
  readonly workers: number | 'auto';
  readonly snapshot?: string;
  readonly saveSnapshot?: string;
  /** A config file; `false` for --no-config; absent: `.s3-audit.yml` in the working directory if present. */
  readonly config?: string | false;
  readonly baseline?: string;
  readonly writeBaseline?: string;
  readonly progress: ProgressMode;
  /** Log every AWS call to stderr. */
  readonly debug?: boolean;
  /** --role-arn: scan the account of this role, assumed with the base credentials. */
  readonly roleArn?: string;
  /** --external-id: the ExternalId the role's trust policy requires. */
  readonly externalId?: string;
  /** --role-session-name (default s3-audit): shows in the scanned accounts' CloudTrail. */
  readonly roleSessionName?: string;
  /** --org: scan every active account of the organization. */
  readonly org?: boolean;
  /** --role-name: the role assumed in each account of --org / --accounts (default OrganizationAccountAccessRole). */
  readonly roleName?: string;
  /** --accounts: scan these accounts (with --org: only these of the organization). */
  readonly accounts?: readonly string[];
  /** --exclude-accounts: leave these accounts of --org out. */
  readonly excludeAccounts?: readonly string[];
}

export const DEFAULT_ROLE_SESSION_NAME = 's3-audit';

/** --org or --accounts: one report over several accounts, each scanned through an assumed role. */
export function isMultiAccount(flags: Pick<ScanFlags, 'org' | 'accounts'>): boolean {
  return flags.org === true || (flags.accounts ?? []).length > 0;
}

/** What one account's collection acts as, beyond the flags: a role, and a call limit shared with other accounts. */
export interface AccountTarget {
  readonly assumeRole?: AssumeRoleTarget;
  readonly callLimit?: LimitFunction;
}

function singleAccountTarget(flags: ScanFlags): AccountTarget {
  if (flags.roleArn === undefined) return {};
  return {
    assumeRole: {
      roleArn: flags.roleArn,
      sessionName: flags.roleSessionName ?? DEFAULT_ROLE_SESSION_NAME,
      ...(flags.externalId === undefined ? {} : { externalId: flags.externalId }),
    },
  };
}

/** Which buckets a scan evaluates, and which it only indexes for the cross-bucket checks. */
export interface BucketScope {
  /** --bucket/--exclude-bucket. */
  readonly filtered: (name: string) => boolean;
  /** …and in this shard: evaluated. */
  readonly evaluated: (name: string) => boolean;
}

function bucketScope(flags: ScanFlags): BucketScope {
  const filtered = bucketFilter(flags.bucket, flags.excludeBucket);
  const { shard } = flags;
  return { filtered, evaluated: shard === undefined ? filtered : (name) => filtered(name) && inShard(shard, name) };
}

async function openSource(
  flags: ScanFlags,
  io: CliIo,
  checks: readonly ActiveCheck[],
  scope: BucketScope,
  progress: Progress,
  target: AccountTarget = singleAccountTarget(flags),
): Promise<ScanSource> {
  if (flags.snapshot !== undefined) {
    return parseSnapshot(await readLines(flags.snapshot, '--snapshot'), flags.snapshot);
  }
  const indexChecks = checks.filter((active) => isIndexCheck(active.check));
  const profile = flags.profile ?? io.env.AWS_PROFILE;
  const collection = await collectAccount({
    region: resolveRegion(flags.region, io.env),
    ...(flags.regions === undefined ? {} : { regions: flags.regions }),
    // Passed on explicitly (the SDK would read AWS_PROFILE too) so errors can name the profile.
    ...(profile === undefined || profile === '' ? {} : { profile }),
    endpoints: resolveEndpoints(flags.endpointUrl, io.env),
    ...(flags.accountId === undefined ? {} : { accountId: flags.accountId }),
    ...(target.assumeRole === undefined ? {} : { assumeRole: target.assumeRole }),
    ...(target.callLimit === undefined ? {} : { callLimit: target.callLimit }),
    concurrency: flags.concurrency,
    maxAttempts: flags.maxAttempts,
    requestTimeoutMs: flags.requestTimeout,
    ...(io.interrupt === undefined ? {} : { signal: io.interrupt }),
    ...(flags.debug === true ? { debug: (line: string) => io.stderr.write(`s3-audit: debug: ${line}\n`) } : {}),
    workers: flags.workers,
    needs: neededData(checks),
    ...(flags.sampleObjects === undefined ? {} : { sampleObjects: flags.sampleObjects }),
    includeBucket: scope.evaluated,
    accessPoints: ownsAccountResources(flags.shard) ? scope.filtered : false,
    listUnscanned: indexChecks.length > 0,
    // Cross-bucket checks need the logging and Object Lock of every bucket, the other shards' too:
    // up to 2 calls per bucket of the account, so that a shard's verdicts equal an unsharded scan's.
    ...(flags.shard === undefined || indexChecks.length === 0
      ? {}
      : { indexOnly: { includeBucket: (name: string) => scope.filtered(name) && !scope.evaluated(name), needs: neededData(indexChecks) } }),
    onBucketDone: (done) => {
      progress.update(done);
    },
  });
  progress.start(collection.bucketCount);
  return collection;
}

/** What a scan hands the report: one account's, or every account's of --org / --accounts. */
export interface ScanOutcome {
  readonly account: string;
  readonly partition: string;
  readonly findings: Findings;
  readonly errors: readonly ScanError[];
  readonly notes: readonly string[];
  readonly accounts?: readonly AccountOutcome[];
}

function outcomeOf(result: ScanResult): ScanOutcome {
  const { accountId, partition } = result.header.account;
  return { account: accountId, partition, findings: result.findings, errors: result.errors, notes: result.notes };
}

type SnapshotWriter = Awaited<ReturnType<typeof openAtomicLineWriter>>;

/** Collects (or replays) one account and evaluates the checks on it as its resources stream by. */
export async function scanOneAccount(
  flags: ScanFlags,
  io: CliIo,
  checks: readonly ActiveCheck[],
  scope: BucketScope,
  trustedAccounts: readonly string[],
  progress: Progress,
  snapshotWriter?: SnapshotWriter,
  target?: AccountTarget,
): Promise<ScanResult> {
  const source = await openSource(flags, io, checks, scope, progress, target);
  await snapshotWriter?.write(serializeSnapshotLine(source.header));
  return scan(source, checks, {
    trustedAccounts,
    includeBucket: scope.evaluated,
    includeAccessPoint: scope.filtered,
    evaluateAccount: ownsAccountResources(flags.shard),
    ...(snapshotWriter === undefined ? {} : { onRecord: (record) => snapshotWriter.write(serializeSnapshotLine(record)) }),
  });
}

async function readBaseline(path: string | undefined): Promise<Baseline | undefined> {
  return path === undefined ? undefined : parseBaseline(await readText(path, '--baseline', MAX_FILE_BYTES.baseline), `--baseline ${path}`);
}

/**
 * collect (or replay) → evaluate → suppress → baseline → report → exit code. `registry` is every
 * check the config and the flags may name.
 */
export async function runScan(flags: ScanFlags, io: CliIo, registry: readonly AnyCheck[] = BUILTIN_CHECKS): Promise<number> {
  checkAccountFlags(flags);
  const startedAt = new Date().toISOString();
  const config = await loadConfig(flags.config, io.cwd, registry);
  const selection = { only: flags.checks, skip: flags.skipChecks };
  const checks = withObjectSample(selectChecks(registry, selection, config.checks), registry, selection, flags.sampleObjects, config.checks);
  const scope = bucketScope(flags);
  const baseline = await readBaseline(flags.baseline);
  const plan = await planOutputs(flags, io, [
    ...(flags.saveSnapshot === undefined ? [] : [{ path: flags.saveSnapshot, flag: '--save-snapshot' }]),
    ...(flags.writeBaseline === undefined ? [] : [{ path: flags.writeBaseline, flag: '--write-baseline' }]),
  ]);
  if (flags.writeBaseline !== undefined) await assertWritable(flags.writeBaseline, '--write-baseline');
  const snapshotWriter =
    flags.saveSnapshot === undefined ? undefined : await openAtomicLineWriter(flags.saveSnapshot, '--save-snapshot');
  const progress = createProgress(io.stderr, flags.progress);
  let result: ScanOutcome;
  try {
    result = isMultiAccount(flags)
      ? await scanAccounts(flags, io, checks, scope, config.trustedAccounts)
      : outcomeOf(await scanOneAccount(flags, io, checks, scope, config.trustedAccounts, progress, snapshotWriter));
    // Calls cancelled by Ctrl-C look like failed reads: such a result must not become a report.
    if (io.interrupt?.aborted === true) throw new Interrupted();
    progress.finish();
    await snapshotWriter?.commit();
  } catch (error) {
    progress.finish();
    await snapshotWriter?.abort();
    throw io.interrupt?.aborted === true ? new Interrupted() : error;
  }

  const { account } = result;
  const suppressed = applySuppressions(result.findings, config.suppressions, startedAt.slice(0, 10));
  const findings = baseline === undefined ? suppressed.findings : markBaseline(suppressed.findings, baseline);
  const report = buildReport({
    tool: TOOL,
    account,
    partition: result.partition,
    ...(result.accounts === undefined ? {} : { accounts: result.accounts }),
    startedAt,
    finishedAt: new Date().toISOString(),
    findings,
    errors: result.errors,
    notes: result.notes,
    baselineGiven: baseline !== undefined,
    ...(flags.shard === undefined ? {} : { shard: flags.shard }),
  });
  await writeReports(report, checks.map((active) => active.check), flags, plan, io);
  if (flags.writeBaseline !== undefined) await writeBaselineFile(report, flags.writeBaseline, flags.quiet, io);
  const runs = report.accounts?.length ?? 1;
  if (runs > SARIF_MAX_RUNS && (flags.format === 'sarif' || flags.reports.some((target) => target.format === 'sarif'))) {
    io.stderr.write(
      `s3-audit: warning: the SARIF report holds one run per account, ${String(runs)} runs: GitHub code scanning takes at most ${String(SARIF_MAX_RUNS)} per upload; split the accounts over jobs with --accounts\n`,
    );
  }
  // Warnings change what gates the scan: even --quiet prints them.
  const allBuckets = flags.bucket.length === 0 && flags.excludeBucket.length === 0 && flags.shard === undefined;
  for (const warning of [...suppressionWarnings(suppressed, checks, allBuckets), ...baselineWarnings(baseline, flags.baseline ?? '', account)]) {
    io.stderr.write(`s3-audit: warning: ${warning}\n`);
  }
  // The table lists notes itself; for files and machine formats stderr is where a person sees them.
  if (!flags.quiet && !(flags.output === undefined && flags.format === 'table')) {
    for (const note of result.notes) io.stderr.write(`s3-audit: note: ${note}\n`);
  }
  announceOutputs(flags, plan, io);
  if (!flags.quiet && flags.saveSnapshot !== undefined) {
    io.stderr.write(`s3-audit: saved snapshot to ${flags.saveSnapshot} (it contains bucket policies: store it like one)\n`);
  }
  return exitCodeFor(report, { failOn: flags.failOn, allowIncomplete: flags.allowIncomplete });
}
