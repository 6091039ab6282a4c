import type { Finding, Severity, Status } from '../checks/types.ts';
import { compareStrings } from './text.ts';
import type { Report, ScanError, Summary } from './types.ts';

/** Everything a report holds except what buildReport derives. */
export type ReportInput = Omit<Report, 'schemaVersion' | 'complete' | 'summary'> & {
  /** A baseline was given: the summary counts new and known failures even when there are none. */
  readonly baselineGiven?: boolean;
};

/** Assembles the report with a deterministic order, whatever order workers finished in. */
export function buildReport(input: ReportInput): Report {
  const findings = input.findings.inReportOrder();
  return {
    schemaVersion: 1,
    tool: { name: input.tool.name, version: input.tool.version },
    account: input.account,
    partition: input.partition,
    ...(input.accounts === undefined ? {} : { accounts: [...input.accounts] }),
    ...(input.shard === undefined ? {} : { shard: { index: input.shard.index, count: input.shard.count } }),
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    complete: !findings.some((finding) => finding.status === 'unknown'),
    summary: summarize(findings, input.baselineGiven === true),
    findings,
    errors: [...input.errors].sort(compareErrors),
    notes: [...input.notes],
  };
}

export function summarize(findings: Iterable<Finding>, baselineGiven = false): Summary {
  const byStatus = zeroCounts();
  const bySeverity: Record<Severity, Record<Status, number>> = {
    critical: zeroCounts(),
    high: zeroCounts(),
    medium: zeroCounts(),
    low: zeroCounts(),
    info: zeroCounts(),
  };
  let suppressed = 0;
  const baseline = { new: 0, known: 0 };
  // Counted as they go by, not mapped to arrays first: a report can hold millions of findings.
  const resources = new Set<string>();
  const checks = new Set<string>();
  for (const { checkId, resource, status, severity, suppression, baseline: state } of findings) {
    resources.add(resource.arn);
    checks.add(checkId);
    if (suppression !== undefined) {
      suppressed += 1;
      continue;
    }
    byStatus[status] += 1;
    bySeverity[severity][status] += 1;
    if (state !== undefined) baseline[state] += 1;
  }
  return {
    resources: resources.size,
    checks: checks.size,
    byStatus,
    bySeverity,
    suppressed,
    ...(baselineGiven ? { baseline } : {}),
  };
}

function zeroCounts(): Record<Status, number> {
  return { pass: 0, fail: 0, unknown: 0 };
}

function compareErrors(a: ScanError, b: ScanError): number {
  return compareStrings(a.resource, b.resource) || compareStrings(a.operation, b.operation);
}
