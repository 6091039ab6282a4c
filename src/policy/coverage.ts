import { conditionHolds } from './conditions.ts';
import { principalKeys } from './evaluate.ts';
import { ALWAYS_PRESENT_KEYS, keyName, PRINCIPAL_KEYS } from './keys.ts';
import { actionMatches, arnMatches, notPrincipalEntryMatches, principalMatches, resourceMatches } from './match.ts';
import type { Condition, Policy, RequestPrincipal, Statement } from './types.ts';

export interface ProbePrincipal {
  /** How messages name it: "anonymous requests", "arn:aws:iam::111122223333:role/x". */
  readonly label: string;
  readonly principal: RequestPrincipal;
}

export interface ProbeTarget {
  readonly action: string;
  readonly resource: string;
  /** How messages name the resource: "arn:aws:s3:::b/*" for any object of bucket b. */
  readonly resourceLabel: string;
}

/** "Is every (principal × target) request with these key values explicitly denied?" */
export interface DenyQuestion {
  readonly principals: readonly ProbePrincipal[];
  readonly targets: readonly ProbeTarget[];
  /**
   * Keys the scenario fixes (lower-case; `undefined` = known absent). Every other key a Deny
   * mentions is the requester's choice: the Deny must hold for each value and for its absence.
   */
  readonly fixed: Readonly<Record<string, readonly string[] | undefined>>;
}

type Assignment = ReadonlyMap<string, readonly string[] | undefined>;

export interface Gap {
  readonly principal: ProbePrincipal;
  readonly target: ProbeTarget;
  /**
   * undefined: no Deny statement matches the principal, action and resource with the fixed keys.
   * Otherwise, key values the requester can choose that escape every such Deny.
   */
  readonly escape?: Assignment;
}

export interface Coverage {
  readonly covered: boolean;
  readonly gaps: readonly Gap[];
  /** The Deny statements that apply to at least one probe with the fixed keys. */
  readonly denying: readonly Statement[];
  /**
   * Those of them that are about the question: they test a fixed key, or hold whatever the
   * requester sends. A TLS Deny is not about an encryption header; gaps are told against these.
   */
  readonly targeting: readonly Statement[];
  /** The Deny statements that actually deny some probe whatever the requester chooses: the ones to name. */
  readonly deciding: readonly Statement[];
}

const ENUMERATION_LIMIT = 4096;
const OTHER_VALUE = 's3-audit-other-value';
/** Values a requester could send that no policy literal anticipates, by the kind of value an operator compares. */
const FRESH_VALUES: Readonly<Record<string, readonly string[]>> = {
  String: [OTHER_VALUE],
  Arn: ['arn:aws:iam::000000000000:role/s3-audit-other'],
  Numeric: ['0', '999999999999999'],
  Date: ['1970-01-01T00:00:00Z', '2999-12-31T00:00:00Z'],
  Bool: ['true', 'false'],
  Binary: [OTHER_VALUE],
  IpAddress: ['203.0.113.10', '2001:db8::10'],
  Null: [OTHER_VALUE],
};

function freshValues(operator: string): readonly string[] {
  const family = Object.keys(FRESH_VALUES).find((prefix) => operator.startsWith(prefix) || operator === `Not${prefix}`);
  return FRESH_VALUES[family ?? 'String'] ?? [OTHER_VALUE];
}

/** A concrete value a literal stands for: wildcards filled in, a CIDR reduced to its first address. */
function instance(value: string): string {
  if (/^[\d.:a-f]+\/\d{1,3}$/i.test(value)) return value.slice(0, value.indexOf('/'));
  return value.replace(/[*?]/g, 'x');
}

/** Values of one free key worth trying: absence, every literal the policy compares it with, its neighbours, fresh values. */
function candidates(key: string, conditions: readonly Condition[]): (readonly string[] | undefined)[] {
  const literals = new Set<string>();
  for (const condition of conditions) {
    for (const value of condition.values) {
      literals.add(instance(value));
      literals.add(value);
      const number = Number(value);
      if (value.trim() !== '' && Number.isFinite(number)) {
        for (const delta of [-1, -0.1, 0.1, 1]) literals.add(String(Math.round((number + delta) * 10) / 10));
      }
    }
  }
  const fresh = conditions.flatMap((condition) => freshValues(condition.operator));
  const singles = [...new Set([...literals, ...fresh])].map((value) => [value]);
  const multi = conditions.some((condition) => condition.qualifier !== undefined) ? [[...literals, OTHER_VALUE]] : [];
  return [...(ALWAYS_PRESENT_KEYS.has(key) ? [] : [undefined]), ...singles, ...multi];
}

