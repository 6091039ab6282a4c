import check from '../../src/checks/bucket-acl-public.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import type { AclGrant, PublicAccessBlock } from '../../src/snapshot/types.ts';
import { runCheckTests } from '../support/check-tester.ts';

const OWNER = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';
const ownerFull: AclGrant = { granteeType: 'CanonicalUser', id: OWNER, permission: 'FULL_CONTROL' };
const allUsers = (permission: string): AclGrant => ({ granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission });
const authenticatedUsers = (permission: string): AclGrant => ({
  granteeType: 'Group',
  uri: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
  permission,
});
const logDelivery: AclGrant = { granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/s3/LogDelivery', permission: 'WRITE' };
const acl = (...grants: AclGrant[]) => present({ ownerId: OWNER, grants });

const allOff: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const noConfiguration = absent('NoSuchPublicAccessBlockConfiguration');
const ignoreAtAccount = { publicAccessBlock: present({ ...allOff, ignorePublicAcls: true }) };
const nothingAtAccount = { publicAccessBlock: noConfiguration };
const denied = (operation: string) => observedError(operation, 'AccessDenied', 'Access Denied');

runCheckTests(check, {
  pass: [
    {
      name: 'an owner-only ACL passes, and a LogDelivery grant is not public',
      account: nothingAtAccount,
      bucket: { acl: acl(ownerFull, logDelivery), publicAccessBlock: noConfiguration },
      expect: { messageId: 'noPublicGrant', message: 'The bucket ACL grants nothing to AllUsers or AuthenticatedUsers (2 grant(s) checked).' },
    },
    {
      name: 'no public grant passes even when Block Public Access cannot be read',
      account: { publicAccessBlock: denied('GetPublicAccessBlock (S3 Control)') },
      bucket: { acl: acl(ownerFull), publicAccessBlock: denied('GetPublicAccessBlock') },
      expect: { messageId: 'noPublicGrant', message: 'The bucket ACL grants nothing to AllUsers or AuthenticatedUsers (1 grant(s) checked).' },
    },
    {
      name: 'a public grant neutralized by IgnorePublicAcls at the account passes and names it',
      account: ignoreAtAccount,
      bucket: { acl: acl(ownerFull, allUsers('READ')), publicAccessBlock: noConfiguration },
      expect: {
        messageId: 'ignored',
        message:
          'The bucket ACL grants READ (list the objects) to AllUsers (anyone on the internet), but IgnorePublicAcls ' +
          'is in effect from the account, so S3 ignores these grants.',
      },
    },
    {
      name: 'IgnorePublicAcls at both levels is named as such',
      account: ignoreAtAccount,
      bucket: { acl: acl(authenticatedUsers('READ_ACP')), publicAccessBlock: present({ ...allOff, ignorePublicAcls: true }) },
      expect: {
        messageId: 'ignored',
        message:
          'The bucket ACL grants READ_ACP (read the ACL) to AuthenticatedUsers (any AWS account), but ' +
          'IgnorePublicAcls is in effect from the account and the bucket, so S3 ignores these grants.',
      },
    },
  ],
  fail: [
    {
      name: 'on an S3-compatible store without an account level, AuthenticatedUsers means its users and only the bucket level counts',
      account: { publicAccessBlock: observedError('GetPublicAccessBlock', 'NotSupportedByEndpoint', 'no S3 Control'), s3Compatible: true },
      bucket: { acl: acl(ownerFull, authenticatedUsers('READ')), publicAccessBlock: present(allOff) },
      expect: {
        messageId: 'publicGrantNoAccountLevel',
        message:
          'The bucket ACL grants READ (list the objects) to AuthenticatedUsers (any user of this store), and IgnorePublicAcls ' +
          'is off at the bucket level (the account level is not supported by this endpoint).',
      },
    },
    {
      name: 'AllUsers READ and AuthenticatedUsers WRITE both named with what they allow',
      account: nothingAtAccount,
      bucket: { acl: acl(ownerFull, allUsers('READ'), authenticatedUsers('WRITE')), publicAccessBlock: noConfiguration },
      expect: {
        messageId: 'publicGrant',
        message:
          'The bucket ACL grants READ (list the objects) to AllUsers (anyone on the internet) and WRITE (create, ' +
          'overwrite and delete objects) to AuthenticatedUsers (any AWS account), and IgnorePublicAcls is off at ' +
          'the account and the bucket level.',
      },
    },
    {
      name: 'BlockPublicAcls does not neutralize an existing public grant: only IgnorePublicAcls does',
      account: { publicAccessBlock: present({ ...allOff, blockPublicAcls: true }) },
      bucket: { acl: acl(allUsers('FULL_CONTROL')), publicAccessBlock: present({ ...allOff, blockPublicAcls: true }) },
      expect: {
        messageId: 'publicGrant',
        message:
          'The bucket ACL grants FULL_CONTROL (all of list, write, read and rewrite the ACL) to AllUsers (anyone on ' +
          'the internet), and IgnorePublicAcls is off at the account and the bucket level.',
      },
    },
    {
      name: 'a permission S3 may add later is still named',
      account: nothingAtAccount,
      bucket: { acl: acl(allUsers('READ_EVERYTHING')), publicAccessBlock: noConfiguration },
      expect: {
        messageId: 'publicGrant',
        message:
          'The bucket ACL grants READ_EVERYTHING to AllUsers (anyone on the internet), and IgnorePublicAcls is off at ' +
          'the account and the bucket level.',
      },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on GetBucketAcl is unknown',
      account: nothingAtAccount,
      bucket: { acl: denied('GetBucketAcl'), publicAccessBlock: noConfiguration },
      expect: { messageId: 'unreadable', message: 'Could not read the bucket ACL: GetBucketAcl failed with AccessDenied (Access Denied).' },
    },
    {
      name: 'a public grant with IgnorePublicAcls unreadable at the bucket (off at the account) is unknown',
      account: nothingAtAccount,
      bucket: { acl: acl(allUsers('READ')), publicAccessBlock: denied('GetPublicAccessBlock') },
      expect: {
        messageId: 'unreadable',
        message:
          "Could not read the bucket's Block Public Access configuration: GetPublicAccessBlock failed with " +
          'AccessDenied (Access Denied).',
      },
    },
    {
      name: 'a snapshot without the bucket ACL is unknown',
      account: nothingAtAccount,
      bucket: { publicAccessBlock: noConfiguration },
      expect: { messageId: 'notCollected', message: 'The snapshot does not contain acl; collect it again with this check selected.' },
    },
  ],
});
