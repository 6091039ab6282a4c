import { apiError } from './faults.ts';
import { accessPointArn, ALL_BLOCKED, objectLambdaArn, policyText } from './fixture.ts';
import type {
  AccessPointFixture,
  AccountFixture,
  MultiRegionAccessPointFixture,
  ObjectLambdaAccessPointFixture,
  PolicyDocument,
  S3ControlOperationName,
} from './fixture.ts';
import { header } from './protocol.ts';
import type { Answer, EndpointRequest, Reply, Service } from './protocol.ts';
import { publicAccessBlockBody } from './s3-bodies.ts';
import { leaf, node, S3CONTROL_NAMESPACE, xmlDocument } from './xml.ts';
import type { PolicyStatus, PublicAccessBlock } from '../../../src/snapshot/types.ts';

interface ControlRoute {
  readonly method: string;
  /** Matched against the path; capture groups reach `answer` (e.g. an access point name). */
  readonly pattern: RegExp;
  readonly operation: S3ControlOperationName;
  answer(account: AccountFixture, match: RegExpExecArray, request: EndpointRequest): Answer;
}

function xmlReply(root: string, children: readonly string[]): Reply {
  return { status: 200, headers: { 'content-type': 'application/xml' }, body: xmlDocument(root, children, S3CONTROL_NAMESPACE) };
}

function publicAccessBlockNode(name: string, pab: PublicAccessBlock): string {
  return node(name, [
    leaf('BlockPublicAcls', pab.blockPublicAcls),
    leaf('IgnorePublicAcls', pab.ignorePublicAcls),
    leaf('BlockPublicPolicy', pab.blockPublicPolicy),
    leaf('RestrictPublicBuckets', pab.restrictPublicBuckets),
  ]);
}

/** The region the request was signed for: access points are regional, and so is every listing. */
function signedRegion(request: EndpointRequest): string {
  return request.signing?.region ?? 'us-east-1';
}

/** One page of `items` from the `nextToken` query (an index here), at most `maxResults` (default 1000). */
function page<T>(items: readonly T[], request: EndpointRequest): { readonly items: readonly T[]; readonly next?: string } {
  const start = Number(request.query.get('nextToken') ?? '0');
  const size = Number(request.query.get('maxResults') ?? '1000') || 1000;
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}

function accessPointIn(account: AccountFixture, request: EndpointRequest, name: string): AccessPointFixture | undefined {
  const region = signedRegion(request);
  return account.accessPoints?.find((ap) => ap.name === decodeURIComponent(name) && ap.region === region);
}

function objectLambdaIn(account: AccountFixture, request: EndpointRequest, name: string): ObjectLambdaAccessPointFixture | undefined {
  const region = signedRegion(request);
  return account.objectLambdaAccessPoints?.find((olap) => olap.name === decodeURIComponent(name) && olap.region === region);
}

const NO_SUCH_ACCESS_POINT = apiError('NoSuchAccessPoint', 'The specified accesspoint does not exist', 404);
const NO_SUCH_POLICY = apiError('NoSuchAccessPointPolicy', 'The specified accesspoint policy does not exist', 404);

function policyReply(policy: PolicyDocument | undefined): Answer {
  return policy === undefined ? NO_SUCH_POLICY : xmlReply('GetAccessPointPolicyResult', [leaf('Policy', policyText(policy))]);
}

function policyStatusReply(root: string, policy: PolicyDocument | undefined, status: PolicyStatus | undefined): Answer {
  if (policy === undefined) return NO_SUCH_POLICY;
  return xmlReply(root, [node('PolicyStatus', [leaf('IsPublic', (status ?? { isPublic: false }).isPublic)])]);
}

function accessPointNode(account: AccountFixture, ap: AccessPointFixture): string {
  return node('AccessPoint', [
    leaf('Name', ap.name),
    leaf('NetworkOrigin', ap.vpcId === undefined ? 'Internet' : 'VPC'),
    ap.vpcId === undefined ? '' : node('VpcConfiguration', [leaf('VpcId', ap.vpcId)]),
    leaf('Bucket', ap.bucket),
    leaf('AccessPointArn', accessPointArn(account, ap)),
    leaf('Alias', `${ap.name}-abcdefghijklmnopqrstuvwxyz0123-s3alias`),
    leaf('BucketAccountId', ap.bucketAccountId ?? account.accountId),
  ]);
}

