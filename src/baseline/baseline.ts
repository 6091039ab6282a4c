import { z } from 'zod';
import type { Findings } from '../report/findings.ts';
import { UserError } from '../errors.ts';
import { describeFirstIssue } from '../format-path.ts';
import { compareStrings } from '../report/text.ts';

export const BASELINE_SCHEMA_VERSION = 1;

const entrySchema = z.strictObject({
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/, 'expected the 32 hex digits of a finding fingerprint'),
  checkId: z.string(),
  resource: z.string(),
});

const baselineSchema = z.strictObject({
  kind: z.literal('s3-audit-baseline'),
  schemaVersion: z.literal(BASELINE_SCHEMA_VERSION),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  createdAt: z.string(),
  account: z.string(),
  entries: z.array(entrySchema),
});

/**
 * The failing findings a team has accepted for now. Keyed by fingerprint; check id and ARN are
 * there so a person can read and prune the file.
 */
export type Baseline = z.infer<typeof baselineSchema>;

export interface BaselineInput {
  readonly tool: { readonly name: string; readonly version: string };
  readonly createdAt: string;
  readonly account: string;
  readonly findings: Findings;
}

/**
 * Records every failing finding that is not suppressed, whatever its severity (the gate may be
 * lowered later). Suppressed ones stay out: when their entry expires they must count again.
 */
export function createBaseline(input: BaselineInput): Baseline {
  const failing = input.findings.filter((finding) => finding.status === 'fail' && finding.suppression === undefined);
  const entries = [...new Map(failing.map((finding) => [finding.fingerprint, finding])).values()]
    .map((finding) => ({ fingerprint: finding.fingerprint, checkId: finding.checkId, resource: finding.resource.arn }))
    .sort((a, b) => compareStrings(a.resource, b.resource) || compareStrings(a.checkId, b.checkId));
  return {
    kind: 's3-audit-baseline',
    schemaVersion: BASELINE_SCHEMA_VERSION,
    tool: { name: input.tool.name, version: input.tool.version },
    createdAt: input.createdAt,
    account: input.account,
    entries,
  };
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** A baseline file's contents; anything else is a UserError naming the file and the problem. */
export function parseBaseline(text: string, where: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${where}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof value !== 'object' || value === null || !('kind' in value) || value.kind !== 's3-audit-baseline') {
    throw new UserError(`${where}: not an s3-audit baseline (write one with --write-baseline)`);
  }
  const version = 'schemaVersion' in value ? value.schemaVersion : undefined;
  if (typeof version === 'number' && version > BASELINE_SCHEMA_VERSION) {
    throw new UserError(`${where}: baseline schema version ${version} was written by a newer s3-audit; upgrade s3-audit`);
  }
  const parsed = baselineSchema.safeParse(value);
  if (!parsed.success) {
    throw new UserError(`${where}: invalid baseline: ${describeFirstIssue(parsed.error)}`);
  }
  return parsed.data;
}

/** Failing, unsuppressed findings become `new` or `known`: only new ones gate the scan. */
export function markBaseline(findings: Findings, baseline: Baseline): Findings {
  const known = new Set(baseline.entries.map((entry) => entry.fingerprint));
  return findings.withMarks((finding) =>
    finding.status === 'fail' && finding.suppression === undefined ? { baseline: known.has(finding.fingerprint) ? 'known' : 'new' } : undefined,
  );
}
