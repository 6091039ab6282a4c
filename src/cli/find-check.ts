import type { AnyCheck } from '../checks/types.ts';
import { checkIdHint } from '../engine/close-matches.ts';
import { UserError } from '../errors.ts';

/** The check a user named, or a UserError suggesting the ids they probably meant. */
export function findCheck(checks: readonly AnyCheck[], id: string, command: string): AnyCheck {
  const check = checks.find((candidate) => candidate.id === id);
  if (check !== undefined) return check;
  const hint = checkIdHint(id, checks.map((candidate) => candidate.id));
  throw new UserError(`${command}: unknown check id '${id}' — ${hint}`);
}
