import { parsePolicy } from '../../src/policy/parse.ts';
import type { Policy } from '../../src/policy/types.ts';
import type { BucketScope } from '../../src/policy/s3-requests.ts';

export const SCOPE: BucketScope = { partition: 'aws', accountId: '123456789012', bucket: 'logs' };
export const BUCKET = 'arn:aws:s3:::logs';
export const OBJECTS = `${BUCKET}/*`;

export function policyOf(statements: unknown): Policy {
  const result = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
  if (!result.ok) throw new Error(result.error);
  return result.policy;
}

/** AWS's documented "deny non-TLS" statement (S3 UG, example bucket policies). */
export const DENY_HTTP = {
  Sid: 'RestrictToTLSRequestsOnly',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [BUCKET, OBJECTS],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};
