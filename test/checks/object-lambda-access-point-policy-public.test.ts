import check from '../../src/checks/object-lambda-access-point-policy-public.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import type { PublicAccessBlock } from '../../src/snapshot/types.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { bucketPolicy, parseError } from './policy-fixtures.ts';

const OLAP_ARN = 'arn:aws:s3-object-lambda:us-east-1:123456789012:accesspoint/redact';
const allOff: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const off = present(allOff);
const restrict = present({ ...allOff, restrictPublicBuckets: true });
const configuration = present({
  supportingAccessPoint: 'arn:aws:s3:us-east-1:123456789012:accesspoint/team-a',
  functionArns: ['arn:aws:lambda:us-east-1:123456789012:function:redact'],
});
const publicCall = { Sid: 'AnyoneMayCall', Effect: 'Allow', Principal: '*', Action: 's3-object-lambda:GetObject', Resource: OLAP_ARN };
const roleOnly = { ...publicCall, Sid: 'AppRole', Principal: { AWS: 'arn:aws:iam::123456789012:role/app' } };
const subject = 'Object Lambda access point redact (bucket example-bucket)';
const reason = '"AnyoneMayCall" allows s3-object-lambda:GetObject to Principal "*" with no condition that pins the caller to fixed values';

runCheckTests(check, {
  pass: [
    {
      name: 'no policy passes',
      objectLambdaAccessPoint: { bucket: 'example-bucket', objectLambdaConfiguration: configuration, objectLambdaPolicy: absent('NoSuchAccessPointPolicy'), objectLambdaPolicyStatus: absent() },
      account: { publicAccessBlock: off },
      expect: { messageId: 'noPolicy', message: `The ${subject} has no policy of its own, so no access point policy grants public access.` },
    },
    {
      name: 'a policy for one role passes',
      objectLambdaAccessPoint: { bucket: 'example-bucket', objectLambdaConfiguration: configuration, objectLambdaPolicy: bucketPolicy(roleOnly), objectLambdaPolicyStatus: present({ isPublic: false }) },
      account: { publicAccessBlock: off },
      expect: { messageId: 'notPublic', message: `The policy of ${subject} grants access only to fixed principals, networks or accounts.` },
    },
    {
      name: 'a public policy neutralized by account-level RestrictPublicBuckets passes',
      objectLambdaAccessPoint: { bucket: 'example-bucket', objectLambdaConfiguration: configuration, objectLambdaPolicy: bucketPolicy(publicCall), objectLambdaPolicyStatus: present({ isPublic: true }) },
      account: { publicAccessBlock: restrict },
      expect: {
        messageId: 'neutralized',
        message:
          `The policy of ${subject} is public (${reason}), but RestrictPublicBuckets is on at the account level, ` +
          'so only AWS services and principals of this account get that access.',
      },
    },
    {
      name: 'an unparseable policy still passes when the account restricts public policies',
      objectLambdaAccessPoint: { bucket: 'example-bucket', objectLambdaConfiguration: configuration, objectLambdaPolicy: present({ text: 'nope' }), objectLambdaPolicyStatus: observedError('GetAccessPointPolicyStatusForObjectLambda', 'AccessDenied', 'Access Denied') },
      account: { publicAccessBlock: restrict },
      expect: {
        messageId: 'restricted',
        message: `RestrictPublicBuckets is on at the account level, so even a public policy on ${subject} gives only AWS services and principals of this account access.`,
      },
    },
  ],
  fail: [
    {
      name: 'Principal "*" fails and names the bucket behind the supporting access point',
      objectLambdaAccessPoint: { bucket: 'example-bucket', objectLambdaConfiguration: configuration, objectLambdaPolicy: bucketPolicy(publicCall), objectLambdaPolicyStatus: present({ isPublic: true }) },
      account: { publicAccessBlock: off },
      expect: { messageId: 'public', message: `The policy of ${subject} is public and RestrictPublicBuckets is off at the account: ${reason}.` },
    },
    {
      name: 'AWS says public although the evaluator does not: AWS wins and the message says so',
      objectLambdaAccessPoint: {
        objectLambdaConfiguration: configuration,
        objectLambdaPolicy: bucketPolicy(roleOnly),
        objectLambdaPolicyStatus: present({ isPublic: true }),
      },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'public',
        message:
          'The policy of Object Lambda access point redact (supporting access point arn:aws:s3:us-east-1:123456789012:accesspoint/team-a) is public and ' +
          'RestrictPublicBuckets is off at the account: GetAccessPointPolicyStatusForObjectLambda reports IsPublic=true; ' +
          "GetAccessPointPolicyStatusForObjectLambda says public although s3-audit's evaluation finds no public statement.",
      },
    },
  ],
  unknown: [
    {
      name: 'a public policy with the account Block Public Access unreadable is unknown',
      objectLambdaAccessPoint: { bucket: 'example-bucket', objectLambdaConfiguration: configuration, objectLambdaPolicy: bucketPolicy(publicCall), objectLambdaPolicyStatus: present({ isPublic: true }) },
      account: { publicAccessBlock: observedError('GetPublicAccessBlock', 'AccessDenied', 'Access Denied') },
      expect: {
        messageId: 'restrictUnknown',
        message:
          `The policy of ${subject} is public (${reason}), and whether RestrictPublicBuckets neutralizes it is unknown: ` +
          'a Block Public Access configuration could not be read.',
      },
    },
    {
      name: 'an unreadable policy is unknown',
      objectLambdaAccessPoint: {
        bucket: 'example-bucket',
        objectLambdaConfiguration: configuration,
        objectLambdaPolicy: observedError('GetAccessPointPolicyForObjectLambda', 'AccessDenied', 'Access Denied'),
        objectLambdaPolicyStatus: observedError('GetAccessPointPolicyStatusForObjectLambda', 'AccessDenied', 'Access Denied'),
      },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'unreadable',
        message: `Could not read the policy of ${subject}: GetAccessPointPolicyForObjectLambda failed with AccessDenied (Access Denied).`,
      },
    },
    {
      name: 'a policy that does not parse, without AWS status, is unknown',
      objectLambdaAccessPoint: { bucket: 'example-bucket', objectLambdaConfiguration: configuration, objectLambdaPolicy: present({ text: 'nope' }), objectLambdaPolicyStatus: absent() },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'unparseable',
        message: `The policy of ${subject} is not a valid policy document (${parseError('nope')}), so whether it is public is unknown.`,
      },
    },
  ],
});
