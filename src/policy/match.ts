import type { PatternElement, PrincipalElement, PrincipalEntry, RequestPrincipal } from './types.ts';

const REGEX_LIMIT = 2048;
const regexCache = new Map<string, RegExp>();

/** IAM wildcards: `*` is any run of characters (including `/` and `:`), `?` is one character. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) {
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = regexCache.get(cacheKey);
  if (regex === undefined) {
    const source = pattern
      .split('')
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    if (regexCache.size >= REGEX_LIMIT) regexCache.clear();
    regexCache.set(cacheKey, regex);
  }
  return regex.test(value);
}

export function hasWildcard(value: string): boolean {
  return value.includes('*') || value.includes('?');
}

/** Actions are case-insensitive (`s3:getobject` ≡ `s3:GetObject`). */
export function actionMatches(element: PatternElement, action: string): boolean {
  const listed = element.patterns.some((pattern) => wildcardMatch(pattern, action, true));
  return element.not ? !listed : listed;
}

/** Splits an ARN after its fifth colon: `arn:partition:service:region:account` and the resource part. */
function splitArn(text: string): readonly [string, string] | undefined {
  let at = -1;
  for (let colons = 0; colons < 5; colons++) {
    at = text.indexOf(':', at + 1);
    if (at === -1) return undefined;
  }
  return [text.slice(0, at), text.slice(at + 1)];
}

/**
 * ARNs: partition, service, region and account compare case-insensitively, the resource part
 * (bucket names, object keys) case-sensitively.
 */
export function arnMatches(pattern: string, arn: string): boolean {
  const p = splitArn(pattern);
  const a = p === undefined ? undefined : splitArn(arn);
  if (p === undefined || a === undefined) return wildcardMatch(pattern, arn);
  return wildcardMatch(p[1], a[1]) && wildcardMatch(p[0], a[0], true);
}

export function resourceMatches(element: PatternElement | undefined, resource: string): boolean {
  if (element === undefined) return true;
  const listed = element.patterns.some((pattern) => arnMatches(pattern, resource));
  return element.not ? !listed : listed;
}

const ACCOUNT_ID = /^\d{12}$/;
const IAM_ARN = /^arn:[^:]+:(?:iam|sts)::([^:]*):(.+)$/;

/** The account a principal entry names, if it names one: a 12-digit id or an IAM/STS ARN. */
export function accountOfPrincipal(value: string): string | undefined {
  if (ACCOUNT_ID.test(value)) return value;
  return IAM_ARN.exec(value)?.[1];
}

/** An `AWS` entry that stands for a whole account: `123456789012` or `arn:aws:iam::123456789012:root`. */
export function isAccountPrincipal(value: string): boolean {
  return ACCOUNT_ID.test(value) || /^arn:[^:]+:iam::[^:]+:root$/.test(value);
}

/** Does one Principal entry name the requester? An account entry names every principal of that account. */
export function principalEntryMatches(entry: PrincipalEntry, principal: RequestPrincipal): boolean {
  if (entry.type === 'AWS' && entry.value === '*') return true;
  switch (principal.kind) {
    case 'anonymous':
      return false;
    case 'service':
      return entry.type === 'Service' && wildcardMatch(entry.value, principal.service, true);
    case 'aws': {
      if (entry.type !== 'AWS') return false;
      if (isAccountPrincipal(entry.value)) return wildcardMatch(accountOfPrincipal(entry.value) ?? '', principal.account);
      return wildcardMatch(entry.value, principal.arn);
    }
  }
}

/**
 * Does one NotPrincipal entry exempt the requester? Unlike Principal, an account entry there names
 * the account identity only (its root user): AWS checks the account, the role and the session in
 * turn, and exempts a role's request only if its own ARN is listed too (IAM UG, NotPrincipal).
 * Listing a role without its account is still read as an exemption: never credit a Deny in doubt.
 */
export function notPrincipalEntryMatches(entry: PrincipalEntry, principal: RequestPrincipal): boolean {
  if (entry.type === 'AWS' && isAccountPrincipal(entry.value) && entry.value !== '*') {
    return principal.kind === 'aws' && /:root$/.test(principal.arn) && wildcardMatch(accountOfPrincipal(entry.value) ?? '', principal.account);
  }
  return principalEntryMatches(entry, principal);
}

/** A statement without Principal (an identity policy) applies to whoever holds the policy. */
export function principalMatches(element: PrincipalElement | undefined, principal: RequestPrincipal): boolean {
  if (element === undefined) return true;
  if (element.not) return !element.entries.some((entry) => notPrincipalEntryMatches(entry, principal));
  return element.entries.some((entry) => principalEntryMatches(entry, principal));
}
