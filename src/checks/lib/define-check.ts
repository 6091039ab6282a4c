import type { Check, EvaluatedResourceType, IndexCheck } from '../types.ts';

/**
 * Identity at runtime; at compile time it infers the message ids from `messages`, so
 * `evaluate` can only return ids the check declares (plus the built-in ones).
 */
export function defineCheck<R extends EvaluatedResourceType, M extends string, O = undefined>(
  check: Check<R, M, O>,
): Check<R, M, O> {
  return check;
}

/** defineCheck for checks that read the bucket index (see IndexCheck). */
export function defineIndexCheck<M extends string, O = undefined>(check: IndexCheck<M, O>): IndexCheck<M, O> {
  return check;
}
