import { readBucketPolicy, sourceNote, UNPARSEABLE_MESSAGE, unparseable } from './lib/bucket-policy.ts';
import { defineCheck } from './lib/define-check.ts';
import { effectiveFlag } from './lib/effective-public-access-block.ts';
import type { FlagSource } from './lib/effective-public-access-block.ts';
import { unreadable } from './lib/unreadable.ts';
import { publicGrants } from '../policy/public.ts';
import { BUCKET_PUBLIC_ACCESS_BLOCK } from './lib/remediation-snippets.ts';

const RESTRICTED_AT: Readonly<Record<Extract<FlagSource, 'account' | 'bucket' | 'both'>, string>> = {
  account: 'account',
  bucket: 'bucket',
  both: 'account and bucket',
};

export default defineCheck({
  id: 'bucket-policy-public',
  title: 'Bucket policy does not grant public access',
  severity: 'critical',
  resource: 'bucket',
  needs: ['policy', 'policyStatus', 'publicAccessBlock', 'accountPublicAccessBlock'],
  enabledByDefault: true,
  rationale:
    'A bucket policy that allows Principal "*" (or a wildcard, a web identity provider, NotPrincipal) without ' +
    'pinning the caller to fixed accounts, networks or source resources lets anyone on the internet read or ' +
    'write the bucket. RestrictPublicBuckets neutralizes such a policy: only AWS services and principals of the ' +
    'bucket owner account keep the access it grants.',
  remediation: {
    text:
      'Remove the public statement, or pin it with a fixed-value condition (aws:SourceVpce, aws:PrincipalOrgID, ' +
      'aws:SourceArn …); and turn on RestrictPublicBuckets (account-wide if possible).',
    ...BUCKET_PUBLIC_ACCESS_BLOCK,
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
    ],
    securityHub: 'S3.2',
    awsConfig: 's3-bucket-public-read-prohibited',
    prowler: 's3_bucket_public_access',
  },
  messages: {
    public: 'The bucket policy is public and RestrictPublicBuckets is off: {{reason}}{{note}}.',
    neutralized:
      'The bucket policy is public ({{reason}}{{note}}), but RestrictPublicBuckets is on at the {{level}} level, ' +
      'so only AWS services and principals of this account get that access.',
    restrictNotEnforced:
      'The bucket policy is public ({{reason}}{{note}}), and RestrictPublicBuckets ({{restrict}}) is not relied on to ' +
      'neutralize it: this S3-compatible endpoint is not AWS and need not enforce it (Ceph RGW does not).',
    restrictUnknown:
      'The bucket policy is public ({{reason}}{{note}}), and whether RestrictPublicBuckets neutralizes it is unknown: ' +
      'a Block Public Access configuration could not be read.',
    notPublic: 'The bucket policy grants access only to fixed principals, networks or accounts{{note}}.',
    restricted:
      'RestrictPublicBuckets is on at the {{level}} level, so even a public bucket policy gives only AWS services ' +
      'and principals of this account access.',
    noPolicy: 'No bucket policy, so no policy grants public access.',
    unparseable: UNPARSEABLE_MESSAGE,
  },
  evaluate(bucket, context) {
    if (bucket.policy === undefined) return undefined;
    const read = readBucketPolicy(bucket.policy);
    if (read.state === 'absent') return { status: 'pass', messageId: 'noPolicy' };
    // Off AWS, neither the store's IsPublic nor RestrictPublicBuckets carries AWS's guarantees.
    const onAws = context.account.s3Compatible !== true;
    const restrict = effectiveFlag('restrictPublicBuckets', context.account.publicAccessBlock, bucket.publicAccessBlock);
    const status = bucket.policyStatus;
    const reported = status?.state === 'present' ? status.value.isPublic : undefined;
    const oracle = onAws ? reported : undefined;
    if (read.state !== 'parsed' && oracle === undefined) {
      // Neither our evaluation nor AWS's: only RestrictPublicBuckets can still answer.
      if (onAws && restrict !== 'off' && restrict !== 'unknown') return { status: 'pass', messageId: 'restricted', data: { level: RESTRICTED_AT[restrict] } };
      return read.state === 'invalid' ? unparseable(read.error, 'whether it is public') : unreadable('the bucket policy', read.error);
    }
    const grants = read.state === 'parsed' ? publicGrants(read.policy, 'bucket') : undefined;
    const evaluator = grants === undefined ? undefined : grants.length > 0;
    const isPublic = oracle ?? evaluator === true;
    const note = sourceNote(read, reported, evaluator, { policy: 'GetBucketPolicy', status: 'GetBucketPolicyStatus' }, onAws);
    const evidence = { isPublicPerGetBucketPolicyStatus: reported ?? null, isPublicPerEvaluator: evaluator ?? null, restrictPublicBuckets: restrict };
    if (!isPublic) {
      const reasons = evaluator === true ? ` (${(grants ?? []).map((g) => g.reason).join('; ')})` : '';
      return { status: 'pass', messageId: 'notPublic', data: { note: `${note}${reasons}` }, evidence };
    }
    const reason = grants !== undefined && grants.length > 0 ? grants.map((g) => g.reason).join('; ') : 'GetBucketPolicyStatus reports IsPublic=true';
    if (restrict === 'off') return { status: 'fail', messageId: 'public', data: { reason, note }, evidence };
    if (!onAws) {
      const setting = restrict === 'unknown' ? 'unreadable' : `on at the ${RESTRICTED_AT[restrict]} level`;
      return { status: 'fail', messageId: 'restrictNotEnforced', data: { reason, note, restrict: setting }, evidence };
    }
    if (restrict === 'unknown') return { status: 'unknown', messageId: 'restrictUnknown', data: { reason, note }, evidence };
    return { status: 'pass', messageId: 'neutralized', data: { reason, note, level: RESTRICTED_AT[restrict] }, evidence };
  },
});
