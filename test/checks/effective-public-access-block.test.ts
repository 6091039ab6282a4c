import { describe, expect, it } from 'vitest';
import { effectiveFlag } from '../../src/checks/lib/effective-public-access-block.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import type { PublicAccessBlock } from '../../src/snapshot/types.ts';

const allOff: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const restrict = present({ ...allOff, restrictPublicBuckets: true });
const off = present(allOff);
const denied = observedError('GetPublicAccessBlock', 'AccessDenied', 'Access Denied');

describe('effectiveFlag: account OR bucket, unknown never reads as off', () => {
  it.each([
    ['on at both levels', restrict, restrict, 'both'],
    ['on at the account only', restrict, off, 'account'],
    ['on at the bucket only', absent(), restrict, 'bucket'],
    ['off at both, absent configuration counts as off', absent(), off, 'off'],
    ['on at the account wins over an unreadable bucket', restrict, denied, 'account'],
    ['off at the bucket and unreadable account is unknown', denied, off, 'unknown'],
    ['off at the account and bucket not collected is unknown', off, undefined, 'unknown'],
    [
      'an account level the endpoint does not implement (no S3 Control off AWS) blocks nothing',
      observedError('GetPublicAccessBlock', 'NotSupportedByEndpoint', 'no S3 Control'),
      off,
      'off',
    ],
  ] as const)('%s', (_name, account, bucket, expected) => {
    expect(effectiveFlag('restrictPublicBuckets', account, bucket)).toBe(expected);
  });
});
