import { ACCESS_POINT_POLICY_MESSAGES, accessPointPolicyVerdict } from './lib/access-point-policy.ts';
import { objectLambdaSubject } from './lib/access-point-subject.ts';
import { defineCheck } from './lib/define-check.ts';
import { effectiveFlag } from './lib/effective-public-access-block.ts';

export default defineCheck({
  id: 'object-lambda-access-point-policy-public',
  title: 'Object Lambda access point policy does not grant public access',
  severity: 'high',
  resource: 'object-lambda-access-point',
  needs: ['objectLambdaListing', 'objectLambdaConfiguration', 'objectLambdaPolicy', 'objectLambdaPolicyStatus', 'accountPublicAccessBlock'],
  enabledByDefault: true,
  rationale:
    'An Object Lambda access point runs a Lambda function on every GetObject, HeadObject or List request it ' +
    'accepts and returns what the function makes of the data behind its supporting access point. A policy that ' +
    'lets anyone call it exposes that data, transformed or not, and runs the function (and its cost) on demand ' +
    'for strangers. Account-level RestrictPublicBuckets neutralizes a public policy.',
  remediation: {
    text: 'Grant the Object Lambda access point policy to fixed principals only, and turn on RestrictPublicBuckets for the account.',
    cli: 'aws s3control put-access-point-policy-for-object-lambda --account-id ACCOUNT --name NAME --policy file://policy.json',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/olap-policies.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
    ],
  },
  messages: ACCESS_POINT_POLICY_MESSAGES,
  evaluate(olap, context) {
    if (olap.objectLambdaPolicy === undefined) return undefined;
    return accessPointPolicyVerdict({
      subject: objectLambdaSubject(olap),
      kind: 'object-lambda-access-point',
      policy: olap.objectLambdaPolicy,
      status: olap.objectLambdaPolicyStatus,
      policyOperation: 'GetAccessPointPolicyForObjectLambda',
      statusOperation: 'GetAccessPointPolicyStatusForObjectLambda',
      // No level of its own to read here: the account's setting decides.
      restrict: effectiveFlag('restrictPublicBuckets', context.account.publicAccessBlock, { state: 'absent' }),
      levelNames: { account: 'account', bucket: 'account', both: 'account' },
      levels: 'account',
    });
  },
});
