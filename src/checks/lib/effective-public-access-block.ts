import { isNotSupportedByEndpoint, type Observed } from '../../snapshot/observed.ts';
import type { PublicAccessBlock } from '../../snapshot/types.ts';
import { formatList } from './format-list.ts';
import type { Verdict } from '../types.ts';
import { unreadable } from './unreadable.ts';

export const PUBLIC_ACCESS_BLOCK_FLAGS = [
  'blockPublicAcls',
  'ignorePublicAcls',
  'blockPublicPolicy',
  'restrictPublicBuckets',
] as const satisfies readonly (keyof PublicAccessBlock)[];
export type PublicAccessBlockFlag = (typeof PUBLIC_ACCESS_BLOCK_FLAGS)[number];

/** The AWS API / console name of each flag, for messages. */
export const FLAG_NAMES: Readonly<Record<PublicAccessBlockFlag, string>> = {
  blockPublicAcls: 'BlockPublicAcls',
  ignorePublicAcls: 'IgnorePublicAcls',
  blockPublicPolicy: 'BlockPublicPolicy',
  restrictPublicBuckets: 'RestrictPublicBuckets',
};

/** Where an effective flag comes from; `unknown` when it is off where readable and a level could not be read. */
export type FlagSource = 'account' | 'bucket' | 'both' | 'off' | 'unknown';

function flagAt(level: Observed<PublicAccessBlock> | undefined, flag: PublicAccessBlockFlag): boolean | undefined {
  // A level the endpoint does not implement (an S3-compatible store without S3 Control) blocks nothing.
  if (isNotSupportedByEndpoint(level)) return false;
  if (level === undefined || level.state === 'error') return undefined;
  return level.state === 'present' && level.value[flag];
}

/**
 * AWS applies the most restrictive combination: a flag is in effect when the account OR the
 * bucket (OR the access point) sets it. An absent configuration means every flag is off, and
 * so does a level the endpoint does not implement. A level that is missing from the snapshot
 * or unreadable can only make the answer unknown, never "off".
 */
export function effectiveFlag(
  flag: PublicAccessBlockFlag,
  account: Observed<PublicAccessBlock> | undefined,
  bucket: Observed<PublicAccessBlock> | undefined,
): FlagSource {
  const atAccount = flagAt(account, flag);
  const atBucket = flagAt(bucket, flag);
  if (atAccount === true && atBucket === true) return 'both';
  if (atAccount === true) return 'account';
  if (atBucket === true) return 'bucket';
  if (atAccount === undefined || atBucket === undefined) return 'unknown';
  return 'off';
}

/** effectiveFlag for all four flags. */
export function effectiveFlags(
  account: Observed<PublicAccessBlock> | undefined,
  bucket: Observed<PublicAccessBlock> | undefined,
): Record<PublicAccessBlockFlag, FlagSource> {
  return {
    blockPublicAcls: effectiveFlag('blockPublicAcls', account, bucket),
    ignorePublicAcls: effectiveFlag('ignorePublicAcls', account, bucket),
    blockPublicPolicy: effectiveFlag('blockPublicPolicy', account, bucket),
    restrictPublicBuckets: effectiveFlag('restrictPublicBuckets', account, bucket),
  };
}

/** What a flag being off allows: messages say why each missing flag matters. */
export const FLAG_GAPS: Readonly<Record<PublicAccessBlockFlag, string>> = {
  blockPublicAcls: 'new public ACLs can be set',
  ignorePublicAcls: 'public ACLs take effect',
  blockPublicPolicy: 'a public bucket policy can be attached',
  restrictPublicBuckets: 'public bucket policies grant access to anyone',
};

/** "BlockPublicPolicy (a public bucket policy can be attached) and …" */
export function describeOffFlags(flags: readonly PublicAccessBlockFlag[]): string {
  return formatList(flags.map((flag) => `${FLAG_NAMES[flag]} (${FLAG_GAPS[flag]})`));
}

/**
 * "BlockPublicAcls, IgnorePublicAcls from the account and the bucket; BlockPublicPolicy from the
 * bucket": `names` says what the levels are (the second level may be an access point).
 */
export function describeSources(
  flags: readonly PublicAccessBlockFlag[],
  sources: Readonly<Record<PublicAccessBlockFlag, FlagSource>>,
  names: Readonly<Record<'account' | 'bucket' | 'both', string>>,
): string {
  const groups = (['both', 'account', 'bucket'] as const)
    .map((source) => ({ source, names: flags.filter((flag) => sources[flag] === source).map((flag) => FLAG_NAMES[flag]) }))
    .filter((group) => group.names.length > 0);
  return groups.map((group) => `${group.names.join(', ')} from ${names[group.source]}`).join('; ');
}

/** The verdict for a flag that came out `unknown`: names the level that could not be read. */
export function unreadableLevel(
  account: Observed<PublicAccessBlock>,
  bucket: Observed<PublicAccessBlock>,
): Verdict<'unreadable' | 'notSupported'> {
  if (bucket.state === 'error') return unreadable("the bucket's Block Public Access configuration", bucket);
  if (account.state === 'error') return unreadable('the account-level Block Public Access configuration', account);
  throw new Error('a Block Public Access flag is unknown although both levels were read');
}
