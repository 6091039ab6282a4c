import { afterEach, describe, expect, it } from 'vitest';
import type { AccountFixture, AwsEndpoint, BucketFixture } from '../support/aws-endpoint/index.ts';
import { startAwsEndpoint } from '../support/aws-endpoint/index.ts';
import type { JsonReport } from '../../src/report/types.ts';
import { parseJson } from '../support/json.ts';
import { runBuiltCli, TEST_CREDENTIALS } from '../support/run-cli.ts';

const ACCOUNT = '123456789012';
const POLICY_CHECKS = 'bucket-tls-only,bucket-policy-public,bucket-policy-cross-account';
const ALL_POLICY_CHECKS = `${POLICY_CHECKS},bucket-tls-min-version,bucket-policy-requires-sse-kms,bucket-sse-c-blocked,bucket-presigned-url-age`;
const allOff = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };

const arn = (bucket: string): string => `arn:aws:s3:::${bucket}`;
const denyHttp = (bucket: string, resource: string | string[] = [arn(bucket), `${arn(bucket)}/*`]) => ({
  Sid: 'DenyPlainHttp',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: resource,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});
const policy = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const deny = (sid: string, action: string, resource: string, condition: unknown) => ({ Sid: sid, Effect: 'Deny', Principal: '*', Action: action, Resource: resource, Condition: condition });
const sseKms = { rules: [{ sseAlgorithm: 'aws:kms', bucketKeyEnabled: true }] };
const bucket = (name: string, overrides: Partial<BucketFixture> = {}): BucketFixture => ({
  name,
  region: 'us-east-1',
  publicAccessBlock: allOff,
  ...overrides,
});

