import { statementName } from './evaluate.ts';
import { isBroadCidr, parseCidr } from './ip.ts';
import { keyName } from './keys.ts';
import { accountOfPrincipal, hasWildcard } from './match.ts';
import type { Condition, Policy, Statement } from './types.ts';

/** What a resource policy is attached to: the same document means different things on each. */
export type PolicyResourceKind =
  | 'bucket'
  | 'access-point'
  | 'object-lambda-access-point'
  | 'multi-region-access-point'
  | 'glacier-vault'
  | 'kms-key';

export interface PublicGrant {
  readonly statement: Statement;
  /** Why AWS would call it public, in words. */
  readonly reason: string;
}

/**
 * Keys that make a grant non-public when the statement pins them to fixed values (S3 UG, "The
 * meaning of public"): who calls, from which network, on behalf of which resource or account.
 */
const RESTRICTING_KEYS: ReadonlySet<string> = new Set([
  'aws:sourceip',
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:userid',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
]);

/** Operators that can only narrow a grant to the listed values. */
const RESTRICTING_OPERATORS: ReadonlySet<string> = new Set([
  'StringEquals',
  'StringEqualsIgnoreCase',
  'StringLike',
  'ArnEquals',
  'ArnLike',
  'IpAddress',
]);

function isPolicyVariable(value: string): boolean {
  return value.includes('${');
}

/** Is this one value "fixed" for this key, in AWS's sense? Key-specific exceptions first. */
function isFixedValue(key: string, value: string, kind: PolicyResourceKind): boolean {
  if (isPolicyVariable(value)) return false;
  if (key === 'aws:sourceip') {
    const cidr = parseCidr(value);
    return cidr !== undefined && !isBroadCidr(cidr);
  }
  // A role session pattern AROLEID:* still pins one role.
  if (key === 'aws:userid') return !hasWildcard(value) || /^[A-Z0-9]+:\*$/i.test(value);
  if (key === 's3:dataaccesspointarn') {
    // On a bucket, access points of one fixed account are not public; an access point's own policy is.
    if (kind !== 'bucket') return false;
    const account = value.split(':')[4];
    return account !== undefined && /^\d{12}$/.test(account);
  }
  return !hasWildcard(value);
}

/** The condition that keeps a wide-principal grant non-public, if there is one. */
function restrictingCondition(statement: Statement, kind: PolicyResourceKind): Condition | undefined {
  return statement.conditions.find(
    (c) =>
      RESTRICTING_KEYS.has(c.key) &&
      RESTRICTING_OPERATORS.has(c.operator) &&
      !c.ifExists &&
      c.qualifier !== 'ForAllValues' &&
      c.values.length > 0 &&
      c.values.every((value) => isFixedValue(c.key, value, kind)),
  );
}

/** The principal part of a statement that lets anyone in, in words; undefined when it names fixed principals. */
function widePrincipal(statement: Statement): string | undefined {
  const principal = statement.principal;
  if (principal === undefined) return undefined;
  if (principal.not) return `NotPrincipal (everyone except ${principal.entries.map((e) => e.value).join(', ')})`;
  const wide = principal.entries.find(
    (e) => (e.type === 'AWS' && hasWildcard(e.value)) || e.type === 'Federated' || (e.type === 'CanonicalUser' && hasWildcard(e.value)),
  );
  if (wide === undefined) return undefined;
  return wide.type === 'AWS' && wide.value === '*' ? 'Principal "*"' : `Principal ${wide.type} "${wide.value}"`;
}

function wildcardNote(statement: Statement, kind: PolicyResourceKind): string {
  const loose = statement.conditions.find((c) => RESTRICTING_KEYS.has(c.key) && c.values.some((v) => !isFixedValue(c.key, v, kind)));
  if (loose === undefined) return 'with no condition that pins the caller to fixed values';
  const value = loose.values.find((v) => !isFixedValue(loose.key, v, kind)) ?? '';
  return `and ${keyName(loose.key)} "${value}" is not a fixed value`;
}

