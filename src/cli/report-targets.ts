import { resolve } from 'node:path';
import { UserError } from '../errors.ts';
import { isOneOf } from '../is-one-of.ts';
import { FORMATS, type ReportFormat } from '../report/render.ts';

/** One report file a scan writes, and the flag that asked for it (for error messages). */
export interface ReportTarget {
  readonly format: ReportFormat;
  readonly path: string;
  readonly flag: string;
}

/** `--report sarif=out/s3.sarif` → a target; the file name may itself contain "=". */
export function parseReportTarget(value: string): ReportTarget {
  const separator = value.indexOf('=');
  const format = value.slice(0, Math.max(0, separator));
  const path = value.slice(separator + 1);
  if (separator === -1 || path === '' || !isOneOf(FORMATS, format)) {
    throw new UserError(`--report ${value}: expected <format>=<file> with a format of ${FORMATS.join(', ')}`);
  }
  return { format, path, flag: '--report' };
}

/** Two outputs into one file would leave only the last: refuse before any work is done. */
export function assertDistinctPaths(targets: readonly Pick<ReportTarget, 'path' | 'flag'>[]): void {
  const seen = new Map<string, string>();
  for (const target of targets) {
    const key = resolve(target.path);
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new UserError(`${target.flag} ${target.path}: ${earlier} writes that file already`);
    seen.set(key, target.flag);
  }
}
