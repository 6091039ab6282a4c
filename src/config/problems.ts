import type { z } from 'zod';
import { closeMatches } from '../engine/close-matches.ts';
import { UserError } from '../errors.ts';
import { formatPath } from '../format-path.ts';
import type { ConfigPath, YamlSource } from './yaml-source.ts';

/** One mistake in the config file: where (the key itself, or its value) and what is wrong. */
export interface Problem {
  readonly path: ConfigPath;
  readonly part: 'key' | 'value';
  readonly message: string;
}

export function unknownKeyMessage(what: string, key: string, allowed: readonly string[]): string {
  const suggestions = closeMatches(key, allowed);
  if (suggestions.length > 0) return `unknown ${what} (did you mean ${suggestions.join(', ')}?)`;
  return allowed.length > 0 ? `unknown ${what} (expected one of ${allowed.join(', ')})` : `unknown ${what}`;
}

function valueAt(value: unknown, path: ConfigPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = Reflect.get(current, segment);
  }
  return current;
}

/**
 * Turns zod issues into problems at `base` + the issue's path. `input` is what was parsed, so a
 * missing required key is reported on the mapping that lacks it rather than on a value that does not exist.
 */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  base: ConfigPath,
  keysAt: (path: ConfigPath) => readonly string[],
  keyWhat = 'key',
): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = issue.path.filter((segment) => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...base, ...path, key],
        part: 'key',
        message: unknownKeyMessage(keyWhat, key, keysAt(path)),
      }));
    }
    const last = path.at(-1);
    if (issue.code === 'invalid_type' && last !== undefined && valueAt(input, path) === undefined) {
      return [{ path: [...base, ...path.slice(0, -1)], part: 'value', message: `missing required key '${String(last)}'` }];
    }
    return [{ path: [...base, ...path], part: 'value', message: issue.message }];
  });
}

/** The first problem in file order, as one line: `file:line:col: path: message`, noting how many more there are. */
export function configError(problems: readonly Problem[], source: YamlSource): UserError {
  const [first, ...rest] = [...problems].sort((a, b) => source.offset(a.path, a.part) - source.offset(b.path, b.part));
  if (first === undefined) return new UserError('invalid configuration');
  const where = formatPath(first.path);
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more ${rest.length === 1 ? 'problem' : 'problems'} in this file)`;
  return new UserError(`${source.position(first.path, first.part)}: ${where === '' ? '' : `${where}: `}${first.message}${more}`);
}
