import { createBaseline, markBaseline, parseBaseline, serializeBaseline } from '../baseline/baseline.ts';
import type { Baseline } from '../baseline/baseline.ts';
import { collectAccount } from '../collect/collect-account.ts';
import type { AnyCheck, Finding, Severity } from '../checks/types.ts';
import { BUILTIN_CHECKS } from '../checks/registry.ts';
import { isIndexCheck } from '../checks/types.ts';
import type { ActiveCheck } from '../engine/evaluate.ts';
import { scan } from '../engine/scan.ts';
import type { ScanResult, ScanSource } from '../engine/scan.ts';
import { neededData, selectChecks } from '../engine/select.ts';
import { applySuppressions } from '../engine/suppress.ts';
import { buildReport } from '../report/build.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { renderChunks } from '../report/render.ts';
import { plural } from '../report/text.ts';
import type { ReportFormat } from '../report/render.ts';
import { SARIF_MAX_RESULTS, sarifOmittedResults } from '../report/sarif.ts';
import type { Report } from '../report/types.ts';
import { parseSnapshot, serializeSnapshotLine } from '../snapshot/jsonl.ts';
import { TOOL } from '../version.ts';
import { bucketFilter } from './bucket-filter.ts';
import { resolveEndpoints, resolveRegion } from './endpoints.ts';
import { exitCodeFor } from './exit-code.ts';
import { appendText, assertWritable, openAtomicLineWriter, readLines, readText, writeFileAtomic } from './files.ts';
import type { CliIo } from './io.ts';
import { loadConfig } from './load-config.ts';
import { assertDistinctPaths, type ReportTarget } from './report-targets.ts';
import { baselineWarnings, suppressionWarnings } from './warnings.ts';
import { createProgress } from './progress.ts';

export interface ScanFlags {
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
  readonly bucket: readonly string[];
  readonly excludeBucket: readonly string[];
  readonly checks: readonly string[];
  readonly skipChecks: readonly string[];
  readonly format: ReportFormat;
  readonly output?: string;
  /** --report <format>=<file>: more reports from the same scan. */
  readonly reports: readonly ReportTarget[];
  /** Append a Markdown summary to $GITHUB_STEP_SUMMARY when that is set. */
  readonly githubSummary: boolean;
  readonly sarifCategory?: string;
  readonly severity: Severity;
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
  readonly showSuppressed: boolean;
  readonly baseline?: string;
  readonly writeBaseline?: string;
  readonly color: boolean;
  readonly progress: boolean;
  readonly quiet: boolean;
}

