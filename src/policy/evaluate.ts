import { conditionsHold } from './conditions.ts';
import { actionMatches, principalMatches, resourceMatches } from './match.ts';
import type { ConditionKeys, Policy, Request, RequestPrincipal, Statement } from './types.ts';

/** Principal, action and resource match; conditions not looked at. */
export function scopeMatches(statement: Statement, request: Omit<Request, 'keys'>): boolean {
  return (
    principalMatches(statement.principal, request.principal) &&
    actionMatches(statement.action, request.action) &&
    resourceMatches(statement.resource, request.resource)
  );
}

export function statementApplies(statement: Statement, request: Request): boolean {
  return scopeMatches(statement, request) && conditionsHold(statement.conditions, request.keys);
}

export interface Decision {
  /** What this one policy says: an explicit Deny wins, else an Allow, else nothing (implicit deny). */
  readonly effect: 'explicit-deny' | 'allow' | 'implicit-deny';
  readonly denies: readonly Statement[];
  readonly allows: readonly Statement[];
}

export function evaluate(policy: Policy, request: Request): Decision {
  const applying = policy.statements.filter((statement) => statementApplies(statement, request));
  const denies = applying.filter((statement) => statement.effect === 'Deny');
  const allows = applying.filter((statement) => statement.effect === 'Allow');
  const effect = denies.length > 0 ? 'explicit-deny' : allows.length > 0 ? 'allow' : 'implicit-deny';
  return { effect, denies, allows };
}

/**
 * The condition keys AWS derives from who is asking; a caller cannot choose them. Anonymous
 * requests carry none of them.
 */
export function principalKeys(principal: RequestPrincipal): Map<string, readonly string[]> {
  switch (principal.kind) {
    case 'anonymous':
      return new Map();
    case 'service':
      return new Map([
        ['aws:principalisawsservice', ['true']],
        ['aws:principalservicename', [principal.service]],
      ]);
    case 'aws':
      return new Map([
        ['aws:principalaccount', [principal.account]],
        ['aws:principalarn', [principal.arn]],
        ['aws:principalisawsservice', ['false']],
      ]);
  }
}

/** Builds a request context from readable key names; `undefined` marks a key as absent. */
export function conditionKeys(entries: Readonly<Record<string, string | readonly string[] | undefined>>): ConditionKeys {
  const keys = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined) keys.set(key.toLowerCase(), typeof value === 'string' ? [value] : value);
  }
  return keys;
}

/** How messages name a statement: its Sid, else its position. */
export function statementName(statement: Statement): string {
  return statement.sid === undefined ? `statement ${statement.index + 1}` : `"${statement.sid}"`;
}
