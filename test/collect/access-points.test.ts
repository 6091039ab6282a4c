import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import {
  GetAccessPointCommand,
  GetAccessPointConfigurationForObjectLambdaCommand,
  GetAccessPointPolicyCommand,
  GetAccessPointPolicyForObjectLambdaCommand,
  GetAccessPointPolicyStatusCommand,
  GetAccessPointPolicyStatusForObjectLambdaCommand,
  ListAccessPointsCommand,
  ListAccessPointsForObjectLambdaCommand,
  ListMultiRegionAccessPointsCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectAccount } from '../../src/collect/collect-account.ts';
import { withRequirements } from '../../src/snapshot/data-sources.ts';
import type { DataKey, SnapshotRecord } from '../../src/snapshot/types.ts';
import { ACCOUNT_ID, CALLER_ARN, awsError, collectOptions, readAll, useFakeCredentials } from './support.ts';

const s3 = mockClient(S3Client);
const s3control = mockClient(S3ControlClient);
const sts = mockClient(STSClient);

const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const apArn = (region: string, name: string): string => `arn:aws:s3:${region}:${ACCOUNT_ID}:accesspoint/${name}`;

beforeEach(() => {
  useFakeCredentials();
  s3.reset();
  s3control.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT_ID, Arn: CALLER_ARN });
  s3.on(ListBucketsCommand).resolves({
    Buckets: [
      { Name: 'data-us', BucketRegion: 'us-east-1' },
      { Name: 'data-eu', BucketRegion: 'eu-west-1' },
    ],
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function collect(needs: readonly DataKey[], overrides: Parameters<typeof collectOptions>[0] = {}): Promise<SnapshotRecord[]> {
  const collection = await collectAccount(collectOptions(overrides, [...withRequirements(needs)]));
  return (await readAll(collection.records)).filter((record) => record.type !== 'bucket');
}

/** The region of the client each S3 Control call of this command went through. */
async function regionsOf(command: { name: string }): Promise<string[]> {
  const calls = s3control.calls().filter((call) => call.args[0].constructor.name === command.name);
  const regions = await Promise.all(calls.map((call) => (call.thisValue as S3ControlClient).config.region()));
  return regions.sort();
}

describe('access points', () => {
  it('lists them in every region of the account and in --regions, following NextToken, with network origin and VPC', async () => {
    s3control
      .on(ListAccessPointsCommand, { NextToken: undefined })
      .callsFake(async (_input: unknown, getClient: () => S3ControlClient) => {
        const region = await getClient().config.region();
        if (region === 'us-east-1') {
          return {
            AccessPointList: [{ Name: 'team-a', Bucket: 'data-us', NetworkOrigin: 'Internet', AccessPointArn: apArn(region, 'team-a') }],
            NextToken: 'page-2',
          };
        }
        return { AccessPointList: [] };
      });
    s3control.on(ListAccessPointsCommand, { NextToken: 'page-2' }).resolves({
      AccessPointList: [
        {
          Name: 'team-b',
          Bucket: 'data-us',
          NetworkOrigin: 'VPC',
          VpcConfiguration: { VpcId: 'vpc-1' },
          AccessPointArn: apArn('us-east-1', 'team-b'),
          BucketAccountId: ACCOUNT_ID,
        },
      ],
    });
    const records = await collect(['accessPointListing'], { regions: ['ap-south-1'] });
    expect(records).toEqual([
      {
        type: 'access-point',
        accessPoint: { name: 'team-a', region: 'us-east-1', arn: apArn('us-east-1', 'team-a'), bucket: 'data-us', networkOrigin: 'Internet' },
      },
      {
        type: 'access-point',
        accessPoint: {
          name: 'team-b',
          region: 'us-east-1',
          arn: apArn('us-east-1', 'team-b'),
          bucket: 'data-us',
          bucketAccountId: ACCOUNT_ID,
          networkOrigin: 'VPC',
          vpcId: 'vpc-1',
        },
      },
    ]);
    expect(await regionsOf(ListAccessPointsCommand)).toEqual(['ap-south-1', 'eu-west-1', 'us-east-1', 'us-east-1']);
    expect(s3control.commandCalls(ListAccessPointsCommand).map((call) => call.args[0].input)).toContainEqual({
      AccountId: ACCOUNT_ID,
      MaxResults: 1000,
      NextToken: 'page-2',
    });
    expect(s3control.commandCalls(GetAccessPointCommand)).toHaveLength(0);
  });

  it('reads each one\'s Block Public Access, policy and policy status; "no policy" is absent, AccessDenied an error', async () => {
    s3control.on(ListAccessPointsCommand).callsFake(async (_input: unknown, getClient: () => S3ControlClient) => {
      const region = await getClient().config.region();
      return region === 'eu-west-1'
        ? { AccessPointList: [{ Name: 'open', Bucket: 'data-eu', NetworkOrigin: 'Internet', AccessPointArn: apArn(region, 'open') }] }
        : { AccessPointList: [{ Name: 'closed', Bucket: 'data-us', NetworkOrigin: 'Internet', AccessPointArn: apArn(region, 'closed') }] };
    });
    s3control.on(GetAccessPointCommand).resolves({ PublicAccessBlockConfiguration: ALL_ON });
    s3control.on(GetAccessPointPolicyCommand, { Name: 'open' }).resolves({ Policy: '{"Statement":[]}' });
    s3control
      .on(GetAccessPointPolicyCommand, { Name: 'closed' })
      .rejects(awsError({ code: 'NoSuchAccessPointPolicy', status: 404 }));
    s3control.on(GetAccessPointPolicyStatusCommand, { Name: 'open' }).rejects(awsError({ code: 'AccessDenied', status: 403, message: 'Access Denied' }));
    s3control
      .on(GetAccessPointPolicyStatusCommand, { Name: 'closed' })
      .rejects(awsError({ code: 'NoSuchAccessPointPolicy', status: 404 }));
    const records = await collect(['accessPointPublicAccessBlock', 'accessPointPolicy', 'accessPointPolicyStatus']);
    const pab = { state: 'present', value: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true } };
    expect(records).toEqual([
      {
        type: 'access-point',
        accessPoint: {
          name: 'open',
          region: 'eu-west-1',
          arn: apArn('eu-west-1', 'open'),
          bucket: 'data-eu',
          networkOrigin: 'Internet',
          accessPointPublicAccessBlock: pab,
          accessPointPolicy: { state: 'present', value: { text: '{"Statement":[]}' } },
          accessPointPolicyStatus: { state: 'error', operation: 'GetAccessPointPolicyStatus', code: 'AccessDenied', message: 'Access Denied' },
        },
      },
      {
        type: 'access-point',
        accessPoint: {
          name: 'closed',
          region: 'us-east-1',
          arn: apArn('us-east-1', 'closed'),
          bucket: 'data-us',
          networkOrigin: 'Internet',
          accessPointPublicAccessBlock: pab,
          accessPointPolicy: { state: 'absent', code: 'NoSuchAccessPointPolicy' },
          accessPointPolicyStatus: { state: 'absent', code: 'NoSuchAccessPointPolicy' },
        },
      },
    ]);
    for (const call of s3control.commandCalls(GetAccessPointPolicyCommand)) expect(call.args[0].input.AccountId).toBe(ACCOUNT_ID);
  });

  it('records a region whose listing is denied, so the scan cannot pass over it', async () => {
    s3control.on(ListAccessPointsCommand).callsFake(async (_input: unknown, getClient: () => S3ControlClient) => {
      if ((await getClient().config.region()) === 'eu-west-1') throw awsError({ code: 'AccessDenied', status: 403, message: 'Access Denied' });
      return { AccessPointList: [] };
    });
    expect(await collect(['accessPointListing'])).toEqual([
      { type: 'listing-error', error: { operation: 'ListAccessPoints', region: 'eu-west-1', code: 'AccessDenied', message: 'Access Denied' } },
    ]);
  });

  it('drops an access point deleted after it was listed, with a note', async () => {
    s3control.on(ListAccessPointsCommand).callsFake(async (_input: unknown, getClient: () => S3ControlClient) => {
      const region = await getClient().config.region();
      return region === 'us-east-1'
        ? { AccessPointList: [{ Name: 'gone', Bucket: 'data-us', NetworkOrigin: 'Internet', AccessPointArn: apArn(region, 'gone') }] }
        : {};
    });
    s3control.on(GetAccessPointCommand).rejects(awsError({ code: 'NoSuchAccessPoint', status: 404, message: 'The specified accesspoint does not exist' }));
    expect(await collect(['accessPointPublicAccessBlock'])).toEqual([
      {
        type: 'note',
        message: 'Access point gone (bucket data-us, us-east-1) was deleted during the scan (GetAccessPoint answered NoSuchAccessPoint); it is not in this report.',
      },
    ]);
  });

  it('leaves out the access points of buckets --bucket / --exclude-bucket leave out', async () => {
    s3control.on(ListAccessPointsCommand).callsFake(async (_input: unknown, getClient: () => S3ControlClient) => {
      const region = await getClient().config.region();
      const bucket = region === 'eu-west-1' ? 'data-eu' : 'data-us';
      return { AccessPointList: [{ Name: `ap-${bucket}`, Bucket: bucket, NetworkOrigin: 'Internet', AccessPointArn: apArn(region, `ap-${bucket}`) }] };
    });
    const records = await collect(['accessPointListing'], { includeBucket: (name) => name === 'data-eu' });
    expect(records.map((record) => (record.type === 'access-point' ? record.accessPoint.name : record.type))).toEqual(['ap-data-eu']);
  });

  it('makes no S3 Control call when no selected check reads access points', async () => {
    await collect(['versioning']);
    expect(s3control.calls()).toHaveLength(0);
  });
});

describe('Object Lambda access points', () => {
  it('reads configuration and policy, and finds the bucket behind the supporting access point', async () => {
    s3control.on(ListAccessPointsCommand).callsFake(async (_input: unknown, getClient: () => S3ControlClient) => {
      const region = await getClient().config.region();
      return region === 'us-east-1'
        ? { AccessPointList: [{ Name: 'team-a', Bucket: 'data-us', NetworkOrigin: 'Internet', AccessPointArn: apArn(region, 'team-a') }] }
        : {};
    });
    s3control.on(ListAccessPointsForObjectLambdaCommand).callsFake(async (_input: unknown, getClient: () => S3ControlClient) => {
      const region = await getClient().config.region();
      return region === 'us-east-1'
        ? {
            ObjectLambdaAccessPointList: [
              { Name: 'redact', ObjectLambdaAccessPointArn: `arn:aws:s3-object-lambda:us-east-1:${ACCOUNT_ID}:accesspoint/redact` },
            ],
          }
        : {};
    });
    s3control.on(GetAccessPointConfigurationForObjectLambdaCommand).resolves({
      Configuration: {
        SupportingAccessPoint: apArn('us-east-1', 'team-a'),
        TransformationConfigurations: [
          { Actions: ['GetObject'], ContentTransformation: { AwsLambda: { FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:redact' } } },
        ],
      },
    });
    s3control.on(GetAccessPointPolicyForObjectLambdaCommand).rejects(awsError({ status: 404 }));
    s3control.on(GetAccessPointPolicyStatusForObjectLambdaCommand).rejects(awsError({ code: 'NoSuchAccessPointPolicy', status: 404 }));
    const records = await collect(['objectLambdaConfiguration', 'objectLambdaPolicy', 'objectLambdaPolicyStatus']);
    expect(records.filter((record) => record.type === 'object-lambda-access-point')).toEqual([
      {
        type: 'object-lambda-access-point',
        objectLambdaAccessPoint: {
          name: 'redact',
          region: 'us-east-1',
          arn: `arn:aws:s3-object-lambda:us-east-1:${ACCOUNT_ID}:accesspoint/redact`,
          bucket: 'data-us',
          objectLambdaConfiguration: {
            state: 'present',
            value: { supportingAccessPoint: apArn('us-east-1', 'team-a'), functionArns: ['arn:aws:lambda:us-east-1:123456789012:function:redact'] },
          },
          objectLambdaPolicy: { state: 'absent', code: 'NotFound' },
          objectLambdaPolicyStatus: { state: 'absent', code: 'NoSuchAccessPointPolicy' },
        },
      },
    ]);
  });
});

describe('Multi-Region Access Points', () => {
  it('lists them once, through a us-west-2 client, with their Block Public Access', async () => {
    s3control.on(ListMultiRegionAccessPointsCommand).resolves({
      AccessPoints: [
        {
          Name: 'global',
          Alias: 'mfzwi23gnjvgw.mrap',
          Status: 'READY',
          PublicAccessBlock: { ...ALL_ON, RestrictPublicBuckets: false },
          Regions: [{ Bucket: 'data-us', Region: 'us-east-1', BucketAccountId: ACCOUNT_ID }],
        },
      ],
    });
    const records = await collect(['multiRegionAccessPointPublicAccessBlock']);
    expect(records).toEqual([
      {
        type: 'multi-region-access-point',
        multiRegionAccessPoint: {
          name: 'global',
          alias: 'mfzwi23gnjvgw.mrap',
          arn: `arn:aws:s3::${ACCOUNT_ID}:accesspoint/mfzwi23gnjvgw.mrap`,
          status: 'READY',
          regions: [{ bucket: 'data-us', region: 'us-east-1', bucketAccountId: ACCOUNT_ID }],
          multiRegionAccessPointPublicAccessBlock: {
            state: 'present',
            value: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: false },
          },
        },
      },
    ]);
    expect(await regionsOf(ListMultiRegionAccessPointsCommand)).toEqual(['us-west-2']);
    expect(s3control.commandCalls(ListAccessPointsCommand)).toHaveLength(0);
  });

  it('records a denied listing as a global listing error', async () => {
    s3control.on(ListMultiRegionAccessPointsCommand).rejects(awsError({ code: 'AccessDenied', status: 403, message: 'Access Denied' }));
    expect(await collect(['multiRegionAccessPointPublicAccessBlock'])).toEqual([
      { type: 'listing-error', error: { operation: 'ListMultiRegionAccessPoints', region: '', code: 'AccessDenied', message: 'Access Denied' } },
    ]);
  });
});
