import type { Finding, Severity, Status } from '../checks/types.ts';
import { compareStrings } from './text.ts';
import type { Report, ScanError, Summary } from './types.ts';

/** Everything a report holds except what buildReport derives. */
export type ReportInput = Omit<Report, 'schemaVersion' | 'complete' | 'summary'>;

/** Assembles the report with a deterministic order, whatever order workers finished in. */
export function buildReport(input: ReportInput): Report {
  // Array#sort is stable, so findings equal in ARN and check id keep their input order.
  const findings = [...input.findings].sort(compareFindings);
  return {
    schemaVersion: 1,
    tool: { name: input.tool.name, version: input.tool.version },
    account: input.account,
    partition: input.partition,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    complete: findings.every((finding) => finding.status !== 'unknown'),
    summary: summarize(findings),
    findings,
    errors: [...input.errors].sort(compareErrors),
    notes: [...input.notes],
  };
}

export function summarize(findings: readonly Finding[]): Summary {
  const byStatus = zeroCounts();
  const bySeverity: Record<Severity, Record<Status, number>> = {
    critical: zeroCounts(),
    high: zeroCounts(),
    medium: zeroCounts(),
    low: zeroCounts(),
    info: zeroCounts(),
  };
  for (const { status, severity } of findings) {
    byStatus[status] += 1;
    bySeverity[severity][status] += 1;
  }
  return {
    resources: new Set(findings.map((finding) => finding.resource.arn)).size,
    checks: new Set(findings.map((finding) => finding.checkId)).size,
    byStatus,
    bySeverity,
  };
}

function zeroCounts(): Record<Status, number> {
  return { pass: 0, fail: 0, unknown: 0 };
}

function compareFindings(a: Finding, b: Finding): number {
  return compareStrings(a.resource.arn, b.resource.arn) || compareStrings(a.checkId, b.checkId);
}

function compareErrors(a: ScanError, b: ScanError): number {
  return compareStrings(a.resource, b.resource) || compareStrings(a.operation, b.operation);
}
