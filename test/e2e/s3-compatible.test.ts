import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountFixture, AwsEndpoint, BucketFixture } from '../support/aws-endpoint/index.ts';
import { startAwsEndpoint } from '../support/aws-endpoint/index.ts';
import type { Report } from '../../src/report/types.ts';
import { parseJson } from '../support/json.ts';
import { ONLY_PINNED_CHECKS } from '../support/pinned-checks.ts';
import { runBuiltCli, TEST_CREDENTIALS } from '../support/run-cli.ts';
import { tempDir } from '../support/snapshot-file.ts';

/*
 * The built CLI against the local endpoint answering as Ceph RGW 16 does (dialect 'ceph-rgw',
 * reference ceph-rgw.md): no STS, no S3 Control, 200 answers with a bucket listing for the
 * configuration APIs it lacks, and an IsPublic oracle that is not AWS's.
 */

const OWNER = 'rgw-auditor';
const CHECKS = [
  'account-public-access-block',
  'access-point-network-origin',
  'bucket-access-logging',
  'bucket-acls-disabled',
  'bucket-default-encryption',
  'bucket-policy-cross-account',
  'bucket-policy-public',
  'bucket-public-access-block',
  'bucket-versioning',
].join(',');

const policy = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const allow = (sid: string, principal: unknown, bucket: string) => ({
  Sid: sid,
  Effect: 'Allow',
  Principal: principal,
  Action: 's3:GetObject',
  Resource: `arn:aws:s3:::${bucket}/*`,
});
const allOn = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const bucket = (name: string, overrides: Partial<BucketFixture> = {}): BucketFixture => ({ name, region: 'us-east-1', ...overrides });

const fixture: AccountFixture = {
  accountId: '123456789012',
  ownerId: OWNER,
  dialect: 'ceph-rgw',
  buckets: [
    // RGW does not enforce RestrictPublicBuckets: a public policy stays anonymously readable.
    bucket('site', { policy: policy(allow('PublicRead', '*', 'site')), policyStatus: { isPublic: true }, publicAccessBlock: allOn }),
    // RGW says IsPublic for any unconditioned Allow, whatever the principal.
    bucket('team', {
      policy: policy(allow('AliceReads', { AWS: 'arn:aws:iam:::user/alice' }, 'team')),
      policyStatus: { isPublic: true },
      versioning: { status: 'Enabled' },
    }),
  ],
};

const NOT_SUPPORTED = {
  encryption:
    'Could not read the default encryption configuration: not supported by this endpoint (the endpoint answered ' +
    'GetBucketEncryption with a <ListBucketResult> document instead of <ServerSideEncryptionConfiguration>).',
  logging:
    'Could not read the server access logging configuration: not supported by this endpoint (an empty BucketLoggingStatus ' +
    'from an S3-compatible endpoint cannot tell "logging off" from "bucket logging not implemented", and Ceph RGW answers nothing else).',
  ownership:
    'Could not read the Object Ownership setting: not supported by this endpoint (the endpoint answered ' +
    'GetBucketOwnershipControls with a <ListBucketResult> document instead of <OwnershipControls>).',
  accountPab:
    'Could not read the account-level Block Public Access configuration: not supported by this endpoint (the endpoint ' +
    'answered GetPublicAccessBlock with NoSuchBucket for the S3 Control path: it does not implement S3 Control).',
  accessPoints:
    'Could not read the access points of us-east-1: not supported by this endpoint (the endpoint answered ' +
    'ListAccessPoints with NoSuchBucket for the S3 Control path: it does not implement S3 Control).',
};

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

function scan(url: string, args: readonly string[]) {
  return runBuiltCli(['scan', '--endpoint-url', url, '--no-config', '--format', 'json', ...args], TEST_CREDENTIALS);
}

function findings(report: Report): string[] {
  return report.findings.map((f) => `${f.resource.name} ${f.checkId} ${f.status}: ${f.message}`);
}