function keysWith(base: ReadonlyMap<string, readonly string[]>, assignment: Assignment): Map<string, readonly string[]> {
  const keys = new Map(base);
  for (const [key, value] of assignment) {
    if (value === undefined) keys.delete(key);
    else keys.set(key, value);
  }
  return keys;
}

function* assignments(free: readonly (readonly [string, readonly (readonly string[] | undefined)[]])[]): Generator<Assignment> {
  const [first, ...rest] = free;
  if (first === undefined) {
    yield new Map();
    return;
  }
  for (const value of first[1]) {
    for (const tail of assignments(rest)) yield new Map([[first[0], value], ...tail]);
  }
}

/** Keys that made a statement's conditions false under this assignment: the ones worth naming. */
function failingKeys(statements: readonly Statement[], keys: ReadonlyMap<string, readonly string[]>, free: ReadonlySet<string>): Set<string> {
  const failing = new Set<string>();
  for (const statement of statements) {
    for (const condition of statement.conditions) {
      if (free.has(condition.key) && !conditionHolds(condition, keys)) failing.add(condition.key);
    }
  }
  return failing;
}

interface ProbeResult {
  readonly gap?: Gap;
  /** Deny statements that apply with the fixed keys, whatever the free keys say. */
  readonly denying: readonly Statement[];
  /** The statements that deny this probe whatever the free keys are (all of `denying` when only their union does). */
  readonly deciding: readonly Statement[];
}

/** What every probe of one question shares: which keys are free, their candidate values, memoized escapes. */
interface QuestionContext {
  readonly isFree: (key: string) => boolean;
  readonly candidates: ReadonlyMap<string, readonly (readonly string[] | undefined)[]>;
  /** A value of a condition's free key that makes it false, if any; independent of the probe, so computed once. */
  readonly escapeFrom: (condition: Condition) => Assignment | undefined;
  readonly isTargeting: (statement: Statement) => boolean;
}

function questionContext(policy: Policy, question: DenyQuestion): QuestionContext {
  const isFree = (key: string): boolean => !(key in question.fixed) && !PRINCIPAL_KEYS.has(key);
  const byKey = new Map<string, Condition[]>();
  for (const statement of policy.statements) {
    if (statement.effect !== 'Deny') continue;
    for (const condition of statement.conditions) {
      if (isFree(condition.key)) byKey.set(condition.key, [...(byKey.get(condition.key) ?? []), condition]);
    }
  }
  const candidateMap = new Map([...byKey].map(([key, conditions]) => [key, candidates(key, conditions)] as const));
  const memo = new Map<Condition, Assignment | undefined>();
  const escapeFrom = (condition: Condition): Assignment | undefined => {
    if (memo.has(condition)) return memo.get(condition);
    const values = candidateMap.get(condition.key) ?? [];
    const failing = values.findIndex((value) => !conditionHolds(condition, new Map(value === undefined ? [] : [[condition.key, value]])));
    const escape = failing === -1 ? undefined : new Map([[condition.key, values[failing]]]);
    memo.set(condition, escape);
    return escape;
  };
  const isTargeting = (statement: Statement): boolean =>
    statement.conditions.some((c) => c.key in question.fixed) || statement.conditions.every((c) => !isFree(c.key) || escapeFrom(c) === undefined);
  return { isFree, candidates: candidateMap, escapeFrom, isTargeting };
}

/** One probe principal with what every probe of it shares: its condition keys and the Deny statements that can apply to it. */
interface PrincipalProbes {
  readonly principal: ProbePrincipal;
  /** The keys AWS derives from the principal, with the question's fixed keys. */
  readonly base: Map<string, readonly string[]>;
  /** Deny statements naming the principal whose conditions on fixed keys hold. */
  readonly denies: readonly Statement[];
}

function principalProbes(policy: Policy, question: DenyQuestion, shared: QuestionContext, principal: ProbePrincipal): PrincipalProbes {
  const { isFree } = shared;
  const base = principalKeys(principal.principal);
  for (const [key, value] of Object.entries(question.fixed)) {
    if (value === undefined) base.delete(key);
    else base.set(key, value);
  }
  const denies = policy.statements.filter(
    (statement) =>
      statement.effect === 'Deny' &&
      principalMatches(statement.principal, principal.principal) &&
      statement.conditions.every((condition) => isFree(condition.key) || conditionHolds(condition, base)),
  );
  return { principal, base, denies };
}

