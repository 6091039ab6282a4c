import { describe, expect, it } from 'vitest';
import { denyCoverage, describeGaps } from '../../src/policy/coverage.ts';
import type { DenyQuestion } from '../../src/policy/coverage.ts';
import { oldTlsQuestion, plainHttpQuestion, presignedQuestion, sseCUploadQuestion, uploadQuestion } from '../../src/policy/s3-questions.ts';
import type { Policy } from '../../src/policy/types.ts';
import { BUCKET, DENY_HTTP, OBJECTS, policyOf, SCOPE } from './support.ts';

interface Shape {
  readonly name: string;
  readonly statements: readonly unknown[];
  readonly covered: boolean;
  /** describeGaps, in full; [] when covered or when no Deny applies at all. */
  readonly gaps: readonly string[];
}

function answer(policy: Policy, question: DenyQuestion): { covered: boolean; gaps: string[] } {
  const coverage = denyCoverage(policy, question);
  return { covered: coverage.covered, gaps: describeGaps(coverage, question) };
}

function runShapes(title: string, ask: (policy: Policy) => DenyQuestion, shapes: readonly Shape[]): void {
  describe(title, () => {
    it.each(shapes.map((shape) => [shape.name, shape] as const))('%s', (_name, shape) => {
      const policy = policyOf(shape.statements);
      expect(answer(policy, ask(policy))).toEqual({ covered: shape.covered, gaps: shape.gaps });
    });
  });
}

const tls = (condition: unknown, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ ...DENY_HTTP, Condition: condition, ...overrides });
const without = (key: string, statement: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(statement).filter(([k]) => k !== key));

