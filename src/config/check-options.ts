import type { AnyCheck } from '../checks/types.ts';
import { problemsFromIssues, unknownKeyMessage } from './problems.ts';
import type { Problem } from './problems.ts';
import type { ConfigPath } from './yaml-source.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type OptionsResult = { readonly ok: true; readonly options: unknown } | { readonly ok: false; readonly problems: Problem[] };

/**
 * A check's effective options: what the config gives, merged key by key over the check's
 * defaults, then validated by the check's own schema. Generic over the registry: it knows no check.
 * A key the schema would silently strip is still an error, so a typo cannot disable a policy.
 */
export function resolveCheckOptions(check: AnyCheck, given: unknown, path: ConfigPath): OptionsResult {
  const spec = check.options;
  if (spec === undefined) {
    return { ok: false, problems: [{ path, part: 'key', message: `${check.id} has no options` }] };
  }
  const defaults: unknown = spec.defaults;
  const optionNames = isRecord(defaults) ? Object.keys(defaults) : [];
  if (isRecord(defaults) && !isRecord(given)) {
    return { ok: false, problems: [{ path, part: 'value', message: `expected a mapping of ${optionNames.join(', ')}` }] };
  }
  const merged = isRecord(defaults) && isRecord(given) ? { ...defaults, ...given } : given;
  const result = spec.schema.safeParse(merged);
  if (!result.success) {
    return { ok: false, problems: problemsFromIssues(result.error.issues, merged, path, (at) => (at.length === 0 ? optionNames : []), 'option') };
  }
  const options: unknown = result.data;
  if (isRecord(given) && isRecord(options)) {
    const stripped = Object.keys(given).filter((key) => !(key in options));
    if (stripped.length > 0) {
      return {
        ok: false,
        problems: stripped.map((key) => ({ path: [...path, key], part: 'key', message: unknownKeyMessage('option', key, optionNames) })),
      };
    }
  }
  return { ok: true, options };
}
