import check from '../../src/checks/bucket-public-access-block.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import type { PublicAccessBlock } from '../../src/snapshot/types.ts';
import { runCheckTests } from '../support/check-tester.ts';

const allOn: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const allOff: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const aclFlagsOnly: PublicAccessBlock = { ...allOff, blockPublicAcls: true, ignorePublicAcls: true };
const noConfiguration = absent('NoSuchPublicAccessBlockConfiguration');
const denied = (operation: string) => observedError(operation, 'AccessDenied', 'Access Denied');
const websites = { publicBuckets: ['acme-www-*'] };

runCheckTests(check, {
  pass: [
    {
      name: 'all four on at the account covers a bucket without its own configuration',
      account: { publicAccessBlock: present(allOn) },
      bucket: { publicAccessBlock: noConfiguration },
      expect: {
        messageId: 'allOn',
        message:
          'All 4 Block Public Access flags are in effect: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, ' +
          'RestrictPublicBuckets from the account.',
      },
    },
    {
      name: 'effective = account OR bucket per flag, and the message says where each comes from',
      account: { publicAccessBlock: present(aclFlagsOnly) },
      bucket: { publicAccessBlock: present({ ...allOff, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true }) },
      expect: {
        messageId: 'allOn',
        message:
          'All 4 Block Public Access flags are in effect: IgnorePublicAcls from the account and the bucket; ' +
          'BlockPublicAcls from the account; BlockPublicPolicy, RestrictPublicBuckets from the bucket.',
      },
    },
    {
      name: 'all on at the bucket passes even when the account setting is unreadable',
      account: { publicAccessBlock: denied('GetPublicAccessBlock (S3 Control)') },
      bucket: { publicAccessBlock: present(allOn) },
      expect: {
        messageId: 'allOn',
        message:
          'All 4 Block Public Access flags are in effect: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, ' +
          'RestrictPublicBuckets from the bucket.',
      },
    },
    {
      name: 'a bucket matching publicBuckets may have the two policy flags off',
      account: { publicAccessBlock: present(aclFlagsOnly) },
      bucket: { name: 'acme-www-site', publicAccessBlock: noConfiguration },
      options: websites,
      expect: {
        messageId: 'publicBucketAccepted',
        message:
          'Block Public Access in effect: BlockPublicAcls, IgnorePublicAcls from the account; BlockPublicPolicy and ' +
          "RestrictPublicBuckets are not required because the bucket matches publicBuckets glob 'acme-www-*' (public on purpose).",
      },
    },
    {
      name: 'a publicBuckets bucket with all four on gets the ordinary pass',
      account: { publicAccessBlock: present(allOn) },
      bucket: { name: 'acme-www-site', publicAccessBlock: noConfiguration },
      options: websites,
      expect: {
        messageId: 'allOn',
        message:
          'All 4 Block Public Access flags are in effect: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, ' +
          'RestrictPublicBuckets from the account.',
      },
    },
  ],
  fail: [
    {
      name: 'off AWS, with other flags off, RestrictPublicBuckets on is said to be not relied on either',
      account: { publicAccessBlock: observedError('GetPublicAccessBlock', 'NotSupportedByEndpoint', 'no S3 Control'), s3Compatible: true },
      bucket: { publicAccessBlock: present({ ...allOff, restrictPublicBuckets: true }) },
      expect: {
        messageId: 'flagsOff',
        message:
          'Block Public Access is not in effect for BlockPublicAcls (new public ACLs can be set), IgnorePublicAcls (public ' +
          'ACLs take effect) and BlockPublicPolicy (a public bucket policy can be attached): off at the account level (not ' +
          'supported by this endpoint) and at the bucket level. RestrictPublicBuckets is on at the bucket but not relied on: ' +
          'this S3-compatible endpoint need not enforce it (Ceph RGW does not).',
      },
    },
    {
      name: 'off AWS RestrictPublicBuckets is not relied on (Ceph RGW stores it but does not enforce it)',
      account: { publicAccessBlock: observedError('GetPublicAccessBlock', 'NotSupportedByEndpoint', 'no S3 Control'), s3Compatible: true },
      bucket: { publicAccessBlock: present(allOn) },
      expect: {
        messageId: 'restrictNotEnforced',
        message:
          'RestrictPublicBuckets is on at the bucket but not relied on: this S3-compatible endpoint need not enforce it ' +
          '(Ceph RGW does not), so a public bucket policy still grants access to anyone. In effect: BlockPublicAcls, ' +
          'IgnorePublicAcls, BlockPublicPolicy from the bucket.',
      },
    },
    {
      name: 'an S3-compatible store without an account level (no S3 Control) is judged by the bucket level alone',
      account: { publicAccessBlock: observedError('GetPublicAccessBlock', 'NotSupportedByEndpoint', 'no S3 Control'), s3Compatible: true },
      bucket: { publicAccessBlock: present(aclFlagsOnly) },
      expect: {
        messageId: 'flagsOff',
        message:
          'Block Public Access is not in effect for BlockPublicPolicy (a public bucket policy can be attached) and ' +
          'RestrictPublicBuckets (public bucket policies grant access to anyone): off at the account level (not supported ' +
          'by this endpoint) and at the bucket level.',
      },
    },
    {
      name: 'a flag off at both levels fails, naming the flag, what it allows and that the bucket has no configuration',
      account: { publicAccessBlock: present({ ...allOn, restrictPublicBuckets: false }) },
      bucket: { publicAccessBlock: noConfiguration },
      expect: {
        messageId: 'flagsOff',
        message:
          'Block Public Access is not in effect for RestrictPublicBuckets (public bucket policies grant access to ' +
          'anyone): off at the account level and at the bucket level (no configuration).',
      },
    },
    {
      name: 'neither level configured fails for all four',
      account: { publicAccessBlock: noConfiguration },
      bucket: { publicAccessBlock: noConfiguration },
      expect: {
        messageId: 'flagsOff',
        message:
          'Block Public Access is not in effect for BlockPublicAcls (new public ACLs can be set), IgnorePublicAcls ' +
          '(public ACLs take effect), BlockPublicPolicy (a public bucket policy can be attached) and ' +
          'RestrictPublicBuckets (public bucket policies grant access to anyone): off at the account level (no ' +
          'configuration) and at the bucket level (no configuration).',
      },
    },
    {
      name: 'only the flags off at both levels are listed, not one that the account sets',
      account: { publicAccessBlock: present({ ...allOff, blockPublicAcls: true }) },
      bucket: { publicAccessBlock: present(allOff) },
      expect: {
        messageId: 'flagsOff',
        message:
          'Block Public Access is not in effect for IgnorePublicAcls (public ACLs take effect), BlockPublicPolicy (a ' +
          'public bucket policy can be attached) and RestrictPublicBuckets (public bucket policies grant access to ' +
          'anyone): off at the account level and at the bucket level.',
      },
    },
    {
      name: 'a publicBuckets bucket still needs the ACL flags',
      account: { publicAccessBlock: noConfiguration },
      bucket: { name: 'acme-www-site', publicAccessBlock: present({ ...allOff, blockPublicAcls: true }) },
      options: websites,
      expect: {
        messageId: 'flagsOff',
        message:
          'Block Public Access is not in effect for IgnorePublicAcls (public ACLs take effect): off at the account ' +
          'level (no configuration) and at the bucket level.',
      },
    },
    {
      name: 'a bucket matching no publicBuckets glob needs all four',
      account: { publicAccessBlock: present(aclFlagsOnly) },
      bucket: { name: 'acme-data', publicAccessBlock: noConfiguration },
      options: websites,
      expect: {
        messageId: 'flagsOff',
        message:
          'Block Public Access is not in effect for BlockPublicPolicy (a public bucket policy can be attached) and ' +
          'RestrictPublicBuckets (public bucket policies grant access to anyone): off at the account level and at ' +
          'the bucket level (no configuration).',
      },
    },
  ],
  unknown: [
    {
      name: 'a bucket setting that cannot be read, with flags off at the account, is unknown',
      account: { publicAccessBlock: present(aclFlagsOnly) },
      bucket: { publicAccessBlock: denied('GetPublicAccessBlock') },
      expect: {
        messageId: 'unreadable',
        message:
          "Could not read the bucket's Block Public Access configuration: GetPublicAccessBlock failed with " +
          'AccessDenied (Access Denied).',
      },
    },
    {
      name: 'an account setting that cannot be read, with flags off at the bucket, is unknown',
      account: { publicAccessBlock: denied('GetPublicAccessBlock (S3 Control)') },
      bucket: { publicAccessBlock: noConfiguration },
      expect: {
        messageId: 'unreadable',
        message:
          'Could not read the account-level Block Public Access configuration: GetPublicAccessBlock (S3 Control) ' +
          'failed with AccessDenied (Access Denied).',
      },
    },
    {
      name: 'a snapshot without the account setting is unknown',
      bucket: { publicAccessBlock: present(allOn) },
      expect: {
        messageId: 'notCollected',
        message: 'The snapshot does not contain accountPublicAccessBlock; collect it again with this check selected.',
      },
    },
  ],
});
