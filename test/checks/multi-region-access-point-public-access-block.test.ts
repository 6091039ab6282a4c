import check from '../../src/checks/multi-region-access-point-public-access-block.ts';
import { absent, present } from '../../src/snapshot/observed.ts';
import type { PublicAccessBlock } from '../../src/snapshot/types.ts';
import { runCheckTests } from '../support/check-tester.ts';

const allOn: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const subject = 'Multi-Region Access Point global (buckets example-bucket in us-east-1 and example-bucket-eu in eu-west-1)';

runCheckTests(check, {
  pass: [
    {
      name: 'all four flags on pass',
      multiRegionAccessPoint: { multiRegionAccessPointPublicAccessBlock: present(allOn) },
      expect: { messageId: 'allOn', message: `All 4 Block Public Access flags are on for the ${subject}.` },
    },
  ],
  fail: [
    {
      name: 'a flag off fails and says it cannot be changed',
      multiRegionAccessPoint: { multiRegionAccessPointPublicAccessBlock: present({ ...allOn, restrictPublicBuckets: false }) },
      expect: {
        messageId: 'flagsOff',
        message: `The ${subject} was created with RestrictPublicBuckets off; its Block Public Access settings cannot be changed after creation.`,
      },
    },
    {
      name: 'one bucket is named as such',
      multiRegionAccessPoint: {
        regions: [{ bucket: 'example-bucket', region: 'us-east-1' }],
        multiRegionAccessPointPublicAccessBlock: present({ ...allOn, blockPublicAcls: false, blockPublicPolicy: false }),
      },
      expect: {
        messageId: 'flagsOff',
        message:
          'The Multi-Region Access Point global (bucket example-bucket in us-east-1) was created with BlockPublicAcls and BlockPublicPolicy off; ' +
          'its Block Public Access settings cannot be changed after creation.',
      },
    },
  ],
  unknown: [
    {
      name: 'settings missing from the listing are unknown, not off',
      multiRegionAccessPoint: { multiRegionAccessPointPublicAccessBlock: absent() },
      expect: {
        messageId: 'notReported',
        message: `ListMultiRegionAccessPoints returned no Block Public Access settings for the ${subject}, so whether they are on is unknown.`,
      },
    },
  ],
});
