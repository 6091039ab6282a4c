import { collectAccount } from '../collect/collect-account.ts';
import type { Severity } from '../checks/types.ts';
import { BUILTIN_CHECKS } from '../checks/registry.ts';
import { scan } from '../engine/scan.ts';
import type { ScanResult, ScanSource } from '../engine/scan.ts';
import { neededData, selectChecks } from '../engine/select.ts';
import { buildReport } from '../report/build.ts';
import { render } from '../report/render.ts';
import type { ReportFormat } from '../report/render.ts';
import { parseSnapshot, serializeSnapshotLine } from '../snapshot/jsonl.ts';
import type { DataKey } from '../snapshot/types.ts';
import { TOOL } from '../version.ts';
import { bucketFilter } from './bucket-filter.ts';
import { resolveEndpoints, resolveRegion } from './endpoints.ts';
import { exitCodeFor } from './exit-code.ts';
import { assertWritable, openAtomicLineWriter, readLines, writeFileAtomic } from './files.ts';
import type { CliIo } from './io.ts';
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
  readonly severity: Severity;
  readonly failOn: Severity | 'none';
  readonly allowIncomplete: boolean;
  readonly concurrency: number;
  readonly maxAttempts: number;
  readonly requestTimeout: number;
  readonly snapshot?: string;
  readonly saveSnapshot?: string;
  readonly color: boolean;
  readonly progress: boolean;
  readonly quiet: boolean;
}

async function openSource(
  flags: ScanFlags,
  io: CliIo,
  needs: ReadonlySet<DataKey>,
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
    needs,
    includeBucket,
    onBucketDone: (done, total) => {
      progress.update(done, total);
      if (done === total) progress.finish();
    },
  });
  return collection;
}

/** collect (or replay) → evaluate → report → exit code. */
export async function runScan(flags: ScanFlags, io: CliIo): Promise<number> {
  const startedAt = new Date().toISOString();
  const checks = selectChecks(BUILTIN_CHECKS, { only: flags.checks, skip: flags.skipChecks });
  const includeBucket = bucketFilter(flags.bucket, flags.excludeBucket);
  // Output paths are checked before the first AWS call: a long scan must not end in "cannot write".
  if (flags.output !== undefined) await assertWritable(flags.output, '--output');
  const snapshotWriter =
    flags.saveSnapshot === undefined ? undefined : await openAtomicLineWriter(flags.saveSnapshot, '--save-snapshot');
  let result: ScanResult;
  try {
    const source = await openSource(flags, io, neededData(checks), includeBucket);
    await snapshotWriter?.write(serializeSnapshotLine(source.header));
    result = await scan(source, checks, {
      trustedAccounts: [],
      ...(flags.snapshot === undefined ? {} : { includeBucket }),
      ...(snapshotWriter === undefined ? {} : { onRecord: (record) => snapshotWriter.write(serializeSnapshotLine(record)) }),
    });
    await snapshotWriter?.commit();
  } catch (error) {
    await snapshotWriter?.abort();
    throw error;
  }

  const report = buildReport({
    tool: TOOL,
    account: result.header.account.accountId,
    partition: result.header.account.partition,
    startedAt,
    finishedAt: new Date().toISOString(),
    findings: result.findings,
    errors: result.errors,
    notes: result.notes,
  });
  const toTerminal = flags.output === undefined;
  const color = toTerminal && flags.color && io.stdout.isTTY === true && (io.env.NO_COLOR ?? '') === '';
  const text = render(flags.format, report, { minSeverity: flags.severity, color, checks: checks.map((active) => active.check) });
  if (toTerminal) {
    io.stdout.write(text);
  } else {
    await writeFileAtomic(flags.output, text, '--output');
  }
  if (!flags.quiet) {
    // The table lists notes itself; for files and machine formats stderr is where a person sees them.
    if (!(toTerminal && flags.format === 'table')) {
      for (const note of result.notes) io.stderr.write(`s3-audit: note: ${note}\n`);
    }
    if (!toTerminal) io.stderr.write(`s3-audit: wrote ${flags.format} report to ${flags.output}\n`);
    if (flags.saveSnapshot !== undefined) {
      io.stderr.write(`s3-audit: saved snapshot to ${flags.saveSnapshot} (it contains bucket policies: store it like one)\n`);
    }
  }
  return exitCodeFor(report, { failOn: flags.failOn, allowIncomplete: flags.allowIncomplete });
}
