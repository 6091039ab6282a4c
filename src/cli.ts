import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { BUILTIN_CHECKS } from './checks/registry.ts';
import { SEVERITIES } from './checks/types.ts';
import type { Severity } from './checks/types.ts';
import { validRegions } from './cli/endpoints.ts';
import { EXIT } from './cli/exit-code.ts';
import type { GatePolicy } from './cli/exit-code.ts';
import { CONFIG_FILE_NAME } from './config/config.ts';
import { findCheck } from './cli/find-check.ts';
import { processIo } from './cli/io.ts';
import type { CliIo } from './cli/io.ts';
import { parseReportTarget } from './cli/report-targets.ts';
import { parseShard } from './cli/shard-flag.ts';
import { progressMode } from './cli/progress.ts';
import { runMerge } from './cli/merge-command.ts';
import type { MergeFlags } from './cli/merge-command.ts';
import type { OutputFlags } from './cli/report-output.ts';
import { MAX_SAMPLE_OBJECTS, SAMPLE_OBJECTS_HELP } from './cli/sample-objects.ts';
import { runScan } from './cli/scan-command.ts';
import type { ScanFlags } from './cli/scan-command.ts';
import { isAwsAccountId } from './aws-account-id.ts';
import { roleArnAccount } from './collect/assume-role.ts';
import { Interrupted, UserError } from './errors.ts';
import { isOneOf } from './is-one-of.ts';
import { CATALOG_FORMATS, renderCatalog, renderExplanation } from './report/catalog.ts';
import type { CatalogFormat } from './report/catalog.ts';
import { FORMATS } from './report/render.ts';
import type { ReportFormat } from './report/render.ts';
import { TOOL } from './version.ts';

