import { z } from 'zod';
import { SEVERITIES } from '../checks/types.ts';

/** How a message names what the user wrote instead of what was expected. */
export function describeValue(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `'${value}'`;
  return typeof value === 'number' || typeof value === 'boolean' ? `${typeof value} ${String(value)}` : typeof value;
}

const nonEmptyText = (what: string) =>
  z.string({ error: (issue) => `expected ${what}, got ${describeValue(issue.input)}` }).min(1, `expected ${what}, got an empty string`);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date as YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const notADate = (issue: { readonly input: unknown }): string => `expected a date as YYYY-MM-DD, got ${describeValue(issue.input)}`;
const isoDate = z.string({ error: notADate }).refine(isIsoDate, { error: notADate });

const ACCOUNT_ID = /^\d{12}$/;

// YAML reads bare digits as a number: 12-digit numbers are taken as they are, shorter ones
// would have lost leading zeros, so they must be quoted.
const accountId = z.unknown().transform((value, context) => {
  if (typeof value === 'string' && ACCOUNT_ID.test(value)) return value;
  if (typeof value === 'number' && ACCOUNT_ID.test(String(value))) return String(value);
  const hint = typeof value === 'number' ? " (quote account ids, e.g. '012345678901': YAML drops the leading zeros of a bare number)" : '';
  context.addIssue({ code: 'custom', message: `expected a 12-digit AWS account id, got ${describeValue(value)}${hint}` });
  return z.NEVER;
});

export const checkSettingsSchema = z.strictObject(
  {
    enabled: z.boolean({ error: (issue) => `expected true or false, got ${describeValue(issue.input)}` }).exactOptional(),
    severity: z.enum(SEVERITIES, { error: (issue) => `expected one of ${SEVERITIES.join(', ')}, got ${describeValue(issue.input)}` }).exactOptional(),
    // Validated against the check's own options schema once the check id is known.
    options: z.unknown().exactOptional(),
  },
  { error: (issue) => `expected a mapping of enabled, severity, options, got ${describeValue(issue.input)}` },
);

export const suppressionSchema = z.strictObject(
  {
    check: nonEmptyText('a check id or glob'),
    resource: nonEmptyText('an ARN glob').refine((glob) => glob.startsWith('arn:') || glob === '*', {
      error: (issue) => `expected an ARN glob such as arn:aws:s3:::my-bucket or arn:aws:s3:::logs-*, got ${describeValue(issue.input)}`,
    }),
    reason: z
      .string({ error: (issue) => `expected text saying why the finding is accepted, got ${describeValue(issue.input)}` })
      .trim()
      .min(1, 'must say why the finding is accepted'),
    expires: isoDate.exactOptional(),
  },
  { error: (issue) => `expected a mapping of check, resource, reason, expires, got ${describeValue(issue.input)}` },
);

/** The shape of `.s3-audit.yml`; check ids, option values and globs are validated against the registry afterwards. */
export const configFileSchema = z.strictObject(
  {
    checks: z
      .record(z.string(), checkSettingsSchema, { error: (issue) => `expected a mapping of check ids, got ${describeValue(issue.input)}` })
      .nullable()
      .exactOptional(),
    trustedAccounts: z
      .array(accountId, { error: (issue) => `expected a list of 12-digit AWS account ids, got ${describeValue(issue.input)}` })
      .nullable()
      .exactOptional(),
    suppressions: z
      .array(suppressionSchema, { error: (issue) => `expected a list of suppressions, got ${describeValue(issue.input)}` })
      .nullable()
      .exactOptional(),
  },
  { error: (issue) => `expected a mapping of checks, trustedAccounts, suppressions, got ${describeValue(issue.input)}` },
);

export type ConfigFile = z.infer<typeof configFileSchema>;

/** The keys a mapping at this place may hold, for "unknown key" messages with suggestions. */
export function allowedKeys(path: readonly (string | number)[]): readonly string[] {
  if (path.length === 0) return Object.keys(configFileSchema.shape);
  if (path[0] === 'checks' && path.length === 2) return Object.keys(checkSettingsSchema.shape);
  if (path[0] === 'suppressions' && path.length === 2) return Object.keys(suppressionSchema.shape);
  return [];
}
