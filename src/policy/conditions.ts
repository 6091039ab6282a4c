import { cidrContains, parseCidr } from './ip.ts';
import { arnMatches, wildcardMatch } from './match.ts';
import type { Condition, ConditionKeys, ConditionOperator } from './types.ts';

type PositiveOperator = Exclude<
  ConditionOperator,
  | 'StringNotEquals'
  | 'StringNotEqualsIgnoreCase'
  | 'StringNotLike'
  | 'NumericNotEquals'
  | 'DateNotEquals'
  | 'NotIpAddress'
  | 'ArnNotEquals'
  | 'ArnNotLike'
  | 'Null'
>;

/** Negated operators match when the value matches none of the listed values. */
const NEGATED: Readonly<Partial<Record<ConditionOperator, PositiveOperator>>> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};

function toNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** Dates are ISO 8601 or epoch seconds. */
function toTime(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const value = Date.parse(trimmed);
  return Number.isNaN(value) ? undefined : value;
}

function ordered(
  parse: (text: string) => number | undefined,
  expected: string,
  actual: string,
  compare: (actual: number, expected: number) => boolean,
): boolean {
  const a = parse(actual);
  const e = parse(expected);
  return a !== undefined && e !== undefined && compare(a, e);
}

function valueMatches(operator: PositiveOperator, expected: string, actual: string): boolean {
  switch (operator) {
    case 'StringEquals':
    case 'BinaryEquals':
      return expected === actual;
    case 'StringEqualsIgnoreCase':
      return expected.toLowerCase() === actual.toLowerCase();
    case 'StringLike':
      return wildcardMatch(expected, actual);
    case 'Bool':
      return expected.trim().toLowerCase() === actual.trim().toLowerCase();
    case 'ArnEquals':
    case 'ArnLike':
      return arnMatches(expected, actual);
    case 'IpAddress': {
      const network = parseCidr(expected);
      const address = parseCidr(actual);
      return network !== undefined && address !== undefined && cidrContains(network, address);
    }
    case 'NumericEquals':
      return ordered(toNumber, expected, actual, (a, e) => a === e);
    case 'NumericLessThan':
      return ordered(toNumber, expected, actual, (a, e) => a < e);
    case 'NumericLessThanEquals':
      return ordered(toNumber, expected, actual, (a, e) => a <= e);
    case 'NumericGreaterThan':
      return ordered(toNumber, expected, actual, (a, e) => a > e);
    case 'NumericGreaterThanEquals':
      return ordered(toNumber, expected, actual, (a, e) => a >= e);
    case 'DateEquals':
      return ordered(toTime, expected, actual, (a, e) => a === e);
    case 'DateLessThan':
      return ordered(toTime, expected, actual, (a, e) => a < e);
    case 'DateLessThanEquals':
      return ordered(toTime, expected, actual, (a, e) => a <= e);
    case 'DateGreaterThan':
      return ordered(toTime, expected, actual, (a, e) => a > e);
    case 'DateGreaterThanEquals':
      return ordered(toTime, expected, actual, (a, e) => a >= e);
  }
}

/**
 * One condition against the request context (IAM UG, condition operators): values of one key
 * are ORed, negated operators must match none; a missing key makes positive operators false and
 * negated ones true, `…IfExists` true, ForAllValues true and ForAnyValue false.
 */
export function conditionHolds(condition: Condition, keys: ConditionKeys): boolean {
  const actual = keys.get(condition.key) ?? [];
  const present = actual.length > 0;
  if (condition.operator === 'Null') {
    return condition.values.some((value) => {
      const wanted = value.trim().toLowerCase();
      return (wanted === 'true' && !present) || (wanted === 'false' && present);
    });
  }
  const positive = NEGATED[condition.operator] ?? (condition.operator as PositiveOperator);
  const negated = positive !== condition.operator;
  if (!present) {
    if (condition.ifExists || condition.qualifier === 'ForAllValues') return true;
    if (condition.qualifier === 'ForAnyValue') return false;
    return negated;
  }
  const matchesListed = (value: string): boolean => condition.values.some((expected) => valueMatches(positive, expected, value));
  const satisfies = (value: string): boolean => (negated ? !matchesListed(value) : matchesListed(value));
  if (condition.qualifier === 'ForAllValues') return actual.every(satisfies);
  if (condition.qualifier === 'ForAnyValue') return actual.some(satisfies);
  const anyListed = actual.some(matchesListed);
  return negated ? !anyListed : anyListed;
}

export function conditionsHold(conditions: readonly Condition[], keys: ConditionKeys): boolean {
  return conditions.every((condition) => conditionHolds(condition, keys));
}
