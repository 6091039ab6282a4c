import picomatch from 'picomatch';
import type { AnyCheck } from '../checks/types.ts';
import { UserError } from '../errors.ts';
import type { DataKey } from '../snapshot/types.ts';
import { closeMatches } from './close-matches.ts';
import type { ActiveCheck } from './evaluate.ts';

export interface CheckSelection {
  /** Ids or globs to run, enabled by default or not; empty means every check enabled by default. */
  readonly only: readonly string[];
  readonly skip: readonly string[];
}

function matcher(pattern: string, checks: readonly AnyCheck[], flag: string): (id: string) => boolean {
  const isMatch = picomatch(pattern);
  if (checks.some((check) => isMatch(check.id))) return isMatch;
  const ids = checks.map((check) => check.id);
  const suggestions = closeMatches(pattern, ids);
  const hint = suggestions.length > 0 ? `did you mean ${suggestions.join(', ')}?` : "run 's3-audit checks' for the list";
  throw new UserError(`${flag}: unknown check id '${pattern}' — ${hint}`);
}

export function selectChecks(checks: readonly AnyCheck[], selection: CheckSelection): ActiveCheck[] {
  const only = selection.only.map((pattern) => matcher(pattern, checks, '--checks'));
  const skip = selection.skip.map((pattern) => matcher(pattern, checks, '--skip-checks'));
  return checks
    .filter((check) => (only.length === 0 ? check.enabledByDefault : only.some((isMatch) => isMatch(check.id))))
    .filter((check) => !skip.some((isMatch) => isMatch(check.id)))
    .map((check) => {
      const options: unknown = check.options?.defaults;
      return { check, severity: check.severity, options };
    });
}

/** The union of what the selected checks read: the collector makes only these calls. */
export function neededData(checks: readonly ActiveCheck[]): Set<DataKey> {
  return new Set(checks.flatMap((active) => active.check.needs));
}
