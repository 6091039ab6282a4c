import check from '../../src/checks/account-public-access-block.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';

const allOn = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

runCheckTests(check, {
  pass: [
    {
      name: 'all four flags on passes',
      account: { publicAccessBlock: present(allOn) },
      expect: { messageId: 'allOn', message: 'All 4 account-level Block Public Access flags are on.' },
    },
  ],
  fail: [
    {
      name: 'the two policy flags off fails and says what each allows (2 of 4 is not enough)',
      account: { publicAccessBlock: present({ ...allOn, blockPublicPolicy: false, restrictPublicBuckets: false }) },
      expect: {
        messageId: 'flagsOff',
        message:
          'Account-level Block Public Access is off for BlockPublicPolicy (a public bucket policy can be attached) ' +
          'and RestrictPublicBuckets (public bucket policies grant access to anyone).',
      },
    },
    {
      name: 'IgnorePublicAcls alone off fails: BlockPublicAcls does not neutralize existing public ACLs',
      account: { publicAccessBlock: present({ ...allOn, ignorePublicAcls: false }) },
      expect: { messageId: 'flagsOff', message: 'Account-level Block Public Access is off for IgnorePublicAcls (public ACLs take effect).' },
    },
    {
      name: 'every flag off lists all four',
      account: {
        publicAccessBlock: present({ blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false }),
      },
      expect: {
        messageId: 'flagsOff',
        message:
          'Account-level Block Public Access is off for BlockPublicAcls (new public ACLs can be set), IgnorePublicAcls ' +
          '(public ACLs take effect), BlockPublicPolicy (a public bucket policy can be attached) and ' +
          'RestrictPublicBuckets (public bucket policies grant access to anyone).',
      },
    },
    {
      name: 'no account configuration (NoSuchPublicAccessBlockConfiguration) fails',
      account: { publicAccessBlock: absent('NoSuchPublicAccessBlockConfiguration') },
      expect: {
        messageId: 'notConfigured',
        message:
          'The account has no Block Public Access configuration (NoSuchPublicAccessBlockConfiguration): all 4 flags ' +
          'are off, so every bucket relies on its own settings alone.',
      },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on the S3 Control call is unknown, not a failure',
      account: { publicAccessBlock: observedError('GetPublicAccessBlock (S3 Control)', 'AccessDenied', 'Access Denied') },
      expect: {
        messageId: 'unreadable',
        message:
          'Could not read the account-level Block Public Access configuration: GetPublicAccessBlock (S3 Control) ' +
          'failed with AccessDenied (Access Denied).',
      },
    },
    {
      name: 'a snapshot collected without the account setting is unknown',
      account: {},
      expect: {
        messageId: 'notCollected',
        message: 'The snapshot does not contain accountPublicAccessBlock; collect it again with this check selected.',
      },
    },
  ],
});