/**
 * AWS's "is this policy public?" (S3 UG, Block Public Access): an Allow is public unless it grants
 * only to fixed principals or pins a restricting key to fixed values. Deny statements are not
 * credited (AWS's own GetBucketPolicyStatus is the oracle where it exists).
 */
export function publicGrants(policy: Policy, kind: PolicyResourceKind): PublicGrant[] {
  const grants: PublicGrant[] = [];
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow') continue;
    const principal = widePrincipal(statement);
    if (principal === undefined || restrictingCondition(statement, kind) !== undefined) continue;
    const actions = `${statement.action.not ? 'every action except ' : ''}${statement.action.patterns.join(', ')}`;
    grants.push({
      statement,
      reason: `${statementName(statement)} allows ${actions} to ${principal} ${wildcardNote(statement, kind)}`,
    });
  }
  return grants;
}

export interface AccountGrant {
  readonly statement: Statement;
  /** A 12-digit account id, or `*` for any account. */
  readonly account: string;
  /** How the grant names it: the principal, or the condition that pins the account. */
  readonly via: string;
}

const SOURCE_KEYS = ['aws:sourceaccount', 'aws:sourceowner', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths'];

function accountsFromConditions(statement: Statement, keys: readonly string[]): { account: string; via: string }[] {
  return statement.conditions
    .filter((c) => keys.includes(c.key) && RESTRICTING_OPERATORS.has(c.operator) && !c.ifExists)
    .flatMap((c) =>
      c.values.flatMap((value) => {
        const account = c.key.endsWith('arn') ? value.split(':')[4] : value;
        return account !== undefined && /^\d{12}$/.test(account) ? [{ account, via: `${keyName(c.key)} ${value}` }] : [];
      }),
    );
}

/**
 * Every account an Allow grants to: AWS principals by their account, wide principals pinned by
 * aws:PrincipalAccount / aws:PrincipalArn, service principals by aws:SourceAccount / SourceArn.
 * `*` stands for any account: a public grant, or a service principal with nothing that names
 * whose resources it may act for (confused deputy).
 */
export function accountGrants(policy: Policy, kind: PolicyResourceKind): AccountGrant[] {
  const grants: AccountGrant[] = [];
  const publicStatements = new Set(publicGrants(policy, kind).map((grant) => grant.statement));
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow' || statement.principal === undefined) continue;
    if (publicStatements.has(statement)) {
      grants.push({ statement, account: '*', via: widePrincipal(statement) ?? 'Principal "*"' });
      continue;
    }
    for (const entry of statement.principal.entries) {
      if (entry.type === 'AWS' && hasWildcard(entry.value)) {
        for (const pinned of accountsFromConditions(statement, ['aws:principalaccount', 'aws:principalarn', 'aws:sourceaccount'])) {
          grants.push({ statement, ...pinned });
        }
      } else if (entry.type === 'AWS') {
        // A unique id (AROA…, left when a role is deleted) names nobody; a CloudFront origin access
        // identity (arn:aws:iam::cloudfront:user/…) belongs to a distribution of this account.
        const account = accountOfPrincipal(entry.value);
        if (account !== undefined && account !== 'cloudfront') grants.push({ statement, account, via: entry.value });
      } else if (entry.type === 'Service') {
        const sources = accountsFromConditions(statement, SOURCE_KEYS);
        const scoped = statement.conditions.some((c) => SOURCE_KEYS.includes(c.key) && RESTRICTING_OPERATORS.has(c.operator));
        for (const source of sources) grants.push({ statement, account: source.account, via: `${entry.value} with ${source.via}` });
        if (!scoped) {
          grants.push({ statement, account: '*', via: `${entry.value} without aws:SourceAccount or aws:SourceArn` });
        }
      }
    }
  }
  return grants;
}
