import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountFixture, AwsEndpoint } from '../support/aws-endpoint/index.ts';
import { startAwsEndpoint } from '../support/aws-endpoint/index.ts';
import type { JsonReport } from '../../src/report/types.ts';
import { parseJson } from '../support/json.ts';
import { runBuiltCli, TEST_CREDENTIALS } from '../support/run-cli.ts';
import { artifactUri } from '../../src/report/sarif.ts';
import { sarifProblems } from '../support/sarif-validation.ts';
import { tempDir } from '../support/snapshot-file.ts';

const ACCOUNT = '123456789012';
const AP_CHECKS = [
  'access-point-policy-public',
  'access-point-network-origin',
  'access-point-public-access-block',
  'object-lambda-access-point-policy-public',
  'multi-region-access-point-public-access-block',
].join(',');
const allOff = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const allOn = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const apArn = (region: string, name: string): string => `arn:aws:s3:${region}:${ACCOUNT}:accesspoint/${name}`;
const publicRead = (resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: resource }],
});

/** A shared bucket in each of two regions, with an Internet and a VPC door, an Object Lambda door and a global one. */
const fixture: AccountFixture = {
  accountId: ACCOUNT,
  accountPublicAccessBlock: allOff,
  buckets: [
    { name: 'shared-data', region: 'us-east-1' },
    { name: 'shared-eu', region: 'eu-west-1' },
  ],
  accessPoints: [
    {
      name: 'partners',
      region: 'us-east-1',
      bucket: 'shared-data',
      publicAccessBlock: allOff,
      policy: publicRead(`${apArn('us-east-1', 'partners')}/object/*`),
      policyStatus: { isPublic: true },
    },
    {
      name: 'analytics',
      region: 'us-east-1',
      bucket: 'shared-data',
      vpcId: 'vpc-0analytics',
      publicAccessBlock: allOff,
      policy: publicRead(`${apArn('us-east-1', 'analytics')}/object/*`),
    },
    { name: 'eu-team', region: 'eu-west-1', bucket: 'shared-eu' },
    { name: 'faraway', region: 'ap-south-1', bucket: 'other-account-bucket', bucketAccountId: '111122223333' },
  ],
  objectLambdaAccessPoints: [
    {
      name: 'redacted',
      region: 'us-east-1',
      supportingAccessPoint: 'analytics',
      functionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:redact`,
      policy: {
        Version: '2012-10-17',
        Statement: [{ Sid: 'App', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app` }, Action: 's3-object-lambda:GetObject', Resource: '*' }],
      },
    },
  ],
  multiRegionAccessPoints: [
    {
      name: 'global',
      alias: 'mfzwi23gnjvgw.mrap',
      publicAccessBlock: { ...allOn, blockPublicPolicy: false },
      regions: [
        { bucket: 'shared-data', region: 'us-east-1' },
        { bucket: 'shared-eu', region: 'eu-west-1' },
      ],
    },
  ],
};

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

function verdicts(report: JsonReport): string[] {
  return report.findings.map((f) => `${f.status} ${f.checkId} ${f.resource.name}`);
}

