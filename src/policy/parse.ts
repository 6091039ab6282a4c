import { CONDITION_OPERATORS, PRINCIPAL_TYPES } from './types.ts';
import type {
  Condition,
  ConditionOperator,
  Effect,
  ParseResult,
  PatternElement,
  Policy,
  PrincipalElement,
  PrincipalEntry,
  SetQualifier,
  Statement,
} from './types.ts';

/** Thrown inside this module only; parsePolicy turns it into an error value. */
class PolicyError extends Error {}

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Element names are case-sensitive in IAM, but a tolerant reader costs nothing and never hides a statement. */
function field(object: Json, name: string): unknown {
  if (name in object) return object[name];
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

function stringList(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.map((item) => {
    if (typeof item !== 'string' || item === '') throw new PolicyError(`${where} must be a string or a list of strings, got ${describe(item)}`);
    return item;
  });
}

function conditionValues(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.map((item) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item))) return String(item);
    throw new PolicyError(`${where} must be a string, number, boolean or a list of them, got ${describe(item)}`);
  });
}

function pair(statement: Json, name: string, where: string): { not: boolean; value: unknown } | undefined {
  const value = field(statement, name);
  const negated = field(statement, `Not${name}`);
  if (value !== undefined && negated !== undefined) throw new PolicyError(`${where} has both ${name} and Not${name}`);
  if (value !== undefined) return { not: false, value };
  if (negated !== undefined) return { not: true, value: negated };
  return undefined;
}

function principalElement(statement: Json, where: string): PrincipalElement | undefined {
  const found = pair(statement, 'Principal', where);
  if (found === undefined) return undefined;
  const name = `${where} ${found.not ? 'NotPrincipal' : 'Principal'}`;
  if (found.value === '*') return { not: found.not, entries: [{ type: 'AWS', value: '*' }] };
  if (!isObject(found.value)) throw new PolicyError(`${name} must be "*" or an object, got ${describe(found.value)}`);
  const entries: PrincipalEntry[] = [];
  for (const [rawType, values] of Object.entries(found.value)) {
    const type = PRINCIPAL_TYPES.find((candidate) => candidate.toLowerCase() === rawType.toLowerCase());
    if (type === undefined) throw new PolicyError(`${name} has an unknown principal type '${rawType}'`);
    for (const value of stringList(values, `${name}.${rawType}`)) entries.push({ type, value });
  }
  return { not: found.not, entries };
}

function patternElement(statement: Json, name: 'Action' | 'Resource', where: string): PatternElement | undefined {
  const found = pair(statement, name, where);
  if (found === undefined) return undefined;
  return { not: found.not, patterns: stringList(found.value, `${where} ${found.not ? 'Not' : ''}${name}`) };
}

const OPERATOR_BY_NAME = new Map<string, ConditionOperator>(CONDITION_OPERATORS.map((op) => [op.toLowerCase(), op]));

function parseOperator(raw: string, where: string): Pick<Condition, 'operator' | 'ifExists' | 'qualifier'> {
  let name = raw.trim();
  let qualifier: SetQualifier | undefined;
  const colon = name.indexOf(':');
  if (colon !== -1) {
    const prefix = name.slice(0, colon).toLowerCase();
    if (prefix === 'foranyvalue') qualifier = 'ForAnyValue';
    else if (prefix === 'forallvalues') qualifier = 'ForAllValues';
    else throw new PolicyError(`${where} has an unknown set operator '${raw}'`);
    name = name.slice(colon + 1);
  }
  let ifExists = false;
  if (name.toLowerCase().endsWith('ifexists') && name.toLowerCase() !== 'ifexists') {
    ifExists = true;
    name = name.slice(0, -'IfExists'.length);
  }
  const operator = OPERATOR_BY_NAME.get(name.toLowerCase());
  if (operator === undefined || (operator === 'Null' && ifExists)) {
    throw new PolicyError(`${where} has an unknown condition operator '${raw}'`);
  }
  return qualifier === undefined ? { operator, ifExists } : { operator, ifExists, qualifier };
}

function conditions(statement: Json, where: string): Condition[] {
  const block = field(statement, 'Condition');
  if (block === undefined) return [];
  if (!isObject(block)) throw new PolicyError(`${where} Condition must be an object, got ${describe(block)}`);
  const result: Condition[] = [];
  for (const [rawOperator, keys] of Object.entries(block)) {
    const operator = parseOperator(rawOperator, `${where} Condition`);
    if (!isObject(keys)) throw new PolicyError(`${where} Condition ${rawOperator} must be an object, got ${describe(keys)}`);
    for (const [key, values] of Object.entries(keys)) {
      result.push({ ...operator, key: key.toLowerCase(), values: conditionValues(values, `${where} Condition ${rawOperator}.${key}`) });
    }
  }
  return result;
}

