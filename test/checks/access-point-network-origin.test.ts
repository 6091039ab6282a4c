import check from '../../src/checks/access-point-network-origin.ts';
import { runCheckTests } from '../support/check-tester.ts';

runCheckTests(check, {
  pass: [
    {
      name: 'a VPC network origin passes and names the VPC',
      accessPoint: { networkOrigin: 'VPC', vpcId: 'vpc-0abc' },
      expect: { messageId: 'vpc', message: 'The access point team-a (bucket example-bucket) accepts requests only from VPC vpc-0abc.' },
    },
  ],
  fail: [
    {
      name: 'an Internet network origin fails',
      accessPoint: { networkOrigin: 'Internet' },
      expect: {
        messageId: 'internet',
        message: 'The access point team-a (bucket example-bucket) has network origin Internet: it accepts requests from anywhere, not only from a VPC.',
      },
    },
  ],
  unknown: [
    {
      name: 'a network origin AWS adds later is unknown, not assumed private',
      accessPoint: { networkOrigin: 'PrivateLink' },
      expect: {
        messageId: 'unrecognized',
        message:
          'The access point team-a (bucket example-bucket) reports network origin PrivateLink, which s3-audit does not know, so whether it is limited to a VPC is unknown.',
      },
    },
  ],
});
