import type { Finding } from '../checks/types.ts';
import { SEVERITIES, type Severity } from '../checks/types.ts';

/** What a finding means for a reader: a suppressed fail or unknown is accepted, not a failure. */
export const OUTCOMES = ['fail', 'unknown', 'suppressed', 'pass'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function outcomeOf(finding: Finding): Outcome {
  if (finding.status !== 'pass' && finding.suppression !== undefined) return 'suppressed';
  return finding.status;
}

export type OutcomeCounts = Record<Outcome, number>;

export interface OutcomeTally {
  readonly total: OutcomeCounts;
  readonly bySeverity: Readonly<Record<Severity, OutcomeCounts>>;
}

function zero(): OutcomeCounts {
  return { fail: 0, unknown: 0, suppressed: 0, pass: 0 };
}

/** Counts per outcome, overall and per severity. */
export function tallyOutcomes(findings: Iterable<Finding>): OutcomeTally {
  const total = zero();
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, zero()])) as Record<Severity, OutcomeCounts>;
  for (const finding of findings) {
    const outcome = outcomeOf(finding);
    total[outcome] += 1;
    bySeverity[finding.severity][outcome] += 1;
  }
  return { total, bySeverity };
}

/** The reason a finding is accepted, with the expiry when there is one. */
export function describeSuppression(finding: Finding): string {
  const { suppression } = finding;
  if (suppression === undefined) return '';
  return suppression.expires === undefined ? suppression.reason : `${suppression.reason} (until ${suppression.expires})`;
}