runShapes('is every plain-HTTP request denied? (bucket-tls-only)', (policy) => plainHttpQuestion(policy, SCOPE), [
  { name: "AWS's documented RestrictToTLSRequestsOnly statement covers everything", statements: [DENY_HTTP], covered: true, gaps: [] },
  { name: 'Principal {"AWS":"*"} is the same as "*"', statements: [{ ...DENY_HTTP, Principal: { AWS: '*' } }], covered: true, gaps: [] },
  { name: 'Principal {"AWS":["*"]} is the same as "*"', statements: [{ ...DENY_HTTP, Principal: { AWS: ['*'] } }], covered: true, gaps: [] },
  { name: 'Action "*" covers every S3 action', statements: [{ ...DENY_HTTP, Action: '*' }], covered: true, gaps: [] },
  { name: 'Action ["s3:*"] as a list is the same as the string', statements: [{ ...DENY_HTTP, Action: ['s3:*'] }], covered: true, gaps: [] },
  { name: 'lower-case action "S3:*" matches (actions are case-insensitive)', statements: [{ ...DENY_HTTP, Action: 'S3:*' }], covered: true, gaps: [] },
  { name: 'a JSON boolean false counts (peer false FAIL)', statements: [tls({ Bool: { 'aws:SecureTransport': false } })], covered: true, gaps: [] },
  { name: 'a one-element list ["false"] counts (peer false FAIL)', statements: [tls({ Bool: { 'aws:SecureTransport': ['false'] } })], covered: true, gaps: [] },
  { name: 'BoolIfExists counts: aws:SecureTransport is always present (peer false FAIL)', statements: [tls({ BoolIfExists: { 'aws:SecureTransport': 'false' } })], covered: true, gaps: [] },
  { name: 'a lower-case key aws:securetransport counts (peer false FAIL)', statements: [tls({ bool: { 'aws:securetransport': 'False' } })], covered: true, gaps: [] },
  { name: 'Resource "arn:aws:s3:::logs*" covers the bucket and its objects', statements: [{ ...DENY_HTTP, Resource: 'arn:aws:s3:::logs*' }], covered: true, gaps: [] },
  { name: 'two statements, one for the bucket and one for the objects, together cover everything', statements: [{ ...DENY_HTTP, Resource: BUCKET }, { ...DENY_HTTP, Resource: OBJECTS }], covered: true, gaps: [] },
  { name: 'an unconditional Deny of everything also denies HTTP', statements: [without('Condition', DENY_HTTP)], covered: true, gaps: [] },
  { name: 'Bool ["true","false"] denies every request, HTTP included', statements: [tls({ Bool: { 'aws:SecureTransport': ['true', 'false'] } })], covered: true, gaps: [] },
  { name: 'NumericLessThanIfExists s3:TlsVersion 1.2 also denies HTTP (no TLS version)', statements: [tls({ NumericLessThanIfExists: { 's3:TlsVersion': '1.2' } })], covered: true, gaps: [] },
  { name: 'an extra StringNotEquals aws:SourceVpce leaves requests through that endpoint undenied', statements: [tls({ Bool: { 'aws:SecureTransport': 'false' }, StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c' } })], covered: false, gaps: ['a request with aws:SourceVpce=vpce-1a2b3c is not denied'] },
  { name: 'an extra StringEquals aws:SourceVpce only denies through that endpoint', statements: [tls({ Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c' } })], covered: false, gaps: ['a request without aws:SourceVpce is not denied'] },
  { name: 'an extra NotIpAddress leaves the office network undenied', statements: [tls({ Bool: { 'aws:SecureTransport': 'false' }, NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } })], covered: false, gaps: ['a request with aws:SourceIp=192.0.2.0 is not denied'] },
  { name: 'a Deny exempting this account via aws:PrincipalAccount leaves its principals out', statements: [tls({ Bool: { 'aws:SecureTransport': 'false' }, StringNotEquals: { 'aws:PrincipalAccount': '123456789012' } })], covered: false, gaps: ["the Deny's condition on aws:PrincipalAccount leaves out principals of this account (123456789012)"] },
  { name: 'Bool aws:PrincipalIsAWSService false also leaves out anonymous requests, which lack the key', statements: [tls({ Bool: { 'aws:SecureTransport': 'false', 'aws:PrincipalIsAWSService': 'false' } })], covered: false, gaps: ["the Deny's condition on aws:PrincipalIsAWSService leaves out anonymous requests, AWS service principals"] },
  { name: 'BoolIfExists aws:PrincipalIsAWSService false leaves out only AWS service principals', statements: [tls({ Bool: { 'aws:SecureTransport': 'false' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } })], covered: false, gaps: ["the Deny's condition on aws:PrincipalIsAWSService leaves out AWS service principals"] },
  { name: 'an exemption written as ArnNotLike aws:PrincipalArn is named', statements: [tls({ Bool: { 'aws:SecureTransport': 'false' }, ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/admin-*' } })], covered: false, gaps: ["the Deny's condition on aws:PrincipalArn leaves out arn:aws:iam::123456789012:role/admin-*"] },
  { name: 'Resource logs/* only: bucket-level actions are not denied (Prowler #1481 shape)', statements: [{ ...DENY_HTTP, Resource: OBJECTS }], covered: false, gaps: ['Deny covers arn:aws:s3:::logs/* but not arn:aws:s3:::logs'] },
  { name: 'Resource bucket ARN only: object actions are not denied', statements: [{ ...DENY_HTTP, Resource: BUCKET }], covered: false, gaps: ['Deny covers arn:aws:s3:::logs but not arn:aws:s3:::logs/*'] },
  { name: 'one prefix only', statements: [{ ...DENY_HTTP, Resource: `${BUCKET}/private/*` }], covered: false, gaps: ['Deny covers arn:aws:s3:::logs/private/* but not arn:aws:s3:::logs, arn:aws:s3:::logs/*'] },
  { name: 'NotResource exempting a prefix is named', statements: [{ ...without('Resource', DENY_HTTP), NotResource: `${BUCKET}/public/*` }], covered: false, gaps: ['NotResource exempts arn:aws:s3:::logs/public/*'] },
  { name: 'a Deny on s3:PutObject only (peer substring false PASS on s3:PutObjectAcl)', statements: [{ ...DENY_HTTP, Action: 's3:PutObjectAcl' }], covered: false, gaps: ['Deny does not cover s3:ListBucket, s3:ListBucketVersions, s3:ListBucketMultipartUploads, s3:GetBucketPolicy and 21 more'] },
  { name: 'Action "s3:Get*" is not every action (peer false PASS on "*" substring)', statements: [{ ...DENY_HTTP, Action: 's3:Get*' }], covered: false, gaps: ['Deny does not cover s3:ListBucket, s3:ListBucketVersions, s3:ListBucketMultipartUploads, s3:PutBucketPolicy and 16 more'] },
  { name: 'NotAction exempts the listed action', statements: [{ ...without('Action', DENY_HTTP), NotAction: 's3:GetObject' }], covered: false, gaps: ['NotAction exempts s3:GetObject'] },
  { name: 'a Deny aimed at one role leaves everyone else (peer false PASS: Principal never checked)', statements: [{ ...DENY_HTTP, Principal: { AWS: 'arn:aws:iam::123456789012:role/app' } }], covered: false, gaps: ['the Deny applies only to arn:aws:iam::123456789012:role/app, not to anonymous requests, principals of this account (123456789012), principals of other accounts, AWS service principals'] },
  { name: 'NotPrincipal exempts the named role (peer false PASS)', statements: [{ ...without('Principal', DENY_HTTP), NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/break-glass' } }], covered: false, gaps: ['NotPrincipal exempts arn:aws:iam::123456789012:role/break-glass'] },
  { name: "NotPrincipal with a role and its account (AWS's documented form) exempts that role and the root user, not the account's other principals", statements: [{ ...without('Principal', DENY_HTTP), NotPrincipal: { AWS: ['arn:aws:iam::123456789012:role/ops', 'arn:aws:iam::123456789012:root'] } }], covered: false, gaps: ['NotPrincipal exempts arn:aws:iam::123456789012:role/ops, arn:aws:iam::123456789012:root'] },
  { name: 'NotPrincipal with an account ARN exempts that account root user', statements: [{ ...without('Principal', DENY_HTTP), NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }], covered: false, gaps: ['NotPrincipal exempts arn:aws:iam::111122223333:root'] },
  { name: 'a NotPrincipal on the bucket statement only exempts the role from bucket-level actions', statements: [{ ...without('Principal', DENY_HTTP), Resource: BUCKET, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/x' } }, { ...DENY_HTTP, Resource: OBJECTS }], covered: false, gaps: ['NotPrincipal exempts arn:aws:iam::123456789012:role/x from s3:ListBucket, s3:ListBucketVersions, s3:ListBucketMultipartUploads, s3:GetBucketPolicy and 8 more'] },
  { name: 'a Deny of object actions for one role leaves the rest of the principals without it', statements: [{ ...DENY_HTTP, Resource: BUCKET }, { ...DENY_HTTP, Resource: OBJECTS, Principal: { AWS: 'arn:aws:iam::123456789012:role/app' } }], covered: false, gaps: ['Deny does not cover s3:GetObject, s3:GetObjectVersion, s3:PutObject, s3:DeleteObject and 10 more for anonymous requests, principals of this account (123456789012), principals of other accounts, AWS service principals'] },
  { name: 'an Allow with aws:SecureTransport true denies nothing (re:Post KC: not compliant)', statements: [tls({ Bool: { 'aws:SecureTransport': 'true' } }, { Effect: 'Allow' })], covered: false, gaps: [] },
  { name: 'a Deny of s3:TlsVersion < 1.2 alone does not block plain HTTP (key absent)', statements: [tls({ NumericLessThan: { 's3:TlsVersion': 1.2 } })], covered: false, gaps: [] },
  { name: 'the condition on the wrong value ("true") denies HTTPS instead', statements: [tls({ Bool: { 'aws:SecureTransport': 'true' } })], covered: false, gaps: [] },
  { name: 'no statements about TLS at all', statements: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:*', Resource: OBJECTS }], covered: false, gaps: [] },
]);

runShapes('is every request with TLS older than 1.2 denied? (bucket-tls-min-version)', (policy) => oldTlsQuestion(policy, SCOPE, '1.1'), [
  { name: "AWS's documented NumericLessThan s3:TlsVersion 1.2 with s3:* covers everything", statements: [tls({ NumericLessThan: { 's3:TlsVersion': 1.2 } })], covered: true, gaps: [] },
  { name: 'a version written as the string "1.2" is the same', statements: [tls({ NumericLessThan: { 's3:TlsVersion': '1.2' } })], covered: true, gaps: [] },
  { name: "AWS's Example 8 denies s3:PutObject only", statements: [tls({ NumericLessThan: { 's3:TlsVersion': 1.2 } }, { Action: 's3:PutObject' })], covered: false, gaps: ['Deny does not cover s3:ListBucket, s3:ListBucketVersions, s3:ListBucketMultipartUploads, s3:GetBucketPolicy and 21 more'] },
  { name: 'a threshold of 1.1 lets TLS 1.1 through', statements: [tls({ NumericLessThan: { 's3:TlsVersion': 1.1 } })], covered: false, gaps: [] },
  { name: 'the plain-HTTP deny does nothing for old TLS', statements: [DENY_HTTP], covered: false, gaps: [] },
]);

runShapes('is every upload without SSE-KMS denied? (bucket-policy-requires-sse-kms, header AES256)', (policy) => uploadQuestion(policy, SCOPE, 'AES256'), [
  { name: "AWS's DenyUnEncryptedObjectUploads (StringNotEquals aws:kms) covers it", statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: OBJECTS, Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } }], covered: true, gaps: [] },
  { name: 'allowing DSSE-KMS too still denies AES256', statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: OBJECTS, Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': ['aws:kms', 'aws:kms:dsse'] } } }], covered: true, gaps: [] },
  { name: 'a Null-only deny (header missing) lets an AES256 upload through', statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: OBJECTS, Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } } }], covered: false, gaps: [] },
  { name: 'a TLS Deny is not about encryption: it neither covers nor hides a prefix-only SSE-KMS Deny', statements: [DENY_HTTP, { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${BUCKET}/in/*`, Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } }], covered: false, gaps: ['Deny covers arn:aws:s3:::logs/in/* but not arn:aws:s3:::logs/*'] },
  { name: 'a TLS Deny alone does not count as targeting SSE-KMS uploads', statements: [DENY_HTTP], covered: false, gaps: [] },
  { name: 'the SSE-S3 variant (StringNotEquals AES256) requires the wrong algorithm', statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: OBJECTS, Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } } }], covered: false, gaps: [] },
]);

runShapes('is every upload without an encryption header denied? (header absent)', (policy) => uploadQuestion(policy, SCOPE, undefined), [
  { name: 'StringNotEquals also denies uploads that omit the header (missing key → true)', statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: OBJECTS, Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } }], covered: true, gaps: [] },
  { name: 'StringNotEqualsIfExists denies them too (IfExists on a missing key is true)', statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: OBJECTS, Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } } }], covered: true, gaps: [] },
  { name: 'denying only AES256 explicitly lets header-less uploads through', statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: OBJECTS, Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' } } }], covered: false, gaps: [] },
]);

runShapes('is every SSE-C upload denied? (bucket-sse-c-blocked, policy half)', (policy) => sseCUploadQuestion(policy, SCOPE), [
  { name: 'a Null false deny on the customer-algorithm header covers it', statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: OBJECTS, Condition: { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } } }], covered: true, gaps: [] },
  { name: 'the SSE-KMS requirement also denies SSE-C uploads (no SSE header)', statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: OBJECTS, Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } }], covered: true, gaps: [] },
  { name: 'a Deny for one prefix leaves the rest of the bucket', statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${BUCKET}/in/*`, Condition: { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } } }], covered: false, gaps: ['Deny covers arn:aws:s3:::logs/in/* but not arn:aws:s3:::logs/*'] },
]);

runShapes('is every presigned URL older than an hour denied? (bucket-presigned-url-age)', (policy) => presignedQuestion(policy, SCOPE, 3_600_001), [
  { name: 'NumericGreaterThan s3:signatureAge 600000 (10 minutes) covers it', statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: OBJECTS, Condition: { NumericGreaterThan: { 's3:signatureAge': 600000 } } }], covered: true, gaps: [] },
  { name: 'denying query-string authentication outright covers it', statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: OBJECTS, Condition: { StringEquals: { 's3:authType': 'REST-QUERY-STRING' } } }], covered: true, gaps: [] },
  { name: 'a seven-day limit is longer than an hour', statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: OBJECTS, Condition: { NumericGreaterThan: { 's3:signatureAge': 604800000 } } }], covered: false, gaps: [] },
]);