describe('access points end to end (built CLI, real SDK, local endpoint)', () => {
  it('finds the access points of every bucket region, Object Lambda and Multi-Region ones, and judges each', async () => {
    endpoint = await startAwsEndpoint(fixture);
    const run = await runBuiltCli(['scan', '--endpoint-url', endpoint.url, '--format', 'json', '--checks', AP_CHECKS], TEST_CREDENTIALS);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = parseJson<JsonReport>(run.stdout);
    expect(report.complete).toBe(true);
    expect(verdicts(report).sort()).toEqual(
      [
        'pass access-point-policy-public analytics',
        'pass access-point-network-origin analytics',
        'fail access-point-public-access-block analytics',
        'fail access-point-policy-public partners',
        'fail access-point-network-origin partners',
        'fail access-point-public-access-block partners',
        'pass access-point-policy-public eu-team',
        'fail access-point-network-origin eu-team',
        'pass access-point-public-access-block eu-team',
        'pass object-lambda-access-point-policy-public redacted',
        'fail multi-region-access-point-public-access-block global',
      ].sort(),
    );
    const message = (checkId: string, name: string): string | undefined =>
      report.findings.find((f) => f.checkId === checkId && f.resource.name === name)?.message;
    expect(message('access-point-policy-public', 'partners')).toBe(
      'The policy of access point partners (bucket shared-data) is public and RestrictPublicBuckets is off at the account and at the access point: ' +
        '"PublicRead" allows s3:GetObject to Principal "*" with no condition that pins the caller to fixed values.',
    );
    expect(message('access-point-policy-public', 'analytics')).toBe(
      'The access point analytics (bucket shared-data) accepts requests only from VPC vpc-0analytics, and AWS never treats an access point with a VPC network origin as public.',
    );
    expect(message('object-lambda-access-point-policy-public', 'redacted')).toBe(
      'The policy of Object Lambda access point redacted (bucket shared-data) grants access only to fixed principals, networks or accounts.',
    );
    expect(message('multi-region-access-point-public-access-block', 'global')).toBe(
      'The Multi-Region Access Point global (buckets shared-data in us-east-1 and shared-eu in eu-west-1) was created with BlockPublicPolicy off; ' +
        'its Block Public Access settings cannot be changed after creation.',
    );
    const partners = report.findings.find((f) => f.resource.name === 'partners');
    expect(partners?.resource).toEqual({
      type: 'access-point',
      arn: apArn('us-east-1', 'partners'),
      name: 'partners',
      region: 'us-east-1',
      account: ACCOUNT,
      bucket: 'shared-data',
    });
    // One listing per bucket region (plus the home region's account-wide client), MRAPs only in us-west-2.
    const listings = endpoint.requests.filter((r) => r.operation === 'ListAccessPoints').map((r) => r.region);
    expect(listings.sort()).toEqual(['eu-west-1', 'us-east-1']);
    expect(endpoint.requests.filter((r) => r.operation === 'ListMultiRegionAccessPoints').map((r) => r.region)).toEqual(['us-west-2']);
  });

  it('saves access points in the snapshot and replays them to the same verdicts', async () => {
    endpoint = await startAwsEndpoint(fixture);
    const file = join(tempDir(), 'snapshot.jsonl');
    const live = await runBuiltCli(
      ['scan', '--endpoint-url', endpoint.url, '--format', 'json', '--checks', AP_CHECKS, '--save-snapshot', file, '--quiet'],
      TEST_CREDENTIALS,
    );
    const replay = await runBuiltCli(['scan', '--snapshot', file, '--format', 'json', '--checks', AP_CHECKS]);
    expect(replay.stderr).toBe('');
    const liveVerdicts = verdicts(parseJson<JsonReport>(live.stdout));
    expect(liveVerdicts).toHaveLength(11);
    expect(verdicts(parseJson<JsonReport>(replay.stdout))).toEqual(liveVerdicts);
  });

  it('--regions adds regions without buckets; an invalid name is a usage error', async () => {
    endpoint = await startAwsEndpoint(fixture);
    const run = await runBuiltCli(
      ['scan', '--endpoint-url', endpoint.url, '--format', 'json', '--checks', 'access-point-network-origin', '--regions', 'ap-south-1'],
      TEST_CREDENTIALS,
    );
    const report = parseJson<JsonReport>(run.stdout);
    expect(report.findings.find((f) => f.resource.name === 'faraway')?.message).toBe(
      'The access point faraway (bucket other-account-bucket of account 111122223333) has network origin Internet: it accepts requests from anywhere, not only from a VPC.',
    );
    const invalid = await runBuiltCli(['scan', '--endpoint-url', endpoint.url, '--regions', 'eu-west-1,Frankfurt'], TEST_CREDENTIALS);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toBe("s3-audit: error: --regions: 'Frankfurt' is not an AWS region name (expected e.g. eu-west-1)\n");
  });

  it('a denied listing leaves the scan incomplete (exit 3) and names the region', async () => {
    endpoint = await startAwsEndpoint({ ...fixture, faults: { ListAccessPoints: 'AccessDenied' } });
    const run = await runBuiltCli(
      ['scan', '--endpoint-url', endpoint.url, '--format', 'json', '--checks', 'access-point-network-origin', '--bucket', 'shared-eu'],
      TEST_CREDENTIALS,
    );
    expect(run.code).toBe(3);
    const report = parseJson<JsonReport>(run.stdout);
    // Every region with a bucket of the account is searched, also those --bucket leaves out.
    expect(report.findings.map((f) => [f.status, f.resource.arn, f.message])).toEqual(
      ['eu-west-1', 'us-east-1'].map((region) => [
        'unknown',
        `arn:aws:s3:${region}:${ACCOUNT}:accesspoint/*`,
        `Could not read the access points of ${region}: ListAccessPoints failed with AccessDenied (Access Denied).`,
      ]),
    );
    expect(report.errors.map((e) => [e.operation, e.code])).toEqual([
      ['ListAccessPoints', 'AccessDenied'],
      ['ListAccessPoints', 'AccessDenied'],
    ]);
  });

  it('files access point alerts under their bucket in SARIF that GitHub accepts, and shows them under the bucket in the table', async () => {
    endpoint = await startAwsEndpoint(fixture);
    const sarif = await runBuiltCli(['scan', '--endpoint-url', endpoint.url, '--format', 'sarif', '--checks', AP_CHECKS], TEST_CREDENTIALS);
    const log = parseJson<{ runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }>(sarif.stdout);
    expect(sarifProblems(sarif.stdout)).toEqual([]);
    const uris = new Set(log.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri));
    expect(uris).toContain('aws/123456789012/us-east-1/s3/shared-data/access-point/partners');
    expect(uris).toContain(artifactUri({ type: 'multi-region-access-point', arn: '', name: 'global', region: '', account: ACCOUNT }));
    const table = await runBuiltCli(['scan', '--endpoint-url', endpoint.url, '--no-color', '--checks', AP_CHECKS], TEST_CREDENTIALS);
    expect(table.stdout).toContain('  access-point partners  us-east-1  bucket shared-data\n');
    expect(table.stdout).toContain('  multi-region-access-point global\n');
  });
});
