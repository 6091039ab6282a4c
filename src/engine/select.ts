import picomatch from 'picomatch';
import type { AnyCheck } from '../checks/types.ts';
import type { CheckSettings } from '../config/config.ts';
import { UserError } from '../errors.ts';
import type { DataKey } from '../snapshot/types.ts';
import { checkIdHint } from './close-matches.ts';
import type { ActiveCheck } from './evaluate.ts';

export interface CheckSelection {
  /** Ids or globs to run, enabled by default or not; empty means every check enabled by default. */
  readonly only: readonly string[];
  readonly skip: readonly string[];
}

function matcher(pattern: string, checks: readonly AnyCheck[], flag: string): (id: string) => boolean {
  const isMatch = picomatch(pattern);
  if (checks.some((check) => isMatch(check.id))) return isMatch;
  const hint = checkIdHint(pattern, checks.map((check) => check.id));
  throw new UserError(`${flag}: unknown check id '${pattern}' — ${hint}`);
}

/**
 * The command line wins over the config file: `--checks` runs exactly what it matches (whatever
 * `enabled` says), `--skip-checks` always removes; otherwise config `enabled` decides, else the
 * check's default. Config severity and options apply to every selected check.
 */
export function selectChecks(
  checks: readonly AnyCheck[],
  selection: CheckSelection,
  settings: ReadonlyMap<string, CheckSettings> = new Map(),
): ActiveCheck[] {
  const only = selection.only.map((pattern) => matcher(pattern, checks, '--checks'));
  const skip = selection.skip.map((pattern) => matcher(pattern, checks, '--skip-checks'));
  const isEnabled = (check: AnyCheck): boolean => settings.get(check.id)?.enabled ?? check.enabledByDefault;
  return checks
    .filter((check) => (only.length === 0 ? isEnabled(check) : only.some((isMatch) => isMatch(check.id))))
    .filter((check) => !skip.some((isMatch) => isMatch(check.id)))
    .map((check) => {
      const setting = settings.get(check.id);
      const options: unknown = setting !== undefined && 'options' in setting ? setting.options : check.options?.defaults;
      return { check, severity: setting?.severity ?? check.severity, options };
    });
}

/** The union of what the selected checks read: the collector makes only these calls. */
export function neededData(checks: readonly ActiveCheck[]): Set<DataKey> {
  return new Set(checks.flatMap((active) => active.check.needs));
}
