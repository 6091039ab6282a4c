import check from '../../src/checks/bucket-policy-cross-account.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { BUCKET_ARN, bucketPolicy, OBJECTS_ARN } from './policy-fixtures.ts';

const share = (principal: unknown, sid = 'Share') => ({ Sid: sid, Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: OBJECTS_ARN });
const cloudTrail = (condition?: unknown) => ({
  Sid: 'CloudTrailWrite',
  Effect: 'Allow',
  Principal: { Service: 'cloudtrail.amazonaws.com' },
  Action: 's3:PutObject',
  Resource: `${BUCKET_ARN}/AWSLogs/*`,
  ...(condition === undefined ? {} : { Condition: condition }),
});

runCheckTests(check, {
  pass: [
    {
      name: 'no bucket policy passes',
      bucket: { policy: absent('NoSuchBucketPolicy') },
      expect: { messageId: 'noPolicy', message: 'No bucket policy, so no policy grants access to other accounts.' },
    },
    {
      name: "grants to this account's roles only pass",
      bucket: { policy: bucketPolicy(share({ AWS: 'arn:aws:iam::123456789012:role/reader' })) },
      expect: { messageId: 'noGrants', message: 'The bucket policy grants nothing to other accounts.' },
    },
    {
      name: "on Ceph RGW the owner's tenant is the policy account: a user of the same (default) tenant is no other account",
      account: { accountId: 'rgw-auditor', policyAccountId: '', s3Compatible: true },
      bucket: { policy: bucketPolicy(share({ AWS: 'arn:aws:iam:::user/alice' })) },
      expect: { messageId: 'noGrants', message: 'The bucket policy grants nothing to other accounts.' },
    },
    {
      name: 'an account listed in the check option is trusted',
      bucket: { policy: bucketPolicy(share({ AWS: '111122223333' })) },
      options: { trustedAccounts: ['111122223333'] },
      expect: { messageId: 'trustedOnly', message: 'The bucket policy grants access only to this account and trusted account 111122223333.' },
    },
    {
      name: 'an account listed in the account context (config) is trusted',
      bucket: { policy: bucketPolicy(share({ AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:role/x'] })) },
      trustedAccounts: ['111122223333', '444455556666'],
      expect: {
        messageId: 'trustedOnly',
        message: 'The bucket policy grants access only to this account and trusted accounts 111122223333, 444455556666.',
      },
    },
    {
      name: 'a service principal pinned to this account by aws:SourceAccount is fine',
      bucket: { policy: bucketPolicy(cloudTrail({ StringEquals: { 'aws:SourceAccount': '123456789012' } })) },
      expect: { messageId: 'noGrants', message: 'The bucket policy grants nothing to other accounts.' },
    },
  ],
  fail: [
    {
      name: 'on Ceph RGW a user of the default tenant is foreign to a tenanted owner, and named as such',
      account: { accountId: 'acme$auditor', policyAccountId: 'acme', s3Compatible: true },
      bucket: { policy: bucketPolicy(share({ AWS: 'arn:aws:iam:::user/alice' })) },
      expect: {
        messageId: 'untrusted',
        message: 'The bucket policy grants access to accounts not listed as trusted: the default tenant (arn:aws:iam:::user/alice in "Share").',
      },
    },
    {
      name: 'a role of an untrusted account fails and is named with its statement',
      bucket: { policy: bucketPolicy(share({ AWS: 'arn:aws:iam::111122223333:role/partner' })) },
      expect: {
        messageId: 'untrusted',
        message: 'The bucket policy grants access to accounts not listed as trusted: 111122223333 (arn:aws:iam::111122223333:role/partner in "Share").',
      },
    },
    {
      name: 'a public grant is access for any account',
      bucket: { policy: bucketPolicy(share('*', 'Everyone')) },
      expect: {
        messageId: 'untrusted',
        message: 'The bucket policy grants access to accounts not listed as trusted: any account (Principal "*" in "Everyone").',
      },
    },
    {
      name: 'a service principal without aws:SourceAccount or aws:SourceArn is a confused deputy',
      bucket: { policy: bucketPolicy(cloudTrail()) },
      expect: {
        messageId: 'untrusted',
        message:
          'The bucket policy grants access to accounts not listed as trusted: any account ' +
          '(cloudtrail.amazonaws.com without aws:SourceAccount or aws:SourceArn in "CloudTrailWrite").',
      },
    },
    {
      name: 'a service principal acting for a foreign trail (aws:SourceArn) fails',
      bucket: { policy: bucketPolicy(cloudTrail({ StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org' } })) },
      expect: {
        messageId: 'untrusted',
        message:
          'The bucket policy grants access to accounts not listed as trusted: 999988887777 ' +
          '(cloudtrail.amazonaws.com with aws:SourceArn arn:aws:cloudtrail:us-east-1:999988887777:trail/org in "CloudTrailWrite").',
      },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on GetBucketPolicy is unknown',
      bucket: { policy: observedError('GetBucketPolicy', 'AccessDenied', 'Access Denied') },
      expect: { messageId: 'unreadable', message: 'Could not read the bucket policy: GetBucketPolicy failed with AccessDenied (Access Denied).' },
    },
    {
      name: 'a policy that is not an object is unknown with the parse error',
      bucket: { policy: present({ text: '"Allow everything"' }) },
      expect: {
        messageId: 'unparseable',
        message:
          'The bucket policy is not a valid policy document (a policy must be a JSON object, got string "Allow everything"), ' +
          'so which accounts it grants access to is unknown.',
      },
    },
  ],
});