/** The Deny statements whose Action and Resource cover the target, whoever asks. */
function targetDenies(policy: Policy, target: ProbeTarget): ReadonlySet<Statement> {
  return new Set(
    policy.statements.filter(
      (statement) => statement.effect === 'Deny' && actionMatches(statement.action, target.action) && resourceMatches(statement.resource, target.resource),
    ),
  );
}

function probeGap(shared: QuestionContext, probes: PrincipalProbes, target: ProbeTarget, covering: ReadonlySet<Statement>): ProbeResult {
  const { isFree, escapeFrom } = shared;
  const { principal, base } = probes;
  const denying = probes.denies.filter((statement) => covering.has(statement));
  if (denying.length === 0) return { gap: { principal, target }, denying, deciding: [] };
  // Escaping only Deny statements that are not about the question is a gap of scope, not of a key value.
  const escaped = (escape: Assignment): Gap => (denying.some(shared.isTargeting) ? { principal, target, escape } : { principal, target });
  const deciding = denying.filter((statement) => statement.conditions.every((c) => !isFree(c.key) || escapeFrom(c) === undefined));
  if (deciding.length > 0) return { denying, deciding };

  const freeKeys = new Set(denying.flatMap((statement) => statement.conditions.map((c) => c.key).filter(isFree)));
  const free = [...freeKeys]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => [key, shared.candidates.get(key) ?? []] as const);
  const combinations = free.reduce((product, [, values]) => product * values.length, 1);
  if (combinations > ENUMERATION_LIMIT) {
    // Too many keys to try every combination: no statement holds on its own, so report its first escape.
    const first = denying.flatMap((s) => s.conditions).find((c) => isFree(c.key) && escapeFrom(c) !== undefined);
    return { gap: escaped((first && escapeFrom(first)) ?? new Map()), denying, deciding };
  }
  // Several statements may still cover the probe together (one when a key is absent, another when present).
  for (const assignment of assignments(free)) {
    const keys = keysWith(base, assignment);
    if (!denying.some((statement) => statement.conditions.every((condition) => conditionHolds(condition, keys)))) {
      const failing = failingKeys(denying, keys, freeKeys);
      return { gap: escaped(new Map([...assignment].filter(([key]) => failing.has(key)))), denying, deciding };
    }
  }
  return { denying, deciding: denying };
}

/**
 * Answers a DenyQuestion by evaluating every probe request against the normalized policy. A
 * statement applies to a probe when it names the principal (with its conditions on fixed keys)
 * and covers the target: each half is worked out once per principal and once per target.
 */
export function denyCoverage(policy: Policy, question: DenyQuestion): Coverage {
  const gaps: Gap[] = [];
  const denying = new Set<Statement>();
  const deciding = new Set<Statement>();
  const shared = questionContext(policy, question);
  const covering = question.targets.map((target) => targetDenies(policy, target));
  for (const principal of question.principals) {
    const probes = principalProbes(policy, question, shared, principal);
    question.targets.forEach((target, at) => {
      const result = probeGap(shared, probes, target, covering[at] ?? new Set());
      for (const statement of result.denying) denying.add(statement);
      for (const statement of result.deciding) deciding.add(statement);
      if (result.gap !== undefined) gaps.push(result.gap);
    });
  }
  return {
    covered: gaps.length === 0,
    gaps,
    denying: policy.statements.filter((statement) => denying.has(statement)),
    targeting: policy.statements.filter((statement) => denying.has(statement) && shared.isTargeting(statement)),
    deciding: policy.statements.filter((statement) => deciding.has(statement)),
  };
}

function listed(items: readonly string[], limit = 4): string {
  const unique = [...new Set(items)];
  if (unique.length <= limit) return unique.join(', ');
  return `${unique.slice(0, limit).join(', ')} and ${unique.length - limit} more`;
}

function describeEscape(escape: Assignment): string {
  const parts = [...escape].map(([key, value]) => {
    const name = keyName(key);
    if (value === undefined) return `without ${name}`;
    return value.length === 1 ? `with ${name}=${value[0] ?? ''}` : `with ${name}=[${value.join(', ')}]`;
  });
  return parts.length === 0 ? 'a request' : `a request ${parts.join(' and ')}`;
}

/**
 * The gaps in words, most general first: principals the Deny leaves out, resources, actions, then
 * key values that escape it. Empty when nothing denies anything (callers say that themselves).
 */
