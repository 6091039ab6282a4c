import { parsePolicy } from '../../src/policy/parse.ts';
import { present } from '../../src/snapshot/observed.ts';
import type { BucketPolicy } from '../../src/snapshot/types.ts';
import type { Observed } from '../../src/snapshot/observed.ts';

/** The CheckTester's bucket is example-bucket in account 123456789012. */
export const BUCKET_ARN = 'arn:aws:s3:::example-bucket';
export const OBJECTS_ARN = `${BUCKET_ARN}/*`;

/** A bucket policy as GetBucketPolicy returns it: the JSON text of these statements. */
export function bucketPolicy(...statements: readonly unknown[]): Observed<BucketPolicy> {
  return present({ text: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
}

export const DENY_PLAIN_HTTP = {
  Sid: 'DenyPlainHttp',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [BUCKET_ARN, OBJECTS_ARN],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

/** The parser's own words for a text, so a case does not depend on the Node version's JSON error text. */
export function parseError(text: string): string {
  const result = parsePolicy(text);
  return result.ok ? '' : result.error;
}
