import { z } from 'zod';
import { isNotSupportedByEndpoint, type Observed } from '../snapshot/observed.ts';
import type { PublicAccessBlock } from '../snapshot/types.ts';
import { matchingGlob } from './lib/bucket-globs.ts';
import { defineCheck } from './lib/define-check.ts';
import {
  describeOffFlags,
  describeSources,
  effectiveFlags,
  FLAG_NAMES,
  PUBLIC_ACCESS_BLOCK_FLAGS,
  type PublicAccessBlockFlag,
  unreadableLevel,
} from './lib/effective-public-access-block.ts';
import { formatList, quote } from './lib/format-list.ts';
import { BUCKET_PUBLIC_ACCESS_BLOCK } from './lib/remediation-snippets.ts';

const ACL_FLAGS: readonly PublicAccessBlockFlag[] = ['blockPublicAcls', 'ignorePublicAcls'];

const SOURCE_NAMES: Readonly<Record<'account' | 'bucket' | 'both', string>> = {
  both: 'the account and the bucket',
  account: 'the account',
  bucket: 'the bucket',
};

function levelNote(level: Observed<PublicAccessBlock>): string {
  if (isNotSupportedByEndpoint(level)) return ' (not supported by this endpoint)';
  return level.state === 'absent' ? ' (no configuration)' : '';
}

const optionsSchema = z.strictObject({
  publicBuckets: z
    .array(z.string().min(1))
    .describe(
      'Bucket-name globs of buckets that are public on purpose (e.g. a website behind no CDN). For them ' +
        'BlockPublicPolicy and RestrictPublicBuckets may be off; BlockPublicAcls and IgnorePublicAcls are still ' +
        'required, since a public website needs a policy, never a public ACL.',
    ),
});

export default defineCheck({
  id: 'bucket-public-access-block',
  title: 'All four Block Public Access settings are in effect for the bucket',
  severity: 'medium',
  resource: 'bucket',
  needs: ['publicAccessBlock', 'accountPublicAccessBlock'],
  enabledByDefault: true,
  rationale:
    'S3 applies the most restrictive combination of the account and bucket settings, so a flag is in effect ' +
    'when either level sets it; this check judges that effective value per flag and names where each comes ' +
    'from. All four are needed: only IgnorePublicAcls neutralizes public ACLs that already exist (BlockPublicAcls ' +
    'only refuses new ones), and only RestrictPublicBuckets neutralizes a public policy that already exists. ' +
    'An unreadable level makes a flag unknown, never off. Option publicBuckets accepts the two policy flags off ' +
    'for buckets that are public on purpose; by default no bucket is exempt.',
  remediation: {
    text:
      'Turn on all four flags at the account level (covers every bucket), or on the bucket. For content that ' +
      'must be public, prefer CloudFront with Origin Access Control, which works with every flag on.',
    ...BUCKET_PUBLIC_ACCESS_BLOCK,
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html',
    ],
    securityHub: 'S3.8',
    cis: '2.1.4',
    awsConfig: 's3-bucket-level-public-access-prohibited',
    prowler: 's3_bucket_level_public_access_block',
  },
  messages: {
    allOn: 'All 4 Block Public Access flags are in effect: {{sources}}.',
    publicBucketAccepted:
      'Block Public Access in effect: {{sources}}; {{others}} not required because the bucket matches ' +
      'publicBuckets glob {{glob}} (public on purpose).',
    restrictNotEnforced:
      'RestrictPublicBuckets is on at {{level}} but not relied on: this S3-compatible endpoint need not enforce it ' +
      '(Ceph RGW does not), so a public bucket policy still grants access to anyone. In effect: {{sources}}.',
    flagsOff:
      'Block Public Access is not in effect for {{flags}}: off at the account level{{accountNote}} and at the bucket ' +
      'level{{bucketNote}}.{{restrictNote}}',
  },
  options: { schema: optionsSchema, defaults: { publicBuckets: [] } },
  evaluate(bucket, context, options) {
    const accountLevel = context.account.publicAccessBlock;
    const bucketLevel = bucket.publicAccessBlock;
    if (accountLevel === undefined || bucketLevel === undefined) return undefined;
    const sources = effectiveFlags(accountLevel, bucketLevel);
    const glob = matchingGlob(bucket.name, options.publicBuckets);
    const required = glob === undefined ? PUBLIC_ACCESS_BLOCK_FLAGS : ACL_FLAGS;
    const evidence = { flags: sources, ...(glob === undefined ? {} : { publicBucketsGlob: glob }) };

    const off = required.filter((flag) => sources[flag] === 'off');
    // Off AWS, RestrictPublicBuckets is not relied on (Ceph RGW stores it but does not enforce it).
    const restrict = sources.restrictPublicBuckets;
    const restrictUnenforced =
      context.account.s3Compatible === true && required.includes('restrictPublicBuckets') && restrict !== 'off' && restrict !== 'unknown'
        ? SOURCE_NAMES[restrict]
        : undefined;
    if (off.length > 0) {
      const restrictNote =
        restrictUnenforced === undefined
          ? ''
          : ` RestrictPublicBuckets is on at ${restrictUnenforced} but not relied on: this S3-compatible endpoint need not enforce it (Ceph RGW does not).`;
      return {
        status: 'fail',
        messageId: 'flagsOff',
        data: { flags: describeOffFlags(off), accountNote: levelNote(accountLevel), bucketNote: levelNote(bucketLevel), restrictNote },
        evidence,
      };
    }
    if (required.some((flag) => sources[flag] === 'unknown')) return unreadableLevel(accountLevel, bucketLevel);
    if (restrictUnenforced !== undefined) {
      const enforced = PUBLIC_ACCESS_BLOCK_FLAGS.filter((flag) => flag !== 'restrictPublicBuckets');
      return {
        status: 'fail',
        messageId: 'restrictNotEnforced',
        data: { level: restrictUnenforced, sources: describeSources(enforced, sources, SOURCE_NAMES) },
        evidence,
      };
    }
    const inEffect = PUBLIC_ACCESS_BLOCK_FLAGS.filter((flag) => sources[flag] !== 'off' && sources[flag] !== 'unknown');
    if (inEffect.length === PUBLIC_ACCESS_BLOCK_FLAGS.length || glob === undefined) {
      return { status: 'pass', messageId: 'allOn', data: { sources: describeSources(inEffect, sources, SOURCE_NAMES) }, evidence };
    }
    const notInEffect = PUBLIC_ACCESS_BLOCK_FLAGS.filter((flag) => !inEffect.includes(flag)).map((flag) => FLAG_NAMES[flag]);
    return {
      status: 'pass',
      messageId: 'publicBucketAccepted',
      data: {
        sources: describeSources(inEffect, sources, SOURCE_NAMES),
        others: `${formatList(notInEffect)} ${notInEffect.length === 1 ? 'is' : 'are'}`,
        glob: quote(glob),
      },
      evidence,
    };
  },
});
