import check from '../../src/checks/access-point-public-access-block.ts';
import { observedError, present } from '../../src/snapshot/observed.ts';
import type { PublicAccessBlock } from '../../src/snapshot/types.ts';
import { runCheckTests } from '../support/check-tester.ts';

const allOff: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const allOn: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const subject = 'access point team-a (bucket example-bucket)';

runCheckTests(check, {
  pass: [
    {
      name: 'all four on at the access point (the default) pass',
      accessPoint: { accessPointPublicAccessBlock: present(allOn) },
      account: { publicAccessBlock: present(allOff) },
      expect: { messageId: 'allOn', message: `All 4 Block Public Access flags are in effect for the ${subject}: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets from the access point.` },
    },
    {
      name: 'the account covers what the access point leaves off, and each flag names its source',
      accessPoint: { accessPointPublicAccessBlock: present({ ...allOff, blockPublicAcls: true }) },
      account: { publicAccessBlock: present(allOn) },
      expect: {
        messageId: 'allOn',
        message:
          `All 4 Block Public Access flags are in effect for the ${subject}: BlockPublicAcls from the account and the access point; ` +
          'IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets from the account.',
      },
    },
  ],
  fail: [
    {
      name: 'flags off at both the account and the access point fail, naming each',
      accessPoint: { accessPointPublicAccessBlock: present({ ...allOn, blockPublicPolicy: false, restrictPublicBuckets: false }) },
      account: { publicAccessBlock: present(allOff) },
      expect: {
        messageId: 'flagsOff',
        message: `Block Public Access is not in effect for the ${subject} for BlockPublicPolicy and RestrictPublicBuckets: off at the account level and at the access point.`,
      },
    },
  ],
  unknown: [
    {
      name: "an unreadable access point configuration is unknown when the account does not cover it",
      accessPoint: { accessPointPublicAccessBlock: observedError('GetAccessPoint', 'AccessDenied', 'Access Denied') },
      account: { publicAccessBlock: present({ ...allOn, restrictPublicBuckets: false }) },
      expect: {
        messageId: 'unreadable',
        message: `Could not read the Block Public Access configuration of the ${subject}: GetAccessPoint failed with AccessDenied (Access Denied).`,
      },
    },
    {
      name: 'an unreadable account configuration is unknown when the access point does not cover it',
      accessPoint: { accessPointPublicAccessBlock: present({ ...allOn, ignorePublicAcls: false }) },
      account: { publicAccessBlock: observedError('GetPublicAccessBlock', 'AccessDenied', 'Access Denied') },
      expect: {
        messageId: 'unreadable',
        message: 'Could not read the account-level Block Public Access configuration: GetPublicAccessBlock failed with AccessDenied (Access Denied).',
      },
    },
  ],
});