/** One bucket per verdict the policy checks can reach, served over the real S3 wire protocol. */
const fixture: AccountFixture = {
  accountId: ACCOUNT,
  accountPublicAccessBlock: allOff,
  buckets: [
    bucket('hardened', { policy: policy(denyHttp('hardened')) }),
    bucket('objects-only', { policy: policy(denyHttp('objects-only', `${arn('objects-only')}/*`)) }),
    bucket('public-site', {
      policy: policy(denyHttp('public-site'), { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${arn('public-site')}/*` }),
      policyStatus: { isPublic: true },
    }),
    bucket('partner-share', {
      policy: policy(denyHttp('partner-share'), {
        Sid: 'Partner',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:role/partner' },
        Action: 's3:GetObject',
        Resource: `${arn('partner-share')}/*`,
      }),
    }),
    bucket('no-policy'),
    bucket('broken', { policy: '{"Version": "2012-10-17", "Statement": [' }),
    bucket('locked', { policy: policy(denyHttp('locked')), faults: { GetBucketPolicy: 'AccessDenied' } }),
    bucket('vault', {
      encryption: { rules: [{ sseAlgorithm: 'aws:kms', bucketKeyEnabled: true, blockedEncryptionTypes: ['SSE-C'] }] },
      policy: policy(
        denyHttp('vault'),
        deny('DenyOldTls', 's3:*', 'arn:aws:s3:::vault*', { NumericLessThan: { 's3:TlsVersion': 1.2 } }),
        deny('DenyNonKms', 's3:PutObject', `${arn('vault')}/*`, { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } }),
        deny('ShortPresigned', 's3:*', `${arn('vault')}/*`, { NumericGreaterThan: { 's3:signatureAge': 600000 } }),
      ),
    }),
  ],
};

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

describe('bucket policy checks end to end (built CLI, real SDK, local endpoint)', () => {
  it('reaches the verdict each bucket policy deserves and names the gap', async () => {
    endpoint = await startAwsEndpoint(fixture);
    const run = await runBuiltCli(['scan', '--endpoint-url', endpoint.url, '--format', 'json', '--checks', POLICY_CHECKS], TEST_CREDENTIALS);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = parseJson<JsonReport>(run.stdout);
    const byBucket = (name: string) =>
      Object.fromEntries(report.findings.filter((f) => f.resource.name === name).map((f) => [f.checkId, `${f.status}: ${f.message}`]));

    expect(byBucket('hardened')).toEqual({
      'bucket-tls-only':
        'pass: The bucket policy denies every request over plain HTTP (aws:SecureTransport=false) by "DenyPlainHttp": all principals, every S3 action, arn:aws:s3:::hardened and its objects.',
      'bucket-policy-public': 'pass: The bucket policy grants access only to fixed principals, networks or accounts.',
      'bucket-policy-cross-account': 'pass: The bucket policy grants nothing to other accounts.',
    });
    expect(byBucket('objects-only')['bucket-tls-only']).toBe(
      'fail: The bucket policy does not deny every request over plain HTTP: Deny covers arn:aws:s3:::objects-only/* but not arn:aws:s3:::objects-only.',
    );
    expect(byBucket('public-site')['bucket-policy-public']).toBe(
      'fail: The bucket policy is public and RestrictPublicBuckets is off: "PublicRead" allows s3:GetObject to Principal "*" with no condition that pins the caller to fixed values.',
    );
    expect(byBucket('public-site')['bucket-policy-cross-account']).toBe(
      'fail: The bucket policy grants access to accounts not listed as trusted: any account (Principal "*" in "PublicRead").',
    );
    expect(byBucket('partner-share')['bucket-policy-cross-account']).toBe(
      'fail: The bucket policy grants access to accounts not listed as trusted: 111122223333 (arn:aws:iam::111122223333:role/partner in "Partner").',
    );
    expect(byBucket('no-policy')).toEqual({
      'bucket-tls-only': 'fail: No bucket policy: nothing denies requests over plain HTTP (aws:SecureTransport=false).',
      'bucket-policy-public': 'pass: No bucket policy, so no policy grants public access.',
      'bucket-policy-cross-account': 'pass: No bucket policy, so no policy grants access to other accounts.',
    });
    expect(byBucket('broken')['bucket-tls-only']).toMatch(
      /^unknown: The bucket policy is not a valid policy document \(not valid JSON \(.+\)\), so whether it denies plain HTTP is unknown\.$/,
    );
    expect(byBucket('locked')['bucket-tls-only']).toBe(
      'unknown: Could not read the bucket policy: GetBucketPolicy failed with AccessDenied (Access Denied).',
    );
  });

  it('runs every bucket policy check, off-by-default ones included, to a pass, fail or unknown', async () => {
    endpoint = await startAwsEndpoint({ ...fixture, buckets: fixture.buckets.map((b) => ({ ...b, encryption: b.encryption ?? sseKms })) });
    const run = await runBuiltCli(['scan', '--endpoint-url', endpoint.url, '--format', 'json', '--checks', ALL_POLICY_CHECKS], TEST_CREDENTIALS);
    expect(run.code).toBe(1);
    const report = parseJson<JsonReport>(run.stdout);
    const statuses = (name: string) => report.findings.filter((f) => f.resource.name === name).map((f) => `${f.checkId} ${f.status}`);

    expect(statuses('vault')).toEqual([
      'bucket-policy-cross-account pass',
      'bucket-policy-public pass',
      'bucket-policy-requires-sse-kms pass',
      'bucket-presigned-url-age pass',
      'bucket-sse-c-blocked pass',
      'bucket-tls-min-version pass',
      'bucket-tls-only pass',
    ]);
    expect(statuses('hardened')).toEqual([
      'bucket-policy-cross-account pass',
      'bucket-policy-public pass',
      'bucket-policy-requires-sse-kms fail',
      'bucket-presigned-url-age fail',
      'bucket-sse-c-blocked fail',
      'bucket-tls-min-version fail',
      'bucket-tls-only pass',
    ]);
    // An unreadable policy leaves every verdict unknown, except where AWS's own IsPublic answers.
    expect(statuses('locked').filter((verdict) => !verdict.endsWith(' unknown'))).toEqual(['bucket-policy-public pass']);
    expect(report.findings.find((f) => f.resource.name === 'locked' && f.checkId === 'bucket-policy-public')?.message).toBe(
      "The bucket policy grants access only to fixed principals, networks or accounts; GetBucketPolicy failed with AccessDenied, so this is GetBucketPolicyStatus's verdict.",
    );
    const vault = report.findings.filter((f) => f.resource.name === 'vault');
    expect(vault.find((f) => f.checkId === 'bucket-sse-c-blocked')?.message).toBe(
      'SSE-C uploads are blocked twice: BlockedEncryptionTypes contains SSE-C and the bucket policy denies them ("DenyNonKms").',
    );
    expect(vault.find((f) => f.checkId === 'bucket-policy-requires-sse-kms')?.message).toBe(
      'The bucket policy denies every upload that does not ask for SSE-KMS ("DenyNonKms"), including uploads without an encryption header.',
    );
  });
});
