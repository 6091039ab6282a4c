import type { Finding, Severity } from '../checks/types.ts';
import { meetsSeverity } from '../report/severity.ts';
import type { Report } from '../report/types.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2, incomplete: 3, interrupted: 130 } as const;

export interface GatePolicy {
  /** Failing findings at or above this severity fail the run; `none` never fails on findings. */
  readonly failOn: Severity | 'none';
  /** Treat an incomplete scan (unknown verdicts) as success. */
  readonly allowIncomplete: boolean;
}

/** A failing finding that is neither suppressed nor already in the baseline. */
export function gates(finding: Finding): boolean {
  return finding.status === 'fail' && finding.suppression === undefined && finding.baseline !== 'known';
}

/** Design §5: a failing finding (1) wins over an incomplete scan (3); 2 is decided before a report exists. */
export function exitCodeFor(report: Report, policy: GatePolicy): number {
  const { failOn } = policy;
  if (failOn !== 'none' && report.findings.some((f) => gates(f) && meetsSeverity(f.severity, failOn))) {
    return EXIT.failed;
  }
  if (!policy.allowIncomplete && !report.complete) return EXIT.incomplete;
  return EXIT.ok;
}