export function describeGaps(coverage: Coverage, question: DenyQuestion): string[] {
  const denying = coverage.targeting;
  if (denying.length === 0 || coverage.covered) return [];
  const sentences: string[] = [];
  const structural = coverage.gaps.filter((gap) => gap.escape === undefined);
  const allOpen = (principal: ProbePrincipal): boolean =>
    structural.filter((gap) => gap.principal === principal).length === question.targets.length;

  const leftOut = question.principals.filter(allOpen);
  const named = (p: ProbePrincipal): boolean => denying.some((s) => principalMatches(s.principal, p.principal));
  const exempted = leftOut.filter(
    (p) => !named(p) && denying.some((s) => s.principal?.not === true && s.principal.entries.some((e) => notPrincipalEntryMatches(e, p.principal))),
  );
  if (exempted.length > 0) sentences.push(`NotPrincipal exempts ${listed(exempted.map((p) => p.label))}`);
  const unnamed = leftOut.filter((p) => !named(p) && !exempted.includes(p));
  if (unnamed.length > 0) {
    const names = denying.flatMap((s) => (s.principal?.not === false ? s.principal.entries.map((e) => e.value) : []));
    sentences.push(`the Deny applies only to ${listed(names)}, not to ${listed(unnamed.map((p) => p.label))}`);
  }
  const excluded = leftOut.filter(named);
  if (excluded.length > 0) {
    const keys = denying.flatMap((s) => s.conditions.filter((c) => PRINCIPAL_KEYS.has(c.key)).map((c) => keyName(c.key)));
    const on = keys.length > 0 ? `condition on ${listed(keys)} leaves` : 'conditions leave';
    sentences.push(`the Deny's ${on} out ${listed(excluded.map((p) => p.label))}`);
  }

  const rest = structural.filter((gap) => !leftOut.includes(gap.principal));
  const resources = [...new Set(question.targets.map((t) => t.resourceLabel))];
  const resourceOf = (label: string): string => question.targets.find((t) => t.resourceLabel === label)?.resource ?? '';
  const unmatched = resources.filter(
    (label) => rest.some((gap) => gap.target.resourceLabel === label) && !denying.some((s) => resourceMatches(s.resource, resourceOf(label))),
  );
  const notResource = unmatched.filter((label) =>
    denying.some((s) => s.resource?.not === true && s.resource.patterns.some((pattern) => arnMatches(pattern, resourceOf(label)))),
  );
  if (notResource.length > 0) sentences.push(`NotResource exempts ${listed(notResource)}`);
  const uncovered = unmatched.filter((label) => !notResource.includes(label));
  if (uncovered.length > 0) {
    const covered = resources.filter((label) => !unmatched.includes(label));
    sentences.push(covered.length > 0 ? `Deny covers ${listed(covered)} but not ${listed(uncovered)}` : `no Deny covers ${listed(uncovered)}`);
  }

  const actionGapList = rest.filter((gap) => !unmatched.includes(gap.target.resourceLabel));
  const actionGaps = actionGapList.map((gap) => gap.target.action);
  const notAction = actionGaps.filter((action) => denying.some((s) => s.action.not && !actionMatches(s.action, action)));
  if (notAction.length > 0) sentences.push(`NotAction exempts ${listed(notAction)}`);
  const missed = actionGapList.filter((gap) => !notAction.includes(gap.target.action));
  if (missed.length > 0) {
    // Gaps for only some principals: name them, and the NotPrincipal that exempts them where one does.
    const who = [...new Set(missed.map((gap) => gap.principal))];
    const actions = listed(missed.map((gap) => gap.target.action));
    const considered = question.principals.filter((p) => !leftOut.includes(p));
    if (who.length === considered.length) sentences.push(`Deny does not cover ${actions}`);
    else {
      const exempt = who.every((p) => denying.some((s) => s.principal?.not === true && s.principal.entries.some((e) => notPrincipalEntryMatches(e, p.principal))));
      const labels = listed(who.map((p) => p.label));
      sentences.push(exempt ? `NotPrincipal exempts ${labels} from ${actions}` : `Deny does not cover ${actions} for ${labels}`);
    }
  }

  const escapes = [...new Set(coverage.gaps.flatMap((gap) => (gap.escape === undefined ? [] : [describeEscape(gap.escape)])))];
  if (escapes.length > 0) sentences.push(`${escapes.slice(0, 2).join(' or ')} is not denied`);
  return sentences;
}
