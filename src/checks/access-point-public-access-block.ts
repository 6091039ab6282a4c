import { accessPointSubject } from './lib/access-point-subject.ts';
import { defineCheck } from './lib/define-check.ts';
import {
  describeSources,
  effectiveFlags,
  FLAG_NAMES,
  PUBLIC_ACCESS_BLOCK_FLAGS,
} from './lib/effective-public-access-block.ts';
import { formatList } from './lib/format-list.ts';
import { unreadable } from './lib/unreadable.ts';

const SOURCE_NAMES = { both: 'the account and the access point', account: 'the account', bucket: 'the access point' } as const;

export default defineCheck({
  id: 'access-point-public-access-block',
  title: 'All four Block Public Access settings are in effect for the access point',
  severity: 'medium',
  resource: 'access-point',
  needs: ['accessPointListing', 'accessPointPublicAccessBlock', 'accountPublicAccessBlock'],
  enabledByDefault: true,
  rationale:
    "For a request through an access point S3 applies the most restrictive combination of the account's, the " +
    "bucket's and the access point's Block Public Access settings. The access point's own flags are fixed at " +
    'creation; with any of them off and the account not covering it, a public access point policy can be ' +
    'attached (BlockPublicPolicy) or takes effect (RestrictPublicBuckets). This check judges the effective value ' +
    'of each flag from the account and the access point and names where each comes from.',
  remediation: {
    text:
      'Turn on all four flags at the account level (covers every access point), or recreate the access point ' +
      'with its Block Public Access settings on (the default): they cannot be changed after creation.',
    cli:
      'aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration ' +
      'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetAccessPoint.html',
    ],
    prowler: 's3_access_point_public_access_block',
  },
  messages: {
    allOn: 'All 4 Block Public Access flags are in effect for the {{subject}}: {{sources}}.',
    flagsOff: 'Block Public Access is not in effect for the {{subject}} for {{flags}}: off at the account level and at the access point.',
  },
  evaluate(ap, context) {
    const accountLevel = context.account.publicAccessBlock;
    const apLevel = ap.accessPointPublicAccessBlock;
    if (accountLevel === undefined || apLevel === undefined) return undefined;
    const subject = accessPointSubject(ap, context.account.accountId);
    const sources = effectiveFlags(accountLevel, apLevel);
    const evidence = { flags: sources };
    const off = PUBLIC_ACCESS_BLOCK_FLAGS.filter((flag) => sources[flag] === 'off');
    if (off.length > 0) {
      return { status: 'fail', messageId: 'flagsOff', data: { subject, flags: formatList(off.map((flag) => FLAG_NAMES[flag])) }, evidence };
    }
    if (PUBLIC_ACCESS_BLOCK_FLAGS.some((flag) => sources[flag] === 'unknown')) {
      if (apLevel.state === 'error') return unreadable(`the Block Public Access configuration of the ${subject}`, apLevel);
      if (accountLevel.state === 'error') return unreadable('the account-level Block Public Access configuration', accountLevel);
    }
    return { status: 'pass', messageId: 'allOn', data: { subject, sources: describeSources(PUBLIC_ACCESS_BLOCK_FLAGS, sources, SOURCE_NAMES) }, evidence };
  },
});
