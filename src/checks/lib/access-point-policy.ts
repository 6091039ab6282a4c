import { publicGrants } from '../../policy/public.ts';
import type { PolicyResourceKind } from '../../policy/public.ts';
import type { Observed } from '../../snapshot/observed.ts';
import type { BucketPolicy, PolicyStatus } from '../../snapshot/types.ts';
import type { Verdict } from '../types.ts';
import { readBucketPolicy, sourceNote } from './bucket-policy.ts';
import type { FlagSource } from './effective-public-access-block.ts';
import { unreadable } from './unreadable.ts';

/** The messages of a check that asks "is this access point policy public?"; {{subject}} names the access point and its bucket. */
export const ACCESS_POINT_POLICY_MESSAGES = {
  public: 'The policy of {{subject}} is public and RestrictPublicBuckets is off at the {{levels}}: {{reason}}{{note}}.',
  neutralized:
    'The policy of {{subject}} is public ({{reason}}{{note}}), but RestrictPublicBuckets is on at the {{level}} level, ' +
    'so only AWS services and principals of this account get that access.',
  restrictUnknown:
    'The policy of {{subject}} is public ({{reason}}{{note}}), and whether RestrictPublicBuckets neutralizes it is unknown: ' +
    'a Block Public Access configuration could not be read.',
  notPublic: 'The policy of {{subject}} grants access only to fixed principals, networks or accounts{{note}}.',
  restricted:
    'RestrictPublicBuckets is on at the {{level}} level, so even a public policy on {{subject}} gives only AWS services ' +
    'and principals of this account access.',
  noPolicy: 'The {{subject}} has no policy of its own, so no access point policy grants public access.',
  unparseable: 'The policy of {{subject}} is not a valid policy document ({{error}}), so {{question}} is unknown.',
} as const;
export type AccessPointPolicyMessageId = keyof typeof ACCESS_POINT_POLICY_MESSAGES;

export interface AccessPointPolicyQuestion {
  /** e.g. "access point team-a (bucket shared-data)". */
  readonly subject: string;
  readonly kind: PolicyResourceKind;
  readonly policy: Observed<BucketPolicy>;
  readonly status: Observed<PolicyStatus> | undefined;
  /** The operation that reads the policy, e.g. GetAccessPointPolicy. */
  readonly policyOperation: string;
  /** The operation whose IsPublic is AWS's verdict, e.g. GetAccessPointPolicyStatus. */
  readonly statusOperation: string;
  /** Effective RestrictPublicBuckets, and the words for its levels ('account', 'access point'). */
  readonly restrict: FlagSource;
  readonly levelNames: Readonly<Record<'account' | 'bucket' | 'both', string>>;
  /** Where RestrictPublicBuckets is read, in words, for a public policy it does not neutralize. */
  readonly levels: string;
}

/**
 * AWS's "is it public?" for an access point's own policy: our evaluation of the document (with the
 * access point rules of policy/public.ts) cross-checked against AWS's IsPublic, then neutralized
 * where RestrictPublicBuckets is in effect.
 */
export function accessPointPolicyVerdict(question: AccessPointPolicyQuestion): Verdict<AccessPointPolicyMessageId | 'unreadable' | 'notSupported'> {
  const { subject, restrict } = question;
  const read = readBucketPolicy(question.policy);
  if (read.state === 'absent') return { status: 'pass', messageId: 'noPolicy', data: { subject } };
  const oracle = question.status?.state === 'present' ? question.status.value.isPublic : undefined;
  if (read.state !== 'parsed' && oracle === undefined) {
    if (restrict !== 'off' && restrict !== 'unknown') {
      return { status: 'pass', messageId: 'restricted', data: { subject, level: question.levelNames[restrict] } };
    }
    if (read.state === 'invalid') return { status: 'unknown', messageId: 'unparseable', data: { subject, error: read.error, question: 'whether it is public' } };
    return unreadable(`the policy of ${subject}`, read.error);
  }
  const grants = read.state === 'parsed' ? publicGrants(read.policy, question.kind) : undefined;
  const evaluator = grants === undefined ? undefined : grants.length > 0;
  const isPublic = oracle ?? evaluator === true;
  const note = sourceNote(read, oracle, evaluator, { policy: question.policyOperation, status: question.statusOperation });
  const evidence = { isPublicPerAws: oracle ?? null, isPublicPerEvaluator: evaluator ?? null, restrictPublicBuckets: restrict };
  if (!isPublic) {
    const reasons = evaluator === true ? ` (${(grants ?? []).map((g) => g.reason).join('; ')})` : '';
    return { status: 'pass', messageId: 'notPublic', data: { subject, note: `${note}${reasons}` }, evidence };
  }
  const reason =
    grants !== undefined && grants.length > 0 ? grants.map((g) => g.reason).join('; ') : `${question.statusOperation} reports IsPublic=true`;
  if (restrict === 'off') return { status: 'fail', messageId: 'public', data: { subject, reason, note, levels: question.levels }, evidence };
  if (restrict === 'unknown') return { status: 'unknown', messageId: 'restrictUnknown', data: { subject, reason, note }, evidence };
  return { status: 'pass', messageId: 'neutralized', data: { subject, reason, note, level: question.levelNames[restrict] }, evidence };
}
