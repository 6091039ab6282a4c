import type { Severity } from '../checks/types.ts';

// Explicit rather than derived from SEVERITIES' order, so reordering that list can never
// silently change what gates a pipeline.
const RANK: Readonly<Record<Severity, number>> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function severityRank(severity: Severity): number {
  return RANK[severity];
}

/** True when `severity` is at or above `min`: the rule behind both `--severity` and `--fail-on`. */
export function meetsSeverity(severity: Severity, min: Severity): boolean {
  return RANK[severity] >= RANK[min];
}

/** Sort comparator: most severe first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}