function multiRegionNode(mrap: MultiRegionAccessPointFixture): string {
  return node('AccessPoint', [
    leaf('Name', mrap.name),
    leaf('Alias', mrap.alias),
    leaf('CreatedAt', '2024-01-15T10:00:00.000Z'),
    publicAccessBlockNode('PublicAccessBlock', mrap.publicAccessBlock ?? ALL_BLOCKED),
    leaf('Status', mrap.status ?? 'READY'),
    node(
      'Regions',
      mrap.regions.map((r) => node('Region', [leaf('Bucket', r.bucket), leaf('Region', r.region)])),
    ),
  ]);
}

/** S3 Control routes every Multi-Region Access Point control-plane request to us-west-2; elsewhere it refuses. */
const MRAP_REGION = 'us-west-2';

// One entry per operation.
const ROUTES: readonly ControlRoute[] = [
  {
    method: 'GET',
    pattern: /^\/v20180820\/configuration\/publicAccessBlock\/?$/,
    operation: 'GetPublicAccessBlock',
    answer(account) {
      const pab = account.accountPublicAccessBlock;
      if (pab === undefined) {
        return apiError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404);
      }
      return { status: 200, headers: { 'content-type': 'application/xml' }, body: publicAccessBlockBody(pab, S3CONTROL_NAMESPACE) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/v20180820\/accesspoint\/?$/,
    operation: 'ListAccessPoints',
    answer(account, _match, request) {
      const region = signedRegion(request);
      const listed = page((account.accessPoints ?? []).filter((ap) => ap.region === region), request);
      return xmlReply('ListAccessPointsResult', [
        node('AccessPointList', listed.items.map((ap) => accessPointNode(account, ap))),
        leaf('NextToken', listed.next),
      ]);
    },
  },
  {
    method: 'GET',
    pattern: /^\/v20180820\/accesspoint\/([^/]+)\/policy$/,
    operation: 'GetAccessPointPolicy',
    answer(account, match, request) {
      const ap = accessPointIn(account, request, match[1] ?? '');
      return ap === undefined ? NO_SUCH_ACCESS_POINT : policyReply(ap.policy);
    },
  },
  {
    method: 'GET',
    pattern: /^\/v20180820\/accesspoint\/([^/]+)\/policyStatus$/,
    operation: 'GetAccessPointPolicyStatus',
    answer(account, match, request) {
      const ap = accessPointIn(account, request, match[1] ?? '');
      return ap === undefined ? NO_SUCH_ACCESS_POINT : policyStatusReply('GetAccessPointPolicyStatusResult', ap.policy, ap.policyStatus);
    },
  },
  {
    method: 'GET',
    pattern: /^\/v20180820\/accesspoint\/([^/]+)$/,
    operation: 'GetAccessPoint',
    answer(account, match, request) {
      const ap = accessPointIn(account, request, match[1] ?? '');
      if (ap === undefined) return NO_SUCH_ACCESS_POINT;
      return xmlReply('GetAccessPointResult', [
        leaf('Name', ap.name),
        leaf('Bucket', ap.bucket),
        leaf('NetworkOrigin', ap.vpcId === undefined ? 'Internet' : 'VPC'),
        ap.vpcId === undefined ? '' : node('VpcConfiguration', [leaf('VpcId', ap.vpcId)]),
        publicAccessBlockNode('PublicAccessBlockConfiguration', ap.publicAccessBlock ?? ALL_BLOCKED),
        leaf('CreationDate', '2024-01-15T10:00:00.000Z'),
        leaf('AccessPointArn', accessPointArn(account, ap)),
        leaf('BucketAccountId', ap.bucketAccountId ?? account.accountId),
      ]);
    },
  },
  {
    method: 'GET',
    pattern: /^\/v20180820\/accesspointforobjectlambda\/?$/,
    operation: 'ListAccessPointsForObjectLambda',
    answer(account, _match, request) {
      const region = signedRegion(request);
      const listed = page((account.objectLambdaAccessPoints ?? []).filter((olap) => olap.region === region), request);
      return xmlReply('ListAccessPointsForObjectLambdaResult', [
        node(
          'ObjectLambdaAccessPointList',
          listed.items.map((olap) =>
            node('ObjectLambdaAccessPoint', [leaf('Name', olap.name), leaf('ObjectLambdaAccessPointArn', objectLambdaArn(account, olap))]),
          ),
        ),
        leaf('NextToken', listed.next),
      ]);
    },
  },
  {
    method: 'GET',
    pattern: /^\/v20180820\/accesspointforobjectlambda\/([^/]+)\/configuration$/,
    operation: 'GetAccessPointConfigurationForObjectLambda',
    answer(account, match, request) {
      const olap = objectLambdaIn(account, request, match[1] ?? '');
      if (olap === undefined) return NO_SUCH_ACCESS_POINT;
      return xmlReply('GetAccessPointConfigurationForObjectLambdaResult', [
        node('Configuration', [
          leaf('SupportingAccessPoint', accessPointArn(account, { name: olap.supportingAccessPoint, region: olap.region })),
          node('TransformationConfigurations', [
            node('TransformationConfiguration', [
              node('Actions', [leaf('Action', 'GetObject')]),
              node('ContentTransformation', [node('AwsLambda', [leaf('FunctionArn', olap.functionArn)])]),
            ]),
          ]),
        ]),
      ]);
    },
  },
  {
    method: 'GET',
    pattern: /^\/v20180820\/accesspointforobjectlambda\/([^/]+)\/policy$/,
    operation: 'GetAccessPointPolicyForObjectLambda',
    answer(account, match, request) {
      const olap = objectLambdaIn(account, request, match[1] ?? '');
      if (olap === undefined) return NO_SUCH_ACCESS_POINT;
      return olap.policy === undefined
        ? NO_SUCH_POLICY
        : xmlReply('GetAccessPointPolicyForObjectLambdaResult', [leaf('Policy', policyText(olap.policy))]);
    },
  },
  {
    method: 'GET',
    pattern: /^\/v20180820\/accesspointforobjectlambda\/([^/]+)\/policyStatus$/,
    operation: 'GetAccessPointPolicyStatusForObjectLambda',
    answer(account, match, request) {
      const olap = objectLambdaIn(account, request, match[1] ?? '');
      if (olap === undefined) return NO_SUCH_ACCESS_POINT;
      return policyStatusReply('GetAccessPointPolicyStatusForObjectLambdaResult', olap.policy, olap.policyStatus);
    },
  },
  {
    method: 'GET',
    pattern: /^\/v20180820\/mrap\/instances\/?$/,
    operation: 'ListMultiRegionAccessPoints',
    answer(account, _match, request) {
      if (signedRegion(request) !== MRAP_REGION) {
        return apiError('InvalidRequest', `Multi-Region Access Point requests must be sent to ${MRAP_REGION}`, 400);
      }
      const listed = page(account.multiRegionAccessPoints ?? [], request);
      return xmlReply('ListMultiRegionAccessPointsResult', [
        node('AccessPoints', listed.items.map(multiRegionNode)),
        leaf('NextToken', listed.next),
      ]);
    },
  },
];

export function isS3ControlPath(path: string): boolean {
  return path.startsWith('/v20180820/');
}

/** S3 Control REST-XML: account-level S3 settings and access points, account id in `x-amz-account-id`. */
export function s3ControlService(account: AccountFixture): Service {
  return {
    name: 's3control',
    route(request) {
      for (const route of ROUTES) {
        const match = request.method === route.method ? route.pattern.exec(request.path) : null;
        if (match === null) continue;
        const { operation } = route;
        const accountId = header(request.headers, 'x-amz-account-id');
        if (accountId === undefined) {
          const error = apiError('InvalidRequest', 'Missing required header x-amz-account-id', 400);
          return { operation, answer: () => error };
        }
        if (accountId !== account.accountId) return { operation, answer: () => apiError('AccessDenied') };
        const spec = account.faults?.[operation];
        return {
          operation,
          ...(spec === undefined ? {} : { fault: { spec, key: `account|s3control:${operation}` } }),
          answer: () => route.answer(account, match, request),
        };
      }
      const operation = `${request.method} ${request.path}`;
      return { operation, answer: () => apiError('NotImplemented', `${operation} is not implemented by the test endpoint`) };
    },
    renderError(error, _request, requestId) {
      const details = Object.entries(error.details ?? {}).map(([k, v]) => leaf(k, v));
      const body =
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        node('ErrorResponse', [
          node('Error', [leaf('Code', error.code), leaf('Message', error.message), ...details]),
          leaf('RequestId', requestId),
          leaf('HostId', requestId),
        ]);
      return { status: error.status, headers: { 'content-type': 'application/xml', 'x-amz-id-2': requestId, ...error.headers }, body };
    },
    requestIdHeader: 'x-amz-request-id',
    throttleError: apiError('SlowDown'),
    malformedReply: { status: 200, headers: { 'content-type': 'application/xml' }, body: '<PublicAccessBlockConfiguration><BlockPublicAcls>' },
  };
}
