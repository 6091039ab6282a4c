import { denyCoverage, describeGaps } from '../../policy/coverage.ts';
import type { DenyQuestion } from '../../policy/coverage.ts';
import { statementName } from '../../policy/evaluate.ts';
import { parsePolicyCached } from '../../policy/parse.ts';
import type { BucketScope } from '../../policy/s3-requests.ts';
import type { Policy } from '../../policy/types.ts';
import type { Observed, ObservedError } from '../../snapshot/observed.ts';
import type { BucketPolicy, BucketState } from '../../snapshot/types.ts';
import type { AccountContext, Verdict } from '../types.ts';

/** A bucket policy as checks see it: parsed once by policy/, never read raw. */
export type BucketPolicyRead =
  | { readonly state: 'absent' }
  | { readonly state: 'error'; readonly error: ObservedError }
  | { readonly state: 'invalid'; readonly error: string }
  | { readonly state: 'parsed'; readonly policy: Policy };

export function readBucketPolicy(observed: Observed<BucketPolicy>): BucketPolicyRead {
  if (observed.state === 'absent') return { state: 'absent' };
  if (observed.state === 'error') return { state: 'error', error: observed };
  const result = parsePolicyCached(observed.value.text);
  return result.ok ? { state: 'parsed', policy: result.policy } : { state: 'invalid', error: result.error };
}

/**
 * Where a public/not-public verdict comes from when it is not our evaluation and AWS's agreeing
 * (`status` is the operation whose IsPublic is AWS's verdict): said in the message. Off AWS
 * (`authoritative` false) the store's IsPublic is not AWS's verdict: our evaluation decides,
 * and a disagreement is only noted.
 */
export function sourceNote(
  read: BucketPolicyRead,
  oracle: boolean | undefined,
  evaluator: boolean | undefined,
  operations: { readonly policy: string; readonly status: string },
  authoritative = true,
): string {
  const { policy, status } = operations;
  if (read.state === 'invalid') return `; s3-audit could not parse the policy (${read.error}), so this is ${status}'s verdict`;
  if (read.state === 'error') return `; ${policy} failed with ${read.error.code}, so this is ${status}'s verdict`;
  if (!authoritative && oracle !== undefined && evaluator !== undefined && oracle !== evaluator) {
    return `; this endpoint's ${status} says ${oracle ? 'public' : 'not public'}, but it is not AWS's verdict off AWS, so s3-audit's evaluation decides`;
  }
  if (oracle === true && evaluator === false) return `; ${status} says public although s3-audit's evaluation finds no public statement`;
  if (oracle === false && evaluator === true) {
    return `; s3-audit's evaluation finds it public but ${status} says not public, and AWS's verdict is used`;
  }
  return '';
}

/** The account id that principals of this account carry in policy ARNs (AccountState.policyAccountId). */
export function policyAccountId(context: AccountContext): string {
  return context.account.policyAccountId ?? context.account.accountId;
}

export function bucketScope(bucket: BucketState, context: AccountContext): BucketScope {
  return { partition: context.account.partition, accountId: policyAccountId(context), bucket: bucket.name };
}

/** The message every policy check declares for a policy that does not parse. */
export const UNPARSEABLE_MESSAGE = 'The bucket policy is not a valid policy document ({{error}}), so {{question}} is unknown.';

export function unparseable(error: string, question: string): Verdict<'unparseable'> {
  return { status: 'unknown', messageId: 'unparseable', data: { error, question } };
}

export interface CoverageAnswer {
  readonly covered: boolean;
  /** The Deny statements about the question; none means nothing targets it. */
  readonly denying: readonly string[];
  /** The statements that do the denying, to name in a pass message. */
  readonly deciding: readonly string[];
  /** The gaps in words, joined; empty when covered or when nothing denies. */
  readonly gaps: string;
}

export function answerCoverage(policy: Policy, question: DenyQuestion): CoverageAnswer {
  const coverage = denyCoverage(policy, question);
  return {
    covered: coverage.covered,
    denying: coverage.targeting.map(statementName),
    deciding: coverage.deciding.map(statementName),
    gaps: describeGaps(coverage, question).join('; '),
  };
}

/**
 * The verdict of a check that requires a Deny: `enforced` when it covers the question, `noDeny`
 * when no Deny applies to it at all, `gaps` (with {{gaps}}) otherwise. `data` fills the rest.
 */
export function denyVerdict(
  answer: CoverageAnswer,
  data: Readonly<Record<string, string | number>> = {},
): Verdict<'enforced' | 'noDeny' | 'gaps'> {
  const evidence = { denyingStatements: answer.deciding };
  if (answer.covered) return { status: 'pass', messageId: 'enforced', data: { ...data, statements: answer.deciding.join(', ') }, evidence };
  if (answer.denying.length === 0) return { status: 'fail', messageId: 'noDeny', data, evidence };
  return { status: 'fail', messageId: 'gaps', data: { ...data, gaps: answer.gaps }, evidence };
}