async function openSource(
  flags: ScanFlags,
  io: CliIo,
  checks: readonly ActiveCheck[],
  includeBucket: (name: string) => boolean,
): Promise<ScanSource> {
  if (flags.snapshot !== undefined) {
    return parseSnapshot(await readLines(flags.snapshot, '--snapshot'), flags.snapshot);
  }
  const progress = createProgress(io.stderr, flags.progress && !flags.quiet);
  const profile = flags.profile ?? io.env.AWS_PROFILE;
  const collection = await collectAccount({
    region: resolveRegion(flags.region, io.env),
    // Passed on explicitly (the SDK would read AWS_PROFILE too) so errors can name the profile.
    ...(profile === undefined || profile === '' ? {} : { profile }),
    endpoints: resolveEndpoints(flags.endpointUrl, io.env),
    concurrency: flags.concurrency,
    maxAttempts: flags.maxAttempts,
    requestTimeoutMs: flags.requestTimeout,
    workers: flags.workers,
    needs: neededData(checks),
    includeBucket,
    listUnscanned: checks.some((active) => isIndexCheck(active.check)),
    onBucketDone: (done, total) => {
      progress.update(done, total);
      if (done === total) progress.finish();
    },
  });
  return collection;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** --output (in --format) and every --report, in the order given. */
function reportFiles(flags: ScanFlags): ReportTarget[] {
  const output = flags.output === undefined ? [] : [{ format: flags.format, path: flags.output, flag: '--output' }];
  return [...output, ...flags.reports];
}

/** GitHub rejects a run past its result limit, so the SARIF report left some out: say so, even with --quiet. */
function warnAboutSarifLimit(report: Report, files: readonly ReportTarget[], io: CliIo): void {
  const omitted = sarifOmittedResults(report);
  if (omitted === 0 || !files.some((file) => file.format === 'sarif')) return;
  io.stderr.write(
    `s3-audit: warning: the SARIF report leaves out the ${omitted} least severe failing findings: GitHub code scanning takes at most ${SARIF_MAX_RESULTS} results per run; the other reports list them all\n`,
  );
}

async function readBaseline(path: string | undefined): Promise<Baseline | undefined> {
  return path === undefined ? undefined : parseBaseline(await readText(path, '--baseline'), `--baseline ${path}`);
}

/**
 * collect (or replay) → evaluate → suppress → baseline → report → exit code. `registry` is every
 * check the config and the flags may name.
 */
export async function runScan(flags: ScanFlags, io: CliIo, registry: readonly AnyCheck[] = BUILTIN_CHECKS): Promise<number> {
  const startedAt = new Date().toISOString();
  const config = await loadConfig(flags.config, io.cwd, registry);
  const checks = selectChecks(registry, { only: flags.checks, skip: flags.skipChecks }, config.checks);
  const includeBucket = bucketFilter(flags.bucket, flags.excludeBucket);
  const baseline = await readBaseline(flags.baseline);
  const files = reportFiles(flags);
  const summaryPath = flags.githubSummary ? nonEmpty(io.env.GITHUB_STEP_SUMMARY) : undefined;
  assertDistinctPaths([
    ...files,
    ...(flags.saveSnapshot === undefined ? [] : [{ path: flags.saveSnapshot, flag: '--save-snapshot' }]),
    ...(flags.writeBaseline === undefined ? [] : [{ path: flags.writeBaseline, flag: '--write-baseline' }]),
  ]);
  // Output paths are checked before the first AWS call: a long scan must not end in "cannot write".
  for (const file of files) await assertWritable(file.path, file.flag);
  if (summaryPath !== undefined) await assertWritable(summaryPath, '--github-summary: GITHUB_STEP_SUMMARY');
  if (flags.writeBaseline !== undefined) await assertWritable(flags.writeBaseline, '--write-baseline');
  const snapshotWriter =
    flags.saveSnapshot === undefined ? undefined : await openAtomicLineWriter(flags.saveSnapshot, '--save-snapshot');
  let result: ScanResult;
  try {
    const source = await openSource(flags, io, checks, includeBucket);
    await snapshotWriter?.write(serializeSnapshotLine(source.header));
    result = await scan(source, checks, {
      trustedAccounts: config.trustedAccounts,
      ...(flags.snapshot === undefined ? {} : { includeBucket }),
      ...(snapshotWriter === undefined ? {} : { onRecord: (record) => snapshotWriter.write(serializeSnapshotLine(record)) }),
    });
    await snapshotWriter?.commit();
  } catch (error) {
    await snapshotWriter?.abort();
    throw error;
  }

  const account = result.header.account.accountId;
  const suppressed = applySuppressions(result.findings, config.suppressions, startedAt.slice(0, 10));
  const findings: readonly Finding[] = baseline === undefined ? suppressed.findings : markBaseline(suppressed.findings, baseline);
  const report = buildReport({
    tool: TOOL,
    account,
    partition: result.header.account.partition,
    startedAt,
    finishedAt: new Date().toISOString(),
    findings,
    errors: result.errors,
    notes: result.notes,
    baselineGiven: baseline !== undefined,
  });
  const toTerminal = flags.output === undefined;
  const color = toTerminal && flags.color && io.stdout.isTTY === true && (io.env.NO_COLOR ?? '') === '';
  const checkInfo = checks.map((active) => active.check);
  const renderOptions = (inColor: boolean) => ({
    minSeverity: flags.severity,
    color: inColor,
    showSuppressed: flags.showSuppressed,
    checks: checkInfo,
    ...(flags.sarifCategory === undefined ? {} : { sarifCategory: flags.sarifCategory }),
  });
  if (toTerminal) for (const chunk of renderChunks(flags.format, report, renderOptions(color))) io.stdout.write(chunk);
  for (const file of files) await writeFileAtomic(file.path, renderChunks(file.format, report, renderOptions(false)), file.flag);
  if (summaryPath !== undefined) {
    await appendText(summaryPath, `${renderMarkdown(report, { minSeverity: flags.severity })}\n`, '--github-summary: GITHUB_STEP_SUMMARY');
  }
  warnAboutSarifLimit(report, files, io);
  if (flags.writeBaseline !== undefined) {
    const written = createBaseline({ tool: TOOL, createdAt: report.finishedAt, account, findings });
    await writeFileAtomic(flags.writeBaseline, serializeBaseline(written), '--write-baseline');
    if (!flags.quiet) io.stderr.write(`s3-audit: wrote baseline of ${plural(written.entries.length, 'failing finding')} to ${flags.writeBaseline}\n`);
  }
  // Warnings change what gates the scan: even --quiet prints them.
  const allBuckets = flags.bucket.length === 0 && flags.excludeBucket.length === 0;
  for (const warning of [...suppressionWarnings(suppressed, checks, allBuckets), ...baselineWarnings(baseline, flags.baseline ?? '', account)]) {
    io.stderr.write(`s3-audit: warning: ${warning}\n`);
  }
  if (!flags.quiet) {
    // The table lists notes itself; for files and machine formats stderr is where a person sees them.
    if (!(toTerminal && flags.format === 'table')) {
      for (const note of result.notes) io.stderr.write(`s3-audit: note: ${note}\n`);
    }
    for (const file of files) io.stderr.write(`s3-audit: wrote ${file.format} report to ${file.path}\n`);
    if (flags.githubSummary && summaryPath === undefined) {
      io.stderr.write('s3-audit: note: --github-summary: GITHUB_STEP_SUMMARY is not set (not a GitHub Actions step); no summary written\n');
    }
    if (flags.saveSnapshot !== undefined) {
      io.stderr.write(`s3-audit: saved snapshot to ${flags.saveSnapshot} (it contains bucket policies: store it like one)\n`);
    }
  }
  return exitCodeFor(report, { failOn: flags.failOn, allowIncomplete: flags.allowIncomplete });
}