function positiveInteger(name: string, max: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1 || number > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max}.`);
    }
    return number;
  };
}

function accountIdFlag(value: string): string {
  if (!isAwsAccountId(value)) throw new InvalidArgumentError(`--account-id must be a 12-digit AWS account id, not '${value}'.`);
  return value;
}

function roleArnFlag(value: string): string {
  if (roleArnAccount(value) === undefined) {
    throw new InvalidArgumentError(`--role-arn must be an IAM role ARN like arn:aws:iam::123456789012:role/s3-audit, not '${value}'.`);
  }
  return value;
}

/** STS: RoleSessionName is 2–64 of [\w+=,.@-]; ExternalId 2–1224 of [\w+=,.@:/-]; a role name (with path) in --role-name. */
function pattern(flag: string, shape: RegExp, example: string) {
  return (value: string): string => {
    if (!shape.test(value)) throw new InvalidArgumentError(`${flag}: '${value}' is not valid (expected e.g. ${example}).`);
    return value;
  };
}

function accountIds(flag: string) {
  return (value: string, previous: readonly string[] = []): string[] => {
    const ids = list(value, previous);
    const bad = ids.find((id) => !isAwsAccountId(id));
    if (bad !== undefined) throw new InvalidArgumentError(`${flag}: '${bad}' is not a 12-digit AWS account id.`);
    return ids;
  };
}

/** More threads than cores only add overhead; this bounds a typo. */
const MAX_WORKERS = 256;

function workerCount(value: string): number | 'auto' {
  return value === 'auto' ? 'auto' : positiveInteger('--workers', MAX_WORKERS)(value);
}

/** A repeatable flag whose values may contain commas (file names). */
function repeatable(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/** Repeated flags and comma-separated lists both work: --checks a,b --checks c. */
function list(value: string, previous: readonly string[] = []): string[] {
  return [...previous, ...value.split(',').map((item) => item.trim()).filter((item) => item !== '')];
}

function oneOf<T extends string>(values: readonly T[], value: unknown, flag: string): T {
  if (isOneOf(values, value)) return value;
  throw new UserError(`${flag}: expected one of ${values.join(', ')}`);
}

/** A code scanning category: ids and slashes, no trailing slash (s3-audit adds it). */
function sarifCategory(value: unknown): string {
  if (typeof value === 'string' && /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(value)) return value;
  throw new UserError(`--sarif-category ${String(value)}: expected letters, digits, . _ - separated by /, e.g. s3-audit/org-prod`);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function isShard(value: unknown): value is { index: number; count: number } {
  return typeof value === 'object' && value !== null && 'index' in value && 'count' in value;
}

/** `{ key: value }` when the flag was given as a string, else nothing (exactOptionalPropertyTypes). */
function pick(raw: Record<string, unknown>, key: string): Record<string, string> {
  const value = optionalString(raw[key]);
  return value === undefined ? {} : { [key]: value };
}

/** Where the report goes and how it looks: the same for scan and merge. */
function outputFlags(raw: Record<string, unknown>): OutputFlags {
  return {
    ...pick(raw, 'output'),
    ...(raw.sarifCategory === undefined ? {} : { sarifCategory: sarifCategory(raw.sarifCategory) }),
    showSuppressed: raw.showSuppressed === true,
    format: oneOf<ReportFormat>(FORMATS, raw.format, '--format'),
    reports: stringList(raw.report).map(parseReportTarget),
    githubSummary: raw.githubSummary === true,
    severity: oneOf<Severity>(SEVERITIES, raw.severity, '--severity'),
    color: raw.color !== false,
    quiet: raw.quiet === true,
  };
}

function gatePolicy(raw: Record<string, unknown>): GatePolicy {
  return {
    failOn: oneOf<Severity | 'none'>([...SEVERITIES, 'none'], raw.failOn, '--fail-on'),
    allowIncomplete: raw.allowIncomplete === true,
  };
}

function mergeFlags(raw: Record<string, unknown>): MergeFlags {
  return { ...outputFlags(raw), ...gatePolicy(raw), ...pick(raw, 'writeBaseline') };
}

function scanFlags(raw: Record<string, unknown>): ScanFlags {
  return {
    ...outputFlags(raw),
    ...gatePolicy(raw),
    ...pick(raw, 'profile'),
    ...pick(raw, 'region'),
    ...pick(raw, 'endpointUrl'),
    ...pick(raw, 'accountId'),
    ...(typeof raw.sampleObjects === 'number' ? { sampleObjects: raw.sampleObjects } : {}),
    ...pick(raw, 'roleArn'),
    ...pick(raw, 'externalId'),
    ...pick(raw, 'roleSessionName'),
    ...pick(raw, 'roleName'),
    ...(raw.org === true ? { org: true } : {}),
    accounts: stringList(raw.accounts),
    excludeAccounts: stringList(raw.excludeAccounts),
    ...pick(raw, 'snapshot'),
    ...pick(raw, 'saveSnapshot'),
    ...pick(raw, 'baseline'),
    ...pick(raw, 'writeBaseline'),
    ...(raw.config === false ? { config: false } : pick(raw, 'config')),
    debug: raw.debug === true,
    regions: validRegions(stringList(raw.regions)),
    bucket: stringList(raw.bucket),
    excludeBucket: stringList(raw.excludeBucket),
    ...(isShard(raw.shard) ? { shard: raw.shard } : {}),
    checks: stringList(raw.checks),
    skipChecks: stringList(raw.skipChecks),
    concurrency: typeof raw.concurrency === 'number' ? raw.concurrency : 32,
    maxAttempts: typeof raw.maxAttempts === 'number' ? raw.maxAttempts : 8,
    requestTimeout: typeof raw.requestTimeout === 'number' ? raw.requestTimeout : 20_000,
    workers: typeof raw.workers === 'number' ? raw.workers : 'auto',
    progress: progressMode(typeof raw.progress === 'boolean' ? raw.progress : undefined, raw.quiet === true),
  };
}

/** --format … --allow-incomplete: how the report looks, where it goes and what fails the run; scan and merge alike. */
function addReportOptions(command: Command): Command {
  return command
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('table'))
    .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
    .option(
      '--report <format=file>',
      `also write a report in this format to this file (atomically); repeatable: --report sarif=s3.sarif --report junit=s3.xml (formats: ${FORMATS.join(', ')})`,
      repeatable,
    )
    .option('--sarif-category <id>', 'GitHub code scanning category of the SARIF report (default: s3-audit/<account>); one per account or scope')
    .option('--github-summary', 'append a Markdown summary to $GITHUB_STEP_SUMMARY when it is set (GitHub Actions job summary)')
    .addOption(new Option('--severity <min>', 'only show findings at or above this severity; never changes the exit code').choices(SEVERITIES).default('info'))
    .addOption(new Option('--fail-on <min>', 'exit 1 when a finding at or above this severity fails').choices([...SEVERITIES, 'none']).default('low'))
    .option('--allow-incomplete', 'exit 0 instead of 3 when some verdicts are unknown');
}

const SHOW_SUPPRESSED_HELP = 'list suppressed findings with their reason in the table (they are always counted, and always in JSON)';
const WRITE_BASELINE_HELP = 'record the failing findings as a baseline file (atomically); the exit code is unchanged';
const NO_COLOR_HELP = 'never color the output (also: NO_COLOR, or stdout not a terminal)';
const QUIET_HELP = 'print only the report, errors and warnings';

const EXIT_CODES_HELP = `
Exit codes:
  0  scan complete, nothing failing at or above --fail-on
  1  a failing finding at or above --fail-on (wins over 3); suppressed ones and those in --baseline never count
  2  usage, configuration, credentials or fatal error (one line on stderr)
  3  scan incomplete: some verdicts are unknown (e.g. AccessDenied); --allow-incomplete turns this into 0
  130  interrupted (Ctrl-C): nothing written, not even a partial report
