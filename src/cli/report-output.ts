import { createBaseline, serializeBaseline } from '../baseline/baseline.ts';
import type { Severity } from '../checks/types.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { renderChunks } from '../report/render.ts';
import type { ReportFormat } from '../report/render.ts';
import { SARIF_MAX_RESULTS, sarifOmittedResults } from '../report/sarif.ts';
import { plural } from '../report/text.ts';
import type { CheckInfo, Report } from '../report/types.ts';
import { TOOL } from '../version.ts';
import { appendText, assertWritable, writeFileAtomic } from './files.ts';
import type { CliIo } from './io.ts';
import { assertDistinctPaths, type ReportTarget } from './report-targets.ts';

/** The flags that say where a report goes and how it looks; scan and merge share them. */
export interface OutputFlags {
  readonly format: ReportFormat;
  readonly output?: string;
  /** --report <format>=<file>: more reports of the same run. */
  readonly reports: readonly ReportTarget[];
  /** Append a Markdown summary to $GITHUB_STEP_SUMMARY when that is set. */
  readonly githubSummary: boolean;
  readonly sarifCategory?: string;
  readonly severity: Severity;
  readonly showSuppressed: boolean;
  readonly color: boolean;
  readonly quiet: boolean;
}

/** Where the report goes, checked before the work starts. */
export interface OutputPlan {
  /** --output (in --format) and every --report, in the order given. */
  readonly files: readonly ReportTarget[];
  /** $GITHUB_STEP_SUMMARY with --github-summary, when it is set. */
  readonly summaryPath: string | undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Output paths are checked before the first AWS call: a long scan must not end in "cannot
 * write". `others` are further files the command writes (snapshot, baseline): none may be a report's.
 */
export async function planOutputs(flags: OutputFlags, io: CliIo, others: readonly Pick<ReportTarget, 'path' | 'flag'>[] = []): Promise<OutputPlan> {
  const output = flags.output === undefined ? [] : [{ format: flags.format, path: flags.output, flag: '--output' }];
  const files = [...output, ...flags.reports];
  const summaryPath = flags.githubSummary ? nonEmpty(io.env.GITHUB_STEP_SUMMARY) : undefined;
  assertDistinctPaths([...files, ...others]);
  for (const file of files) await assertWritable(file.path, file.flag);
  if (summaryPath !== undefined) await assertWritable(summaryPath, '--github-summary: GITHUB_STEP_SUMMARY');
  return { files, summaryPath };
}

/** GitHub rejects a run past its result limit, so the SARIF report left some out: say so, even with --quiet. */
function warnAboutSarifLimit(report: Report, files: readonly ReportTarget[], io: CliIo): void {
  if (!files.some((file) => file.format === 'sarif')) return;
  const omitted = sarifOmittedResults(report);
  if (omitted === 0) return;
  io.stderr.write(
    `s3-audit: warning: the SARIF report leaves out the ${String(omitted)} least severe failing findings: GitHub code scanning takes at most ${String(SARIF_MAX_RESULTS)} results per run; the other reports list them all\n`,
  );
}

/** The report on stdout (unless --output), in every --report file and the job summary. */
export async function writeReports(report: Report, checks: readonly CheckInfo[], flags: OutputFlags, plan: OutputPlan, io: CliIo): Promise<void> {
  const toTerminal = flags.output === undefined;
  const color = toTerminal && flags.color && io.stdout.isTTY === true && (io.env.NO_COLOR ?? '') === '';
  // In chunks: the JSON report of a 10^5-bucket account is longer than the longest string V8 holds.
  const renderAs = (format: ReportFormat, inColor: boolean): Iterable<string> =>
    renderChunks(format, report, {
      minSeverity: flags.severity,
      color: inColor,
      showSuppressed: flags.showSuppressed,
      checks,
      ...(flags.sarifCategory === undefined ? {} : { sarifCategory: flags.sarifCategory }),
    });
  if (toTerminal) for (const chunk of renderAs(flags.format, color)) io.stdout.write(chunk);
  for (const file of plan.files) await writeFileAtomic(file.path, renderAs(file.format, false), file.flag);
  if (plan.summaryPath !== undefined) {
    await appendText(plan.summaryPath, `${renderMarkdown(report, { minSeverity: flags.severity })}\n`, '--github-summary: GITHUB_STEP_SUMMARY');
  }
  warnAboutSarifLimit(report, plan.files, io);
}

/** What was written where; not with --quiet. */
export function announceOutputs(flags: OutputFlags, plan: OutputPlan, io: CliIo): void {
  if (flags.quiet) return;
  for (const file of plan.files) io.stderr.write(`s3-audit: wrote ${file.format} report to ${file.path}\n`);
  if (flags.githubSummary && plan.summaryPath === undefined) {
    io.stderr.write('s3-audit: note: --github-summary: GITHUB_STEP_SUMMARY is not set (not a GitHub Actions step); no summary written\n');
  }
}

/** --write-baseline: the report's failing findings, for later runs to gate only on new ones. */
export async function writeBaselineFile(report: Report, path: string, quiet: boolean, io: CliIo): Promise<void> {
  const written = createBaseline({ tool: TOOL, createdAt: report.finishedAt, account: report.account, findings: report.findings });
  await writeFileAtomic(path, serializeBaseline(written), '--write-baseline');
  if (!quiet) io.stderr.write(`s3-audit: wrote baseline of ${plural(written.entries.length, 'failing finding')} to ${path}\n`);
}
