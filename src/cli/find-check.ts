import type { AnyCheck } from '../checks/types.ts';
import { closeMatches } from '../engine/close-matches.ts';
import { UserError } from '../errors.ts';

/** The check a user named, or a UserError suggesting the ids they probably meant. */
export function findCheck(checks: readonly AnyCheck[], id: string, command: string): AnyCheck {
  const check = checks.find((candidate) => candidate.id === id);
  if (check !== undefined) return check;
  const suggestions = closeMatches(id, checks.map((candidate) => candidate.id));
  const hint = suggestions.length > 0 ? `did you mean ${suggestions.join(', ')}?` : "run 's3-audit checks' for the list";
  throw new UserError(`${command}: unknown check id '${id}' — ${hint}`);
}
