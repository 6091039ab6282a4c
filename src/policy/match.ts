import type { PatternElement, PrincipalElement, PrincipalEntry, RequestPrincipal } from './types.ts';

const STAR = 0x2a;
const QUESTION = 0x3f;

/** Upper-case ASCII letters read as lower case; every other code unit as itself. */
function foldAscii(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

function isAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * `pattern[ps, pe)` against `value[vs, ve)`, code unit by code unit, without allocating: a policy
 * check asks this thousands of times per bucket. On a mismatch after a `*`, the star takes one
 * more code unit and matching resumes; the last star is the only one that needs revisiting.
 */
function globMatch(pattern: string, ps: number, pe: number, value: string, vs: number, ve: number, fold: boolean): boolean {
  let p = ps;
  let v = vs;
  let star = -1;
  let resume = vs;
  while (v < ve) {
    if (p < pe) {
      const code = pattern.charCodeAt(p);
      if (code === STAR) {
        star = p;
        p += 1;
        resume = v;
        continue;
      }
      const other = value.charCodeAt(v);
      if (code === QUESTION || code === other || (fold && foldAscii(code) === foldAscii(other))) {
        p += 1;
        v += 1;
        continue;
      }
    }
    if (star === -1) return false;
    p = star + 1;
    resume += 1;
    v = resume;
  }
  while (p < pe && pattern.charCodeAt(p) === STAR) p += 1;
  return p === pe;
}

const REGEX_LIMIT = 2048;
const regexCache = new Map<string, RegExp>();

/** Case-insensitive matching beyond ASCII, as JavaScript folds case: rare enough for a regex. */
function unicodeFoldMatch(pattern: string, value: string): boolean {
  if (!hasWildcard(pattern)) return pattern.toLowerCase() === value.toLowerCase();
  let regex = regexCache.get(pattern);
  if (regex === undefined) {
    const source = pattern
      .split('')
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`, 'is');
    if (regexCache.size >= REGEX_LIMIT) regexCache.clear();
    regexCache.set(pattern, regex);
  }
  return regex.test(value);
}

function rangeMatch(pattern: string, ps: number, pe: number, value: string, vs: number, ve: number, ignoreCase: boolean): boolean {
  if (ignoreCase && !(isAscii(pattern, ps, pe) && isAscii(value, vs, ve))) {
    return unicodeFoldMatch(pattern.slice(ps, pe), value.slice(vs, ve));
  }
  return globMatch(pattern, ps, pe, value, vs, ve, ignoreCase);
}

/** IAM wildcards: `*` is any run of characters (including `/` and `:`), `?` is one character. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  return rangeMatch(pattern, 0, pattern.length, value, 0, value.length, ignoreCase);
}

export function hasWildcard(value: string): boolean {
  return value.includes('*') || value.includes('?');
}

/** Actions are case-insensitive (`s3:getobject` ≡ `s3:GetObject`). */
export function actionMatches(element: PatternElement, action: string): boolean {
  const listed = element.patterns.some((pattern) => wildcardMatch(pattern, action, true));
  return element.not ? !listed : listed;
}

/** Where an ARN's fifth colon is (`arn:partition:service:region:account:` ends there), or -1. */
function fifthColon(text: string): number {
  let at = -1;
  for (let colons = 0; colons < 5; colons++) {
    at = text.indexOf(':', at + 1);
    if (at === -1) return -1;
  }
  return at;
}

/**
 * ARNs: partition, service, region and account compare case-insensitively, the resource part
 * (bucket names, object keys) case-sensitively.
 */
export function arnMatches(pattern: string, arn: string): boolean {
  const p = fifthColon(pattern);
  const a = p === -1 ? -1 : fifthColon(arn);
  if (p === -1 || a === -1) return wildcardMatch(pattern, arn);
  return rangeMatch(pattern, p + 1, pattern.length, arn, a + 1, arn.length, false) && rangeMatch(pattern, 0, p, arn, 0, a, true);
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