`;

const MERGE_HELP = `${EXIT_CODES_HELP}
Each report must be the JSON report of 's3-audit scan --shard i/n' (--format json --output FILE,
or --report json=FILE): all n shards of one account, by the same s3-audit version, each once. The
merged report equals the report of one unsharded scan: findings in the same order, the summary
counted over all of them, errors and notes once each, startedAt the earliest, finishedAt the latest.
Anything else exits 2 naming the file and the reason, e.g. 'shard 3/4 missing'.

Examples:
  s3-audit merge shard-*.json                                    the table of the whole account
  s3-audit merge shard-*.json --report sarif=s3.sarif --report json=s3.json --fail-on high
`;

const SCAN_HELP = `${EXIT_CODES_HELP}
Configuration (${CONFIG_FILE_NAME} in the working directory, or --config FILE; README section Configuration):
  checks:
    bucket-versioning:                    per check id, all optional:
      enabled: true                       run it (true) or not (false), whatever its default
      severity: high                      replace the check's severity
      options: { ... }                    validated by the check ('s3-audit explain <id>' shows them)
  trustedAccounts: ['111122223333']       accounts that cross-account checks accept
  suppressions:                           accepted failing findings: counted, never failing the scan
    - check: bucket-mfa-delete            a check id or glob
      resource: 'arn:aws:s3:::logs-*'     a glob over the whole ARN; * also spans / and :
      reason: Log buckets are write-once  required
      expires: 2026-12-31                 optional; from that date on it no longer applies (warning)
  --checks and --skip-checks win over 'enabled'. Any mistake in the file exits 2, naming file:line:col.

Baselines (adopt s3-audit on an account with existing findings, then gate only on new ones):
  s3-audit scan --write-baseline s3-audit-baseline.json --fail-on none   once; commit the file
  s3-audit scan --baseline s3-audit-baseline.json                        in CI: exit 1 only for new findings

Credentials and endpoints come from the standard AWS environment (AWS_PROFILE, AWS_REGION,
AWS_ACCESS_KEY_ID, SSO, web identity, instance roles, AWS_ENDPOINT_URL[_S3|_S3_CONTROL|_STS]).

S3-compatible stores (Ceph RGW, MinIO, …): --endpoint-url, path-style, region us-east-1 by default.
Without STS the account is the ListBuckets owner (or --account-id); without S3 Control the account
and access-point checks are unknown; an answer the store does not implement (Ceph RGW answers
?encryption with a bucket listing) is "unknown: not supported by this endpoint", never a verdict.
  s3-audit scan --endpoint-url http://127.0.0.1:7480

Examples:
  s3-audit scan                                  scan the account of the current credentials
  s3-audit scan --bucket 'prod-*' --fail-on high
  s3-audit scan --format json --output report.json --save-snapshot scan.jsonl
  s3-audit scan --report sarif=s3.sarif --report json=s3.json --report junit=s3.xml --github-summary
                                                 table on the terminal, three files, a job summary in GitHub Actions
  s3-audit scan --snapshot scan.jsonl            re-evaluate a saved scan offline, no AWS calls

