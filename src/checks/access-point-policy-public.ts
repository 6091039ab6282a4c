import { ACCESS_POINT_POLICY_MESSAGES, accessPointPolicyVerdict } from './lib/access-point-policy.ts';
import { accessPointSubject } from './lib/access-point-subject.ts';
import { defineCheck } from './lib/define-check.ts';
import { effectiveFlag } from './lib/effective-public-access-block.ts';

export default defineCheck({
  id: 'access-point-policy-public',
  title: 'Access point policy does not grant public access',
  severity: 'high',
  resource: 'access-point',
  needs: ['accessPointListing', 'accessPointPolicy', 'accessPointPolicyStatus', 'accessPointPublicAccessBlock', 'accountPublicAccessBlock'],
  enabledByDefault: true,
  rationale:
    'An access point is its own door into a shared bucket, with its own policy: a policy that allows Principal "*" ' +
    '(or a wildcard, NotPrincipal, a web identity provider) without pinning the caller to fixed accounts or ' +
    'networks lets anyone reach the data the bucket policy delegates to the access point. Peer tools check only ' +
    "the access point's Block Public Access flags and never read this policy. AWS's rules differ from bucket " +
    'policies in two ways: an access point with a VPC network origin is never public, and s3:DataAccessPointArn ' +
    "does not make an access point's own policy non-public. RestrictPublicBuckets at the account or the access " +
    'point neutralizes a public policy.',
  remediation: {
    text:
      'Grant the access point policy to fixed principals (or pin it with aws:PrincipalOrgID, aws:SourceVpce …); ' +
      'create access points with a VPC network origin where the callers run in a VPC; turn on ' +
      'RestrictPublicBuckets for the account.',
    cli: 'aws s3control put-access-point-policy --account-id ACCOUNT --name ACCESS_POINT --policy file://policy.json',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html',
    ],
  },
  messages: {
    ...ACCESS_POINT_POLICY_MESSAGES,
    vpcOrigin:
      'The {{subject}} accepts requests only from VPC {{vpc}}, and AWS never treats an access point with a VPC network origin as public.',
  },
  evaluate(ap, context) {
    if (ap.accessPointPolicy === undefined) return undefined;
    const subject = accessPointSubject(ap, context.account.accountId);
    if (ap.networkOrigin === 'VPC') return { status: 'pass', messageId: 'vpcOrigin', data: { subject, vpc: ap.vpcId ?? '(unnamed)' } };
    return accessPointPolicyVerdict({
      subject,
      kind: 'access-point',
      policy: ap.accessPointPolicy,
      status: ap.accessPointPolicyStatus,
      policyOperation: 'GetAccessPointPolicy',
      statusOperation: 'GetAccessPointPolicyStatus',
      restrict: effectiveFlag('restrictPublicBuckets', context.account.publicAccessBlock, ap.accessPointPublicAccessBlock),
      levelNames: { account: 'account', bucket: 'access point', both: 'account and access point' },
      levels: 'account and at the access point',
    });
  },
});
