import { BUILTIN_CHECKS } from '../checks/registry.ts';
import type { AnyCheck } from '../checks/types.ts';
import { mergeReports } from '../report/merge.ts';
import type { ShardReport } from '../report/merge.ts';
import { parseReport } from '../report/schema.ts';
import { exitCodeFor } from './exit-code.ts';
import type { GatePolicy } from './exit-code.ts';
import { MAX_FILE_BYTES, readText } from './files.ts';
import type { CliIo } from './io.ts';
import { announceOutputs, planOutputs, writeBaselineFile, writeReports } from './report-output.ts';
import type { OutputFlags } from './report-output.ts';

export interface MergeFlags extends OutputFlags, GatePolicy {
  readonly writeBaseline?: string;
}

/**
 * Joins the JSON reports of all shards of one scan (--shard i/n) into the report of the whole
 * account, renders it like scan does and gates on it with the same exit codes. `registry`
 * supplies the check texts the renderers show (SARIF rules, remediation), by the findings' check ids.
 */
export async function runMerge(paths: readonly string[], flags: MergeFlags, io: CliIo, registry: readonly AnyCheck[] = BUILTIN_CHECKS): Promise<number> {
  const plan = await planOutputs(flags, io, flags.writeBaseline === undefined ? [] : [{ path: flags.writeBaseline, flag: '--write-baseline' }]);
  const inputs: ShardReport[] = [];
  for (const path of paths) inputs.push({ source: path, report: parseReport(await readText(path, 'merge', MAX_FILE_BYTES.report), path) });
  const report = mergeReports(inputs);
  const ran = new Set(report.findings.map((finding) => finding.checkId));
  await writeReports(report, registry.filter((check) => ran.has(check.id)), flags, plan, io);
  if (flags.writeBaseline !== undefined) await writeBaselineFile(report, flags.writeBaseline, flags.quiet, io);
  if (!flags.quiet && !(flags.output === undefined && flags.format === 'table')) {
    for (const note of report.notes) io.stderr.write(`s3-audit: note: ${note}\n`);
  }
  announceOutputs(flags, plan, io);
  return exitCodeFor(report, flags);
}