describe('s3-audit scan against an S3-compatible store (Ceph RGW answers, built CLI)', () => {
  it('continues without STS and S3 Control, reports what the store lacks as not supported, and lets the evaluator judge policies', async () => {
    endpoint = await startAwsEndpoint(fixture);
    const run = await scan(endpoint.url, ['--checks', CHECKS]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = parseJson<Report>(run.stdout);
    expect(report.account).toBe(OWNER);
    expect(report.complete).toBe(false);
    expect(findings(report)).toEqual([
      `site bucket-access-logging unknown: ${NOT_SUPPORTED.logging}`,
      `site bucket-acls-disabled unknown: ${NOT_SUPPORTED.ownership}`,
      `site bucket-default-encryption unknown: ${NOT_SUPPORTED.encryption}`,
      'site bucket-policy-cross-account fail: The bucket policy grants access to accounts not listed as trusted: any account (Principal "*" in "PublicRead").',
      'site bucket-policy-public fail: The bucket policy is public ("PublicRead" allows s3:GetObject to Principal "*" with no ' +
        'condition that pins the caller to fixed values), and RestrictPublicBuckets (on at the bucket level) is not relied on ' +
        'to neutralize it: this S3-compatible endpoint is not AWS and need not enforce it (Ceph RGW does not).',
      'site bucket-public-access-block fail: RestrictPublicBuckets is on at the bucket but not relied on: this S3-compatible ' +
        'endpoint need not enforce it (Ceph RGW does not), so a public bucket policy still grants access to anyone. In effect: ' +
        'BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy from the bucket.',
      'site bucket-versioning fail: Versioning has never been enabled: an overwritten or deleted object cannot be recovered.',
      `team bucket-access-logging unknown: ${NOT_SUPPORTED.logging}`,
      `team bucket-acls-disabled unknown: ${NOT_SUPPORTED.ownership}`,
      `team bucket-default-encryption unknown: ${NOT_SUPPORTED.encryption}`,
      // alice is a user of the owner's (default) tenant: no other account.
      'team bucket-policy-cross-account pass: The bucket policy grants nothing to other accounts.',
      'team bucket-policy-public pass: The bucket policy grants access only to fixed principals, networks or accounts; this ' +
        "endpoint's GetBucketPolicyStatus says public, but it is not AWS's verdict off AWS, so s3-audit's evaluation decides.",
      // The store has no account level: only the bucket's own flags count, and it has none set.
      'team bucket-public-access-block fail: Block Public Access is not in effect for BlockPublicAcls (new public ACLs can be set), ' +
        'IgnorePublicAcls (public ACLs take effect), BlockPublicPolicy (a public bucket policy can be attached) and ' +
        'RestrictPublicBuckets (public bucket policies grant access to anyone): off at the account level (not supported by ' +
        'this endpoint) and at the bucket level.',
      'team bucket-versioning pass: Versioning is Enabled.',
      `* access-point-network-origin unknown: ${NOT_SUPPORTED.accessPoints}`,
      `${OWNER} account-public-access-block unknown: ${NOT_SUPPORTED.accountPab}`,
    ]);
    // STS was asked once and its refusal did not stop the scan.
    expect(endpoint.counts()['sts:GetCallerIdentity']).toBe(1);
  });

  it('reads an error without a message (RGW sends an empty <Message>) by its code and HTTP status', async () => {
    endpoint = await startAwsEndpoint({ ...fixture, buckets: [bucket('locked', { faults: { GetBucketVersioning: 'AccessDenied' } })] });
    const run = await scan(endpoint.url, ['--checks', 'bucket-versioning']);
    expect(run.code).toBe(3);
    expect(findings(parseJson<Report>(run.stdout))).toEqual([
      'locked bucket-versioning unknown: Could not read the versioning configuration: GetBucketVersioning failed with AccessDenied (HTTP 403 without error details).',
    ]);
  });

  it('names the account after --account-id, without asking STS', async () => {
    endpoint = await startAwsEndpoint(fixture);
    const run = await scan(endpoint.url, [...ONLY_PINNED_CHECKS, '--account-id', '111122223333', '--fail-on', 'none', '--allow-incomplete']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(parseJson<Report>(run.stdout).account).toBe('111122223333');
    expect(endpoint.counts()['sts:GetCallerIdentity']).toBeUndefined();
  });

  it.each([
    ['too short', '12345'],
    ['not digits', 'rgw-auditor'],
  ])('refuses an --account-id that is %s: exit 2, one line', async (_name, value) => {
    const run = await runBuiltCli(['scan', '--endpoint-url', 'http://127.0.0.1:9', '--account-id', value], TEST_CREDENTIALS);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`s3-audit: error: option '--account-id <id>' argument '${value}' is invalid. --account-id must be a 12-digit AWS account id, not '${value}'. (see 's3-audit --help')\n`);
  });

  it('keeps the S3-compatible judgement when a saved snapshot is evaluated again', async () => {
    endpoint = await startAwsEndpoint(fixture);
    const file = join(tempDir(), 'rgw.jsonl');
    const live = await scan(endpoint.url, ['--checks', 'bucket-policy-public', '--save-snapshot', file]);
    const replay = await runBuiltCli(['scan', '--snapshot', file, '--no-config', '--format', 'json', '--checks', 'bucket-policy-public'], TEST_CREDENTIALS);
    expect(replay.code).toBe(1);
    expect(findings(parseJson<Report>(replay.stdout))).toEqual(findings(parseJson<Report>(live.stdout)));
  });
});
