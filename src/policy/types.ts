/** A policy document after normalization: every element in one shape, whatever form the JSON used. */
export interface Policy {
  readonly version?: string;
  readonly id?: string;
  readonly statements: readonly Statement[];
}

export type Effect = 'Allow' | 'Deny';

/** The principal types a resource policy can name; `"*"` is normalized to `AWS: ["*"]`. */
export const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

export interface PrincipalEntry {
  readonly type: PrincipalType;
  readonly value: string;
}

/** Principal / NotPrincipal, Action / NotAction, Resource / NotResource: one list plus which of the pair it was. */
export interface PrincipalElement {
  readonly not: boolean;
  readonly entries: readonly PrincipalEntry[];
}

export interface PatternElement {
  readonly not: boolean;
  readonly patterns: readonly string[];
}

export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

export interface Condition {
  /** Canonical operator name without qualifier or IfExists, e.g. `StringNotEquals`. */
  readonly operator: ConditionOperator;
  readonly ifExists: boolean;
  readonly qualifier?: SetQualifier;
  /** Lower-cased: condition key names are case-insensitive. */
  readonly key: string;
  /** Strings, booleans and numbers all become strings; a single value becomes a one-element list. */
  readonly values: readonly string[];
}

export interface Statement {
  /** Position in the document, for messages when there is no Sid. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  /** undefined: no Principal element (identity policies). */
  readonly principal?: PrincipalElement;
  readonly action: PatternElement;
  /** undefined: no Resource element (applies to the resource the policy is attached to). */
  readonly resource?: PatternElement;
  readonly conditions: readonly Condition[];
}

export const CONDITION_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** Who makes a request. `account` is the 12-digit id the principal belongs to. */
export type RequestPrincipal =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'aws'; readonly arn: string; readonly account: string }
  | { readonly kind: 'service'; readonly service: string };

/** Condition keys in the request context, lower-cased; a key that is not in the map is absent. */
export type ConditionKeys = ReadonlyMap<string, readonly string[]>;

export interface Request {
  readonly principal: RequestPrincipal;
  readonly action: string;
  readonly resource: string;
  readonly keys: ConditionKeys;
}

export type ParseResult = { readonly ok: true; readonly policy: Policy } | { readonly ok: false; readonly error: string };
