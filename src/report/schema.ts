import { z } from 'zod';
import { UserError } from '../errors.ts';
import { describeFirstIssue } from '../format-path.ts';
import { SEVERITIES, STATUSES } from '../checks/types.ts';
import type { Finding, ResourceRef, ResourceType } from '../checks/types.ts';
import { findingsOf } from './findings.ts';
import type { Report } from './types.ts';

const RESOURCE_TYPES = [
  'account',
  'bucket',
  'access-point',
  'object-lambda-access-point',
  'multi-region-access-point',
  'glacier-vault',
] as const satisfies readonly ResourceType[];

const count = z.number().int().nonnegative();
const statusCounts = z.strictObject({ pass: count, fail: count, unknown: count });

const findingSchema = z.strictObject({
  checkId: z.string().min(1),
  status: z.enum(STATUSES),
  severity: z.enum(SEVERITIES),
  resource: z.strictObject({
    type: z.enum(RESOURCE_TYPES),
    arn: z.string().min(1),
    name: z.string(),
    region: z.string(),
    account: z.string(),
    bucket: z.string().exactOptional(),
  }),
  messageId: z.string(),
  message: z.string(),
  evidence: z.record(z.string(), z.unknown()).exactOptional(),
  fingerprint: z.string(),
  suppression: z.strictObject({ reason: z.string(), expires: z.string().exactOptional() }).exactOptional(),
  baseline: z.enum(['new', 'known']).exactOptional(),
});

/** Compile-time guard: a field added to Finding or ResourceRef must be added to the schema merge reads. */
type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : false;
type ParsedFinding = z.output<typeof findingSchema>;
type Assert<T extends true> = T;
export type SchemaCoversFinding = [Assert<SameKeys<ParsedFinding, Finding>>, Assert<SameKeys<ParsedFinding['resource'], ResourceRef>>];

/** The JSON report (design §6) as this version writes it: what `s3-audit merge` reads back. */
const reportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  account: z.string(),
  partition: z.string(),
  accounts: z
    .array(
      z.strictObject({
        id: z.string(),
        name: z.string().exactOptional(),
        status: z.enum(['scanned', 'failed']),
        error: z.strictObject({ code: z.string(), message: z.string() }).exactOptional(),
      }),
    )
    .exactOptional(),
  shard: z.strictObject({ index: z.number().int().positive(), count: z.number().int().positive() }).exactOptional(),
  startedAt: z.string(),
  finishedAt: z.string(),
  complete: z.boolean(),
  summary: z.strictObject({
    resources: count,
    checks: count,
    byStatus: statusCounts,
    bySeverity: z.strictObject({ critical: statusCounts, high: statusCounts, medium: statusCounts, low: statusCounts, info: statusCounts }),
    suppressed: count,
    baseline: z.strictObject({ new: count, known: count }).exactOptional(),
  }),
  findings: z.array(findingSchema),
  errors: z.array(z.strictObject({ operation: z.string(), resource: z.string(), code: z.string(), message: z.string() })),
  notes: z.array(z.string()),
});

const JSON_REPORT_HINT = "write one with 's3-audit scan --format json --output FILE'";

/** A JSON report written by this version; anything else is a UserError naming `where` and the problem. */
export function parseReport(text: string, where: string): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${where}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof value !== 'object' || value === null || !('schemaVersion' in value) || !('findings' in value)) {
    throw new UserError(`${where}: not an s3-audit JSON report (${JSON_REPORT_HINT})`);
  }
  if (value.schemaVersion !== 1) {
    throw new UserError(`${where}: report schema version ${String(value.schemaVersion)}; this s3-audit reads version 1 (use the s3-audit that wrote it)`);
  }
  const parsed = reportSchema.safeParse(value);
  if (!parsed.success) {
    throw new UserError(`${where}: invalid report: ${describeFirstIssue(parsed.error)}`);
  }
  return { ...parsed.data, findings: findingsOf(parsed.data.findings) };
}