Large accounts (README section "Large accounts: sharding"): run n jobs, each with its own --shard,
then join their JSON reports:
  s3-audit scan --shard 2/4 --format json --output shard-2.json --fail-on none
  s3-audit merge shard-1.json shard-2.json shard-3.json shard-4.json --report sarif=s3.sarif
Buckets are split by a stable hash of the name; account-level and access-point checks run in
shard 1 only. When a cross-bucket check runs (the logging graph), every shard also reads the
logging and Object Lock configuration of the other shards' buckets (up to 2 calls per bucket), so
its verdicts are those of one unsharded scan.
`;

function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('s3-audit')
    .description('Audit the security posture of Amazon S3 in an AWS account and gate CI pipelines on it.')
    .version(TOOL.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => {
        const oneLine = text.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();
        write(`s3-audit: error: ${oneLine} (see 's3-audit --help')\n`);
      },
    });

  const scan = program
    .command('scan')
    .description('collect the S3 configuration of an account, evaluate the checks and report')
    .option('--profile <name>', 'AWS shared-config profile to use')
    .option('--region <region>', 'home region for account-wide calls (default: AWS_REGION, else us-east-1)')
    .option('--regions <list>', "also look for access points in these regions (besides those of the account's buckets); comma-separated", list)
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (S3-compatible stores, local tests); path-style S3')
    .option(
      '--account-id <id>',
      'the 12-digit account id to report under, instead of asking STS (for S3-compatible stores without STS; default there: the ListBuckets owner)',
      accountIdFlag,
    )
    .addOption(
      new Option('--role-arn <arn>', 'scan the account of this IAM role, assumed with the current credentials (regional STS endpoint, refreshed during long scans)')
        .argParser(roleArnFlag)
        .conflicts(['org', 'accounts', 'roleName', 'accountId', 'snapshot']),
    )
    .option('--external-id <id>', "the ExternalId the role's trust policy requires (--role-arn, --org, --accounts)", pattern('--external-id', /^[\w+=,.@:/-]{2,1224}$/, 'a1b2c3-audit'))
    .option('--role-session-name <name>', 'the session name of the assumed roles, seen in CloudTrail (default s3-audit)', pattern('--role-session-name', /^[\w+=,.@-]{2,64}$/, 's3-audit-ci'))
    .addOption(
      new Option('--org', "scan every active account of the AWS Organization (run from the management or a delegated-admin account), each through --role-name")
        .conflicts(['snapshot', 'saveSnapshot', 'shard', 'accountId']),
    )
    .option(
      '--role-name <name>',
      'the role assumed in each account of --org / --accounts (default OrganizationAccountAccessRole); a path may precede it',
      pattern('--role-name', /^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/, 's3-audit or audit/s3-audit'),
    )
    .addOption(
      new Option('--accounts <ids>', 'scan these accounts through --role-name; with --org only these of the organization; comma-separated')
        .argParser(accountIds('--accounts'))
        .conflicts(['snapshot', 'saveSnapshot', 'shard', 'accountId']),
    )
    .option('--exclude-accounts <ids>', 'with --org: leave these accounts out; comma-separated', accountIds('--exclude-accounts'))
    .option('--bucket <glob>', 'only scan buckets whose name matches; repeatable or comma-separated', list)
    .option('--exclude-bucket <glob>', 'skip buckets whose name matches; repeatable or comma-separated', list)
    .option(
      '--shard <i/n>',
      "evaluate only shard i of n (counted from 1) of the buckets, split by a stable hash of the name; account and access-point checks run in shard 1; join the JSON reports with 's3-audit merge'",
      parseShard,
    )
    .option('--checks <id>', 'run only these checks (ids or globs), even ones off by default', list)
    .option('--skip-checks <id>', 'do not run these checks (ids or globs)', list)
    .option('--sample-objects <n>', SAMPLE_OBJECTS_HELP, positiveInteger('--sample-objects', MAX_SAMPLE_OBJECTS));
  addReportOptions(scan)
    .option('--config <file>', `read check settings, trusted accounts and suppressions from this YAML file (default: ${CONFIG_FILE_NAME} in the working directory, if present)`)
    .option('--no-config', `do not read ${CONFIG_FILE_NAME} from the working directory`)
    .option('--show-suppressed', SHOW_SUPPRESSED_HELP)
    .option('--baseline <file>', 'fail only on findings that are not in this baseline file; the table marks them (new)')
    .option('--write-baseline <file>', WRITE_BASELINE_HELP)
    .option('--concurrency <n>', 'API calls in flight at once, across the whole scan', positiveInteger('--concurrency', 1024), 32)
    .option('--max-attempts <n>', 'attempts per API call; throttling and 5xx are retried with jittered exponential backoff', positiveInteger('--max-attempts', 20), 8)
    .option(
      '--workers <n|auto>',
      'worker threads that collect buckets in parallel (the AWS SDK costs CPU per call); auto: one per core, fewer for small accounts',
      workerCount,
      'auto',
    )
    .option('--request-timeout <ms>', 'give up on one API request after this many milliseconds', positiveInteger('--request-timeout', 600_000), 20_000)
    .addOption(
      new Option('--snapshot <file>', 'evaluate a saved snapshot instead of calling AWS').conflicts(['profile', 'region', 'regions', 'endpointUrl', 'accountId']),
    )
    .option('--save-snapshot <file>', 'save the collected state as a JSON Lines snapshot (contains bucket policies)')
    .option('--no-color', NO_COLOR_HELP)
    .option('--progress', 'report progress on stderr: a bar on a terminal, otherwise a line every 5 seconds (CI logs); also with --quiet')
    .option('--no-progress', 'no progress on stderr (default: a bar when stderr is a terminal, unless --quiet)')
    .option('-q, --quiet', QUIET_HELP)
    .option('--debug', 'log every AWS call on stderr: service, operation, region, request, status, duration, retries (never headers or credentials)')
    .addHelpText('after', SCAN_HELP)
    .action(async (raw: Record<string, unknown>) => {
      setExitCode(await runScan(scanFlags(raw), io));
    });

  const merge = program
    .command('merge')
    .description("join the JSON reports of all shards of a scan ('s3-audit scan --shard i/n') into the report of the whole account")
    .argument('<report.json...>', 'the JSON reports of shards 1/n … n/n, in any order');
  addReportOptions(merge)
    .option('--show-suppressed', SHOW_SUPPRESSED_HELP)
    .option('--write-baseline <file>', WRITE_BASELINE_HELP)
    .option('--no-color', NO_COLOR_HELP)
    .option('-q, --quiet', QUIET_HELP)
    .addHelpText('after', MERGE_HELP)
    .action(async (paths: string[], raw: Record<string, unknown>) => {
      setExitCode(await runMerge(paths, mergeFlags(raw), io));
    });

  program
    .command('checks')
    .description('list the checks: id, severity, whether it runs by default, the secure state it verifies')
    .addOption(new Option('--format <format>', 'output format').choices(CATALOG_FORMATS).default('table'))
    .action((raw: Record<string, unknown>) => {
      io.stdout.write(renderCatalog(BUILTIN_CHECKS, oneOf<CatalogFormat>(CATALOG_FORMATS, raw.format, '--format')));
      setExitCode(EXIT.ok);
    });

  program
    .command('explain')
    .description('show why a check matters, how to fix it and the permissions it needs')
    .argument('<check-id>', "a check id from 's3-audit checks'")
    .action((id: string) => {
      io.stdout.write(renderExplanation(findCheck(BUILTIN_CHECKS, id, 'explain')));
      setExitCode(EXIT.ok);
    });

  return program;
}

/** A bug: one line saying so and where to report it, never a stack trace. */
export function describeUnexpected(error: unknown): string {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `s3-audit: internal error: ${detail.split('\n')[0] ?? ''} — this is a bug in s3-audit; please report it to the project's issue tracker with the command you ran (never your credentials)\n`;
}

/** The whole CLI: every error becomes an exit code here and nowhere else. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version exit 0; every parse error is a usage error (2), not commander's 1.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof Interrupted) {
      io.stderr.write(`s3-audit: ${error.message}\n`);
      return EXIT.interrupted;
    }
    if (error instanceof UserError) {
      io.stderr.write(`s3-audit: error: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(describeUnexpected(error));
    return EXIT.usage;
  }
}

/** `interrupt`: aborted on SIGINT by bin/s3-audit.js, the one place that handles process signals. */
export function run(argv: readonly string[], interrupt?: AbortSignal): Promise<number> {
  return main(argv, processIo(interrupt));
}
