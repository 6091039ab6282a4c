import check from '../../src/checks/bucket-policy-public.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import type { PublicAccessBlock } from '../../src/snapshot/types.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { bucketPolicy, OBJECTS_ARN, parseError } from './policy-fixtures.ts';

const allOff: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const restrict = present({ ...allOff, restrictPublicBuckets: true });
const off = present(allOff);
const denied = observedError('GetPublicAccessBlock', 'AccessDenied', 'Access Denied');

const publicRead = { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: OBJECTS_ARN };
const vpceOnly = { ...publicRead, Sid: 'VpceOnly', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } } };
const publicReason = '"PublicRead" allows s3:GetObject to Principal "*" with no condition that pins the caller to fixed values';
/** Collected from an S3-compatible store: its IsPublic and RestrictPublicBuckets are not AWS's. */
const offAws = { s3Compatible: true } as const;
const aliceOnly = { Sid: 'AliceOnly', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam:::user/alice' }, Action: 's3:GetObject', Resource: OBJECTS_ARN };

runCheckTests(check, {
  pass: [
    {
      name: 'no bucket policy passes',
      bucket: { policy: absent('NoSuchBucketPolicy'), policyStatus: absent('NoSuchBucketPolicy'), publicAccessBlock: off },
      account: { publicAccessBlock: off },
      expect: { messageId: 'noPolicy', message: 'No bucket policy, so no policy grants public access.' },
    },
    {
      name: 'Principal "*" pinned to one VPC endpoint is not public (Prowler #4257)',
      bucket: { policy: bucketPolicy(vpceOnly), policyStatus: present({ isPublic: false }), publicAccessBlock: off },
      account: { publicAccessBlock: off },
      expect: { messageId: 'notPublic', message: 'The bucket policy grants access only to fixed principals, networks or accounts.' },
    },
    {
      name: 'a public policy neutralized by account-level RestrictPublicBuckets passes and says so (Prowler #2052)',
      bucket: { policy: bucketPolicy(publicRead), policyStatus: present({ isPublic: true }), publicAccessBlock: off },
      account: { publicAccessBlock: restrict },
      expect: {
        messageId: 'neutralized',
        message:
          `The bucket policy is public (${publicReason}), but RestrictPublicBuckets is on at the account level, ` +
          'so only AWS services and principals of this account get that access.',
      },
    },
    {
      name: "GetBucketPolicyStatus wins when it says not public, and the disagreement is reported",
      bucket: { policy: bucketPolicy(publicRead), policyStatus: present({ isPublic: false }), publicAccessBlock: off },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'notPublic',
        message:
          "The bucket policy grants access only to fixed principals, networks or accounts; s3-audit's evaluation finds it " +
          `public but GetBucketPolicyStatus says not public, and AWS's verdict is used (${publicReason}).`,
      },
    },
    {
      name: "an unparseable policy takes GetBucketPolicyStatus's verdict and says so",
      bucket: { policy: present({ text: '{"Statement": [' }), policyStatus: present({ isPublic: false }), publicAccessBlock: off },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'notPublic',
        message:
          'The bucket policy grants access only to fixed principals, networks or accounts; s3-audit could not parse the policy ' +
          `(${parseError('{"Statement": [')}), so this is GetBucketPolicyStatus's verdict.`,
      },
    },
    {
      name: 'an unreadable policy does not matter when RestrictPublicBuckets is on at the bucket',
      bucket: {
        policy: observedError('GetBucketPolicy', 'AccessDenied', 'Access Denied'),
        policyStatus: observedError('GetBucketPolicyStatus', 'AccessDenied', 'Access Denied'),
        publicAccessBlock: restrict,
      },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'restricted',
        message:
          'RestrictPublicBuckets is on at the bucket level, so even a public bucket policy gives only AWS services and principals of this account access.',
      },
    },
    {
      name: "off AWS the store's IsPublic=true (Ceph RGW: any unconditioned Allow) is noted, and the evaluator decides",
      bucket: { policy: bucketPolicy(aliceOnly), policyStatus: present({ isPublic: true }), publicAccessBlock: off },
      account: { ...offAws, publicAccessBlock: off },
      expect: {
        messageId: 'notPublic',
        message:
          "The bucket policy grants access only to fixed principals, networks or accounts; this endpoint's GetBucketPolicyStatus " +
          "says public, but it is not AWS's verdict off AWS, so s3-audit's evaluation decides.",
      },
    },
  ],
  fail: [
    {
      name: "off AWS the store's IsPublic=false does not hide a public policy",
      bucket: { policy: bucketPolicy(publicRead), policyStatus: present({ isPublic: false }), publicAccessBlock: off },
      account: { ...offAws, publicAccessBlock: off },
      expect: {
        messageId: 'public',
        message:
          `The bucket policy is public and RestrictPublicBuckets is off: ${publicReason}; this endpoint's GetBucketPolicyStatus ` +
          "says not public, but it is not AWS's verdict off AWS, so s3-audit's evaluation decides.",
      },
    },
    {
      name: 'off AWS RestrictPublicBuckets is not relied on (Ceph RGW does not enforce it): a public policy fails',
      bucket: { policy: bucketPolicy(publicRead), policyStatus: present({ isPublic: true }), publicAccessBlock: restrict },
      account: { ...offAws, publicAccessBlock: observedError('GetPublicAccessBlock', 'NotSupportedByEndpoint', 'no S3 Control') },
      expect: {
        messageId: 'restrictNotEnforced',
        message:
          `The bucket policy is public (${publicReason}), and RestrictPublicBuckets (on at the bucket level) is not relied on to ` +
          'neutralize it: this S3-compatible endpoint is not AWS and need not enforce it (Ceph RGW does not).',
      },
    },
    {
      name: 'off AWS an unreadable Block Public Access does not make a public policy unknown',
      bucket: { policy: bucketPolicy(publicRead), policyStatus: present({ isPublic: true }), publicAccessBlock: denied },
      account: { ...offAws, publicAccessBlock: off },
      expect: {
        messageId: 'restrictNotEnforced',
        message:
          `The bucket policy is public (${publicReason}), and RestrictPublicBuckets (unreadable) is not relied on to ` +
          'neutralize it: this S3-compatible endpoint is not AWS and need not enforce it (Ceph RGW does not).',
      },
    },
    {
      name: 'Principal "*" read with RestrictPublicBuckets off fails and names the statement',
      bucket: { policy: bucketPolicy(publicRead), policyStatus: present({ isPublic: true }), publicAccessBlock: off },
      account: { publicAccessBlock: absent('NoSuchPublicAccessBlockConfiguration') },
      expect: { messageId: 'public', message: `The bucket policy is public and RestrictPublicBuckets is off: ${publicReason}.` },
    },
    {
      name: 'GetBucketPolicyStatus says public where the evaluator does not: AWS wins, disagreement reported',
      bucket: { policy: bucketPolicy(vpceOnly), policyStatus: present({ isPublic: true }), publicAccessBlock: off },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'public',
        message:
          'The bucket policy is public and RestrictPublicBuckets is off: GetBucketPolicyStatus reports IsPublic=true; ' +
          "GetBucketPolicyStatus says public although s3-audit's evaluation finds no public statement.",
      },
    },
    {
      name: 'without GetBucketPolicyStatus the evaluator decides: a wildcard aws:SourceVpc is public',
      bucket: {
        policy: bucketPolicy({ ...publicRead, Sid: 'AnyVpc', Condition: { StringLike: { 'aws:SourceVpc': 'vpc-*' } } }),
        policyStatus: observedError('GetBucketPolicyStatus', 'AccessDenied', 'Access Denied'),
        publicAccessBlock: off,
      },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'public',
        message:
          'The bucket policy is public and RestrictPublicBuckets is off: "AnyVpc" allows s3:GetObject to Principal "*" ' +
          'and aws:SourceVpc "vpc-*" is not a fixed value.',
      },
    },
  ],
  unknown: [
    {
      name: "off AWS an unparseable policy is unknown whatever the store's IsPublic says",
      bucket: { policy: present({ text: '{"Statement": [' }), policyStatus: present({ isPublic: false }), publicAccessBlock: restrict },
      account: { ...offAws, publicAccessBlock: off },
      expect: {
        messageId: 'unparseable',
        message: `The bucket policy is not a valid policy document (${parseError('{"Statement": [')}), so whether it is public is unknown.`,
      },
    },
    {
      name: 'a public policy with an unreadable bucket Block Public Access is unknown',
      bucket: { policy: bucketPolicy(publicRead), policyStatus: present({ isPublic: true }), publicAccessBlock: denied },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'restrictUnknown',
        message:
          `The bucket policy is public (${publicReason}), and whether RestrictPublicBuckets neutralizes it is unknown: ` +
          'a Block Public Access configuration could not be read.',
      },
    },
    {
      name: 'AccessDenied on both the policy and its status is unknown',
      bucket: {
        policy: observedError('GetBucketPolicy', 'AccessDenied', 'Access Denied'),
        policyStatus: observedError('GetBucketPolicyStatus', 'AccessDenied', 'Access Denied'),
        publicAccessBlock: off,
      },
      account: { publicAccessBlock: off },
      expect: { messageId: 'unreadable', message: 'Could not read the bucket policy: GetBucketPolicy failed with AccessDenied (Access Denied).' },
    },
    {
      name: 'an unparseable policy without a status is unknown with the parse error',
      bucket: {
        policy: present({ text: '{"Statement": {"Effect": "Permit", "Action": "s3:*"}}' }),
        policyStatus: observedError('GetBucketPolicyStatus', 'AccessDenied', 'Access Denied'),
        publicAccessBlock: off,
      },
      account: { publicAccessBlock: off },
      expect: {
        messageId: 'unparseable',
        message:
          'The bucket policy is not a valid policy document (Statement 1 Effect must be "Allow" or "Deny", got string "Permit"), ' +
          'so whether it is public is unknown.',
      },
    },
  ],
});