function effect(statement: Json, where: string): Effect {
  const value = field(statement, 'Effect');
  if (typeof value === 'string' && value.toLowerCase() === 'allow') return 'Allow';
  if (typeof value === 'string' && value.toLowerCase() === 'deny') return 'Deny';
  throw new PolicyError(`${where} Effect must be "Allow" or "Deny", got ${value === undefined ? 'nothing' : describe(value)}`);
}

function statement(raw: unknown, index: number): Statement {
  const where = `Statement ${index + 1}`;
  if (!isObject(raw)) throw new PolicyError(`${where} must be an object, got ${describe(raw)}`);
  const sid = field(raw, 'Sid');
  if (sid !== undefined && typeof sid !== 'string') throw new PolicyError(`${where} Sid must be a string, got ${describe(sid)}`);
  const action = patternElement(raw, 'Action', where);
  if (action === undefined) throw new PolicyError(`${where} has neither Action nor NotAction`);
  const principal = principalElement(raw, where);
  const resource = patternElement(raw, 'Resource', where);
  return {
    index,
    ...(sid === undefined || sid === '' ? {} : { sid }),
    effect: effect(raw, where),
    ...(principal === undefined ? {} : { principal }),
    action,
    ...(resource === undefined ? {} : { resource }),
    conditions: conditions(raw, where),
  };
}

/** Normalizes an already-parsed JSON document; throws nothing, returns the first problem found. */
export function normalizePolicy(document: unknown): ParseResult {
  try {
    if (!isObject(document)) throw new PolicyError(`a policy must be a JSON object, got ${describe(document)}`);
    const version = field(document, 'Version');
    const id = field(document, 'Id');
    const raw = field(document, 'Statement');
    if (raw === undefined) throw new PolicyError('the policy has no Statement');
    const statements = (Array.isArray(raw) ? (raw as unknown[]) : [raw]).map(statement);
    return {
      ok: true,
      policy: {
        ...(typeof version === 'string' ? { version } : {}),
        ...(typeof id === 'string' ? { id } : {}),
        statements,
      },
    };
  } catch (error) {
    if (error instanceof PolicyError) return { ok: false, error: error.message };
    throw error;
  }
}

/** S3 refuses a bucket policy above 20 KB; a larger one came from elsewhere and is not judged. */
export const BUCKET_POLICY_MAX_BYTES = 20 * 1024;
/** Whitespace does not count towards the limit, but a text this far past it is not worth parsing. */
const MAX_TEXT_FACTOR = 8;

/** Parses and normalizes a bucket policy; one larger than S3 accepts is an error too. */
export function parsePolicy(text: string, maxBytes = BUCKET_POLICY_MAX_BYTES): ParseResult {
  const tooLarge = (bytes: number): ParseResult => ({
    ok: false,
    error: `${bytes} bytes without whitespace, more than the ${maxBytes} bytes S3 accepts for a bucket policy`,
  });
  if (text.length > maxBytes * MAX_TEXT_FACTOR) return tooLarge(Buffer.byteLength(text.replace(/\s+/g, '')));
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const bytes = Buffer.byteLength(JSON.stringify(document));
  if (bytes > maxBytes) return tooLarge(bytes);
  return normalizePolicy(document);
}

const CACHE_LIMIT = 256;
const cache = new Map<string, ParseResult>();

/**
 * parsePolicy, memoized by text: several checks read the same bucket policy, and accounts often
 * reuse one policy text across many buckets. Bounded so memory stays flat over a million buckets.
 */
export function parsePolicyCached(text: string): ParseResult {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const result = parsePolicy(text);
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(text, result);
  return result;
}

function operatorName(condition: Condition): string {
  const name = `${condition.operator}${condition.ifExists ? 'IfExists' : ''}`;
  return condition.qualifier === undefined ? name : `${condition.qualifier}:${name}`;
}

/** The normalized policy as a JSON document again; normalizing it gives back the same policy. */
export function toPolicyDocument(policy: Policy): Json {
  const statements = policy.statements.map((s) => {
    const principal: Record<string, string[]> = {};
    for (const entry of s.principal?.entries ?? []) (principal[entry.type] ??= []).push(entry.value);
    const condition: Record<string, Record<string, string[]>> = {};
    for (const c of s.conditions) (condition[operatorName(c)] ??= {})[c.key] = [...c.values];
    return {
      ...(s.sid === undefined ? {} : { Sid: s.sid }),
      Effect: s.effect,
      ...(s.principal === undefined ? {} : { [s.principal.not ? 'NotPrincipal' : 'Principal']: principal }),
      [s.action.not ? 'NotAction' : 'Action']: [...s.action.patterns],
      ...(s.resource === undefined ? {} : { [s.resource.not ? 'NotResource' : 'Resource']: [...s.resource.patterns] }),
      ...(s.conditions.length === 0 ? {} : { Condition: condition }),
    };
  });
  return {
    ...(policy.version === undefined ? {} : { Version: policy.version }),
    ...(policy.id === undefined ? {} : { Id: policy.id }),
    Statement: statements,
  };
}
