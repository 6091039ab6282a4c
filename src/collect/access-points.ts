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
} from '@aws-sdk/client-s3-control';
import type {
  AccessPoint,
  MultiRegionAccessPointReport,
  ObjectLambdaAccessPoint,
  ObjectLambdaConfiguration as SdkObjectLambdaConfiguration,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { DATA_SOURCES } from '../snapshot/data-sources.ts';
import { absent, present, type Observed } from '../snapshot/observed.ts';
import { ACCESS_POINT_DATA_KEYS, OBJECT_LAMBDA_DATA_KEYS } from '../snapshot/types.ts';
import type {
  AccessPointDataKey,
  AccessPointState,
  DataKey,
  MultiRegionAccessPointState,
  ObjectLambdaAccessPointState,
  ObjectLambdaConfiguration,
  ObjectLambdaDataKey,
  SnapshotRecord,
} from '../snapshot/types.ts';
import type { Api, SendOptions } from './api.ts';
import { describeError, observeFailure } from './errors.ts';
import { normalizePolicy, normalizePolicyStatus, normalizePublicAccessBlock } from './normalize.ts';

/** S3 Control routes every Multi-Region Access Point control-plane request to US West (Oregon). */
export const MULTI_REGION_CONTROL_REGION = 'us-west-2';

export interface AccessPointScope {
  readonly accountId: string;
  readonly partition: string;
  /** Every region the account uses: its buckets' regions plus --regions. */
  readonly regions: readonly string[];
  /** What the selected checks read; nothing is called for a resource type no check reads. */
  readonly needs: ReadonlySet<DataKey>;
}

/** Whether any selected check reads access points, Object Lambda or Multi-Region Access Points (needs include requirements). */
export function needsAccessPoints(needs: ReadonlySet<DataKey>): boolean {
  return needs.has('accessPointListing') || needs.has('objectLambdaListing') || needs.has('multiRegionAccessPointPublicAccessBlock');
}

/**
 * The access points of the account, one record each: per region the access points and Object
 * Lambda access points, then the Multi-Region Access Points (listed once, in us-west-2). A
 * listing that fails becomes a `listing-error` record: the scan is then incomplete, not clean.
 * A separate step from the bucket stream, so a caller can run it once per account (shard 1).
 */
export async function collectAccessPoints(api: Api, scope: AccessPointScope): Promise<SnapshotRecord[]> {
  const apKeys = ACCESS_POINT_DATA_KEYS.filter((key) => scope.needs.has(key));
  const olapKeys = OBJECT_LAMBDA_DATA_KEYS.filter((key) => scope.needs.has(key));
  const perRegion = await Promise.all(scope.regions.map((region) => collectRegion(api, scope, region, apKeys, olapKeys)));
  const multiRegion = scope.needs.has('multiRegionAccessPointPublicAccessBlock') ? await collectMultiRegion(api, scope) : [];
  return [...perRegion.flat(), ...multiRegion];
}

async function collectRegion(
  api: Api,
  scope: AccessPointScope,
  region: string,
  apKeys: readonly AccessPointDataKey[],
  olapKeys: readonly ObjectLambdaDataKey[],
): Promise<SnapshotRecord[]> {
  const client = api.clients.s3controlIn(region);
  const records: SnapshotRecord[] = [];
  // Object Lambda access points name their supporting access point: its bucket is the one behind them.
  const bucketByAccessPointArn = new Map<string, string>();
  if (scope.needs.has('accessPointListing')) {
    const listed = await listAll(region, 'ListAccessPoints', (token) => listAccessPointsPage(api, client, scope, region, token));
    if (!listed.ok) records.push(listed.record);
    else {
      for (const ap of listed.items) bucketByAccessPointArn.set(ap.arn, ap.bucket);
      records.push(...(await Promise.all(listed.items.map((ap) => collectAccessPoint(api, client, scope.accountId, ap, apKeys)))));
    }
  }
  if (scope.needs.has('objectLambdaListing')) {
    const listed = await listAll(region, 'ListAccessPointsForObjectLambda', (token) =>
      listObjectLambdaPage(api, client, scope, region, token),
    );
    if (!listed.ok) return [...records, listed.record];
    const collected = await Promise.all(
      listed.items.map((olap) => collectObjectLambda(api, client, scope.accountId, olap, olapKeys, bucketByAccessPointArn)),
    );
    records.push(...collected);
  }
  return records;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly next?: string | undefined;
}

export type Listing<T> = { readonly ok: true; readonly items: readonly T[] } | { readonly ok: false; readonly record: SnapshotRecord };

/** Follows NextToken to the end; a failed page fails the whole listing (a partial list would pass the rest). */
export async function listAll<T>(region: string, operation: string, page: (token: string | undefined) => Promise<Page<T>>): Promise<Listing<T>> {
  const items: T[] = [];
  let token: string | undefined;
  try {
    do {
      const result = await page(token);
      items.push(...result.items);
      // A store that hands back the token it was given would otherwise keep us here forever.
      token = result.next === token || result.next === '' ? undefined : result.next;
    } while (token !== undefined);
  } catch (err) {
    const { code, message } = describeError(err);
    return { ok: false, record: { type: 'listing-error', error: { operation, region, code, message } } };
  }
  return { ok: true, items };
}

type ListedAccessPoint = Pick<AccessPointState, 'name' | 'region' | 'arn' | 'bucket' | 'bucketAccountId' | 'networkOrigin' | 'vpcId'>;

async function listAccessPointsPage(
  api: Api,
  client: S3ControlClient,
  scope: AccessPointScope,
  region: string,
  token: string | undefined,
): Promise<Page<ListedAccessPoint>> {
  const input = { AccountId: scope.accountId, MaxResults: 1000, ...(token === undefined ? {} : { NextToken: token }) };
  const output = await api.call((options) => client.send(new ListAccessPointsCommand(input), options));
  return {
    items: (output.AccessPointList ?? []).flatMap((ap) => listedAccessPoint(ap, scope, region)),
    next: output.NextToken,
  };
}

function listedAccessPoint(ap: AccessPoint, scope: AccessPointScope, region: string): ListedAccessPoint[] {
  if (ap.Name === undefined || ap.Name === '' || ap.Bucket === undefined) return [];
  const vpcId = ap.VpcConfiguration?.VpcId;
  return [
    {
      name: ap.Name,
      region,
      arn: ap.AccessPointArn ?? `arn:${scope.partition}:s3:${region}:${scope.accountId}:accesspoint/${ap.Name}`,
      bucket: ap.Bucket,
      ...(ap.BucketAccountId === undefined ? {} : { bucketAccountId: ap.BucketAccountId }),
      // Only a VPC configuration makes an access point private; without one it is reachable from the internet.
      networkOrigin: ap.NetworkOrigin ?? (vpcId === undefined ? 'Internet' : 'VPC'),
      ...(vpcId === undefined ? {} : { vpcId }),
    },
  ];
}

type Read<T> = (client: S3ControlClient, input: { AccountId: string; Name: string }, options: SendOptions) => Promise<Observed<T>>;
/** The value inside a state field: Observed<PublicAccessBlock> | undefined → PublicAccessBlock. */
type ValueOf<F> = Exclude<F, undefined> extends Observed<infer T> ? T : never;
type AccessPointData = { -readonly [K in AccessPointDataKey]?: AccessPointState[K] };
type ObjectLambdaData = { -readonly [K in ObjectLambdaDataKey]?: ObjectLambdaAccessPointState[K] };

const ACCESS_POINT_READS: { readonly [K in AccessPointDataKey]: Read<ValueOf<AccessPointState[K]>> } = {
  accessPointPublicAccessBlock: async (c, input, o) => {
    const output = await c.send(new GetAccessPointCommand(input), o);
    return output.PublicAccessBlockConfiguration === undefined ? absent() : normalizePublicAccessBlock(output.PublicAccessBlockConfiguration);
  },
  accessPointPolicy: async (c, input, o) => normalizePolicy(await c.send(new GetAccessPointPolicyCommand(input), o)),
  accessPointPolicyStatus: async (c, input, o) => normalizePolicyStatus(await c.send(new GetAccessPointPolicyStatusCommand(input), o)),
};

const OBJECT_LAMBDA_READS: { readonly [K in ObjectLambdaDataKey]: Read<ValueOf<ObjectLambdaAccessPointState[K]>> } = {
  objectLambdaConfiguration: async (c, input, o) => {
    const output = await c.send(new GetAccessPointConfigurationForObjectLambdaCommand(input), o);
    return normalizeObjectLambdaConfiguration(output.Configuration);
  },
  objectLambdaPolicy: async (c, input, o) => normalizePolicy(await c.send(new GetAccessPointPolicyForObjectLambdaCommand(input), o)),
  objectLambdaPolicyStatus: async (c, input, o) =>
    normalizePolicyStatus(await c.send(new GetAccessPointPolicyStatusForObjectLambdaCommand(input), o)),
};

function normalizeObjectLambdaConfiguration(configuration: SdkObjectLambdaConfiguration | undefined): Observed<ObjectLambdaConfiguration> {
  if (configuration?.SupportingAccessPoint === undefined) return absent();
  const functionArns = (configuration.TransformationConfigurations ?? []).flatMap((t) => {
    const arn = t.ContentTransformation?.AwsLambda?.FunctionArn;
    return arn === undefined ? [] : [arn];
  });
  return present({ supportingAccessPoint: configuration.SupportingAccessPoint, functionArns });
}

/** One call per key, each through the shared limit; a failure is recorded in the value. */
async function readAll<K extends AccessPointDataKey | ObjectLambdaDataKey, D>(
  api: Api,
  client: S3ControlClient,
  input: { AccountId: string; Name: string },
  keys: readonly K[],
  reads: { readonly [key in K]: Read<unknown> },
): Promise<D> {
  const values = await Promise.all(
    keys.map(async (key): Promise<readonly [K, Observed<unknown>]> => {
      const { operation } = DATA_SOURCES[key];
      try {
        return [key, await api.call((options) => reads[key](client, input, options))];
      } catch (err) {
        return [key, observeFailure(operation, err)];
      }
    }),
  );
  // Built in `keys` order whatever order the calls finish in: snapshots stay byte-stable.
  return Object.fromEntries(values) as D;
}

async function collectAccessPoint(
  api: Api,
  client: S3ControlClient,
  accountId: string,
  listed: ListedAccessPoint,
  keys: readonly AccessPointDataKey[],
): Promise<SnapshotRecord> {
  const data = await readAll<AccessPointDataKey, AccessPointData>(api, client, { AccountId: accountId, Name: listed.name }, keys, ACCESS_POINT_READS);
  const deleted = deletedBy(data);
  if (deleted !== undefined) return deletedNote(`Access point ${listed.name} (bucket ${listed.bucket}, ${listed.region})`, deleted);
  return { type: 'access-point', accessPoint: { ...listed, ...data } };
}

/** The operation that answered NoSuchAccessPoint: the access point was deleted after it was listed. */
function deletedBy(data: Readonly<Record<string, Observed<unknown> | undefined>>): string | undefined {
  for (const value of Object.values(data)) {
    if (value?.state === 'error' && value.code === 'NoSuchAccessPoint') return value.operation;
  }
  return undefined;
}

/** Like a bucket deleted mid-scan: dropped from the scan with a note, not reported as unreadable. */
function deletedNote(what: string, operation: string): SnapshotRecord {
  return { type: 'note', message: `${what} was deleted during the scan (${operation} answered NoSuchAccessPoint); it is not in this report.` };
}

interface ListedObjectLambda {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
}

async function listObjectLambdaPage(
  api: Api,
  client: S3ControlClient,
  scope: AccessPointScope,
  region: string,
  token: string | undefined,
): Promise<Page<ListedObjectLambda>> {
  const input = { AccountId: scope.accountId, MaxResults: 1000, ...(token === undefined ? {} : { NextToken: token }) };
  const output = await api.call((options) => client.send(new ListAccessPointsForObjectLambdaCommand(input), options));
  const items = (output.ObjectLambdaAccessPointList ?? []).flatMap((olap: ObjectLambdaAccessPoint) =>
    olap.Name === undefined || olap.Name === ''
      ? []
      : [
          {
            name: olap.Name,
            region,
            arn: olap.ObjectLambdaAccessPointArn ?? `arn:${scope.partition}:s3-object-lambda:${region}:${scope.accountId}:accesspoint/${olap.Name}`,
          },
        ],
  );
  return { items, next: output.NextToken };
}

async function collectObjectLambda(
  api: Api,
  client: S3ControlClient,
  accountId: string,
  listed: ListedObjectLambda,
  keys: readonly ObjectLambdaDataKey[],
  bucketByAccessPointArn: ReadonlyMap<string, string>,
): Promise<SnapshotRecord> {
  const data = await readAll<ObjectLambdaDataKey, ObjectLambdaData>(api, client, { AccountId: accountId, Name: listed.name }, keys, OBJECT_LAMBDA_READS);
  const deleted = deletedBy(data);
  if (deleted !== undefined) return deletedNote(`Object Lambda access point ${listed.name} (${listed.region})`, deleted);
  const configuration = data.objectLambdaConfiguration;
  const bucket = configuration?.state === 'present' ? bucketByAccessPointArn.get(configuration.value.supportingAccessPoint) : undefined;
  return { type: 'object-lambda-access-point', objectLambdaAccessPoint: { ...listed, ...(bucket === undefined ? {} : { bucket }), ...data } };
}

async function collectMultiRegion(api: Api, scope: AccessPointScope): Promise<SnapshotRecord[]> {
  const client = api.clients.s3controlIn(MULTI_REGION_CONTROL_REGION);
  const listed = await listAll('', 'ListMultiRegionAccessPoints', async (token) => {
    const input = { AccountId: scope.accountId, ...(token === undefined ? {} : { NextToken: token }) };
    const output = await api.call((options) => client.send(new ListMultiRegionAccessPointsCommand(input), options));
    return { items: output.AccessPoints ?? [], next: output.NextToken };
  });
  if (!listed.ok) return [listed.record];
  return listed.items.flatMap((mrap) => {
    const state = multiRegionAccessPoint(mrap, scope);
    return state === undefined ? [] : [{ type: 'multi-region-access-point', multiRegionAccessPoint: state }];
  });
}

function multiRegionAccessPoint(mrap: MultiRegionAccessPointReport, scope: AccessPointScope): MultiRegionAccessPointState | undefined {
  if (mrap.Name === undefined || mrap.Name === '') return undefined;
  const alias = mrap.Alias ?? '';
  return {
    name: mrap.Name,
    alias,
    // Multi-Region Access Points are addressed by alias: arn:aws:s3::<account>:accesspoint/<alias>.
    arn: `arn:${scope.partition}:s3::${scope.accountId}:accesspoint/${alias === '' ? mrap.Name : alias}`,
    ...(mrap.Status === undefined ? {} : { status: mrap.Status }),
    regions: (mrap.Regions ?? []).map((r) => ({
      bucket: r.Bucket ?? '',
      region: r.Region ?? '',
      ...(r.BucketAccountId === undefined ? {} : { bucketAccountId: r.BucketAccountId }),
    })),
    multiRegionAccessPointPublicAccessBlock:
      mrap.PublicAccessBlock === undefined ? absent() : normalizePublicAccessBlock(mrap.PublicAccessBlock),
  };
}
