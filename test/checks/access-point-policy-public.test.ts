import check from '../../src/checks/access-point-policy-public.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import type { PublicAccessBlock } from '../../src/snapshot/types.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { bucketPolicy, parseError } from './policy-fixtures.ts';

const AP_ARN = 'arn:aws:s3:us-east-1:123456789012:accesspoint/team-a';
const allOff: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const off = present(allOff);
const restrict = present({ ...allOff, restrictPublicBuckets: true });
const denied = observedError('GetAccessPoint', 'AccessDenied', 'Access Denied');

const publicRead = { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${AP_ARN}/object/*` };
const orgOnly = { ...publicRead, Sid: 'OrgOnly', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
/** On a bucket policy a fixed-account s3:DataAccessPointArn keeps a grant non-public; on an access point policy it does not. */
const anyAccessPoint = {
  ...publicRead,
  Sid: 'AnyAccessPoint',
  Condition: { StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:us-east-1:123456789012:accesspoint/*' } },
};
const subject = 'access point team-a (bucket example-bucket)';
const publicReason = '"PublicRead" allows s3:GetObject to Principal "*" with no condition that pins the caller to fixed values';

runCheckTests(check, {
  pass: [
    {
      name: 'no access point policy passes',
      accessPoint: { accessPointPolicy: absent('NoSuchAccessPointPolicy'), accessPointPolicyStatus: absent('NoSuchAccessPointPolicy'), accessPointPublicAccessBlock: off },
      account: { publicAccessBlock: off },
      expect: { messageId: 'noPolicy', message: `The ${subject} has no policy of its own, so no access point policy grants public access.` },
    },
    {
      name: 'a VPC-origin access point is never public, whatever its policy says (AWS semantics)',
      accessPoint: {
        networkOrigin: 'VPC',
        vpcId: 'vpc-0abc',
        accessPointPolicy: bucketPolicy(publicRead),
        accessPointPolicyStatus: present({ isPublic: false }),
        accessPointPublicAccessBlock: off,
      },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'vpcOrigin',
        message: `The ${subject} accepts requests only from VPC vpc-0abc, and AWS never treats an access point with a VPC network origin as public.`,
      },
    },
    {
      name: 'Principal "*" pinned to one organization is not public',
      accessPoint: { accessPointPolicy: bucketPolicy(orgOnly), accessPointPolicyStatus: present({ isPublic: false }), accessPointPublicAccessBlock: off },
      account: { publicAccessBlock: off },
      expect: { messageId: 'notPublic', message: `The policy of ${subject} grants access only to fixed principals, networks or accounts.` },
    },
    {
      name: "a public policy neutralized by the access point's own RestrictPublicBuckets passes and names the level",
      accessPoint: { accessPointPolicy: bucketPolicy(publicRead), accessPointPolicyStatus: present({ isPublic: true }), accessPointPublicAccessBlock: restrict },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'neutralized',
        message:
          `The policy of ${subject} is public (${publicReason}), but RestrictPublicBuckets is on at the access point level, ` +
          'so only AWS services and principals of this account get that access.',
      },
    },
    {
      name: 'an unreadable policy still passes when RestrictPublicBuckets is on at the account',
      accessPoint: {
        accessPointPolicy: observedError('GetAccessPointPolicy', 'AccessDenied', 'Access Denied'),
        accessPointPolicyStatus: observedError('GetAccessPointPolicyStatus', 'AccessDenied', 'Access Denied'),
        accessPointPublicAccessBlock: off,
      },
      account: { publicAccessBlock: restrict },
      expect: {
        messageId: 'restricted',
        message:
          `RestrictPublicBuckets is on at the account level, so even a public policy on ${subject} gives only AWS services and principals of this account access.`,
      },
    },
  ],
  fail: [
    {
      name: 'Principal "*" on an Internet access point with RestrictPublicBuckets off everywhere fails',
      accessPoint: { accessPointPolicy: bucketPolicy(publicRead), accessPointPolicyStatus: present({ isPublic: true }), accessPointPublicAccessBlock: off },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'public',
        message: `The policy of ${subject} is public and RestrictPublicBuckets is off at the account and at the access point: ${publicReason}.`,
      },
    },
    {
      name: 'an s3:DataAccessPointArn wildcard makes an access point policy public (unlike a bucket policy)',
      accessPoint: { accessPointPolicy: bucketPolicy(anyAccessPoint), accessPointPolicyStatus: present({ isPublic: true }), accessPointPublicAccessBlock: off },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'public',
        message:
          `The policy of ${subject} is public and RestrictPublicBuckets is off at the account and at the access point: ` +
          '"AnyAccessPoint" allows s3:GetObject to Principal "*" and s3:DataAccessPointArn "arn:aws:s3:us-east-1:123456789012:accesspoint/*" is not a fixed value.',
      },
    },
    {
      name: "an unreadable policy fails on AWS's IsPublic, and the message says whose verdict it is",
      accessPoint: {
        accessPointPolicy: observedError('GetAccessPointPolicy', 'AccessDenied', 'Access Denied'),
        accessPointPolicyStatus: present({ isPublic: true }),
        accessPointPublicAccessBlock: off,
      },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'public',
        message:
          `The policy of ${subject} is public and RestrictPublicBuckets is off at the account and at the access point: ` +
          "GetAccessPointPolicyStatus reports IsPublic=true; GetAccessPointPolicy failed with AccessDenied, so this is GetAccessPointPolicyStatus's verdict.",
      },
    },
    {
      name: 'a cross-account access point names the account that owns the bucket',
      accessPoint: {
        bucket: 'partner-data',
        bucketAccountId: '111122223333',
        accessPointPolicy: bucketPolicy(publicRead),
        accessPointPolicyStatus: absent('NoSuchAccessPointPolicy'),
        accessPointPublicAccessBlock: off,
      },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'public',
        message:
          'The policy of access point team-a (bucket partner-data of account 111122223333) is public and RestrictPublicBuckets is off ' +
          `at the account and at the access point: ${publicReason}.`,
      },
    },
  ],
  unknown: [
    {
      name: 'a public policy with the access point Block Public Access unreadable is unknown',
      accessPoint: { accessPointPolicy: bucketPolicy(publicRead), accessPointPolicyStatus: present({ isPublic: true }), accessPointPublicAccessBlock: denied },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'restrictUnknown',
        message:
          `The policy of ${subject} is public (${publicReason}), and whether RestrictPublicBuckets neutralizes it is unknown: ` +
          'a Block Public Access configuration could not be read.',
      },
    },
    {
      name: 'an unreadable policy without AWS status is unknown',
      accessPoint: {
        accessPointPolicy: observedError('GetAccessPointPolicy', 'AccessDenied', 'Access Denied'),
        accessPointPolicyStatus: observedError('GetAccessPointPolicyStatus', 'AccessDenied', 'Access Denied'),
        accessPointPublicAccessBlock: off,
      },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'unreadable',
        message: `Could not read the policy of ${subject}: GetAccessPointPolicy failed with AccessDenied (Access Denied).`,
      },
    },
    {
      name: 'a policy that is not JSON, without AWS status, is unknown',
      accessPoint: { accessPointPolicy: present({ text: '{"Statement": [' }), accessPointPolicyStatus: observedError('GetAccessPointPolicyStatus', 'AccessDenied', 'Access Denied'), accessPointPublicAccessBlock: off },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'unparseable',
        message: `The policy of ${subject} is not a valid policy document (${parseError('{"Statement": [')}), so whether it is public is unknown.`,
      },
    },
  ],
});
