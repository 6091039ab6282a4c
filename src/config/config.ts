import picomatch from 'picomatch';
import type { AnyCheck, Severity } from '../checks/types.ts';
import { checkIdHint } from '../engine/close-matches.ts';
import { checkGlobMatcher } from '../engine/suppress.ts';
import { resolveCheckOptions } from './check-options.ts';
import { configError, problemsFromIssues } from './problems.ts';
import type { Problem } from './problems.ts';
import { allowedKeys, configFileSchema } from './schema.ts';
import { parseYaml } from './yaml-source.ts';

/** What `checks.<id>` sets; options are already merged over the check's defaults and validated. */
export interface CheckSettings {
  readonly enabled?: boolean;
  readonly severity?: Severity;
  readonly options?: unknown;
}

/** One `suppressions:` entry, with the place it was written so warnings can point at it. */
export interface SuppressionRule {
  /** A check id or glob (picomatch). */
  readonly check: string;
  /** An ARN glob matched against the whole ARN (see resourceGlobMatcher). */
  readonly resource: string;
  readonly reason: string;
  /** YYYY-MM-DD: from 00:00 UTC on this day the entry no longer applies. */
  readonly expires?: string;
  /** `file:line:col` of the entry. */
  readonly source: string;
}

export interface Config {
  readonly checks: ReadonlyMap<string, CheckSettings>;
  readonly trustedAccounts: readonly string[];
  readonly suppressions: readonly SuppressionRule[];
}

export const EMPTY_CONFIG: Config = { checks: new Map(), trustedAccounts: [], suppressions: [] };

export const CONFIG_FILE_NAME = '.s3-audit.yml';

function unknownCheckMessage(pattern: string, ids: readonly string[]): string {
  return `${picomatch.scan(pattern).isGlob ? 'matches no check id' : 'unknown check id'} (${checkIdHint(pattern, ids)})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entriesOf(value: unknown, key: string): [string, unknown][] {
  return isRecord(value) && isRecord(value[key]) ? Object.entries(value[key]) : [];
}

function itemsOf(value: unknown, key: string): unknown[] {
  return isRecord(value) && Array.isArray(value[key]) ? value[key] : [];
}

/**
 * Parses and validates a config file against the checks it will run with. Pure: the caller
 * reads the file. Any mistake is a UserError `file:line:col: path: message`. The checks against
 * the registry run on the raw document too, so the count of further problems is complete.
 */
export function parseConfig(text: string, file: string, checks: readonly AnyCheck[]): Config {
  const source = parseYaml(text, file);
  const input = source.value ?? {};
  const parsed = configFileSchema.safeParse(input);
  const problems: Problem[] = parsed.success ? [] : problemsFromIssues(parsed.error.issues, input, [], allowedKeys);

  const ids = checks.map((check) => check.id);
  const options = new Map<string, unknown>();
  for (const [id, entry] of entriesOf(input, 'checks')) {
    const check = checks.find((candidate) => candidate.id === id);
    if (check === undefined) {
      problems.push({ path: ['checks', id], part: 'key', message: unknownCheckMessage(id, ids) });
    } else if (isRecord(entry) && entry.options !== undefined) {
      const resolved = resolveCheckOptions(check, entry.options, ['checks', id, 'options']);
      if (resolved.ok) options.set(id, resolved.options);
      else problems.push(...resolved.problems);
    }
  }
  for (const [index, entry] of itemsOf(input, 'suppressions').entries()) {
    if (!isRecord(entry) || typeof entry.check !== 'string' || entry.check === '') continue;
    const isMatch = checkGlobMatcher(entry.check);
    if (!ids.some((id) => isMatch(id))) {
      problems.push({ path: ['suppressions', index, 'check'], part: 'value', message: unknownCheckMessage(entry.check, ids) });
    }
  }
  if (problems.length > 0 || !parsed.success) throw configError(problems, source);

  const settings = new Map<string, CheckSettings>();
  for (const [id, entry] of Object.entries(parsed.data.checks ?? {})) {
    settings.set(id, {
      ...(entry.enabled === undefined ? {} : { enabled: entry.enabled }),
      ...(entry.severity === undefined ? {} : { severity: entry.severity }),
      ...(options.has(id) ? { options: options.get(id) } : {}),
    });
  }
  const suppressions = (parsed.data.suppressions ?? []).map(
    (entry, index): SuppressionRule => ({ ...entry, source: source.position(['suppressions', index]) }),
  );
  return { checks: settings, trustedAccounts: parsed.data.trustedAccounts ?? [], suppressions };
}
