import type { BucketIndex } from './bucket-index.ts';
import { apiError } from './faults.ts';
import type { ApiError } from './faults.ts';
import {
  bucketFault,
  creationDate,
  effectiveAcl,
  effectiveObjectLock,
  effectivePolicyStatus,
  ownerId,
  policyText,
} from './fixture.ts';
import type { AccountFixture, BucketFixture, S3BucketOperationName, S3ObjectOperationName } from './fixture.ts';
import { header } from './protocol.ts';
import type { Answer, EndpointRequest, Reply, Routed, Service } from './protocol.ts';
import { rgwAnswer } from './rgw-dialect.ts';
import * as bodies from './s3-bodies.ts';
import { findVersion, objectAnswer, objectFault, objectOperationOf } from './s3-object-routes.ts';
import { leaf, node } from './xml.ts';

/** The GET subresource (query key) that selects each bucket-configuration operation. */
const SUBRESOURCES: ReadonlyMap<string, Exclude<S3BucketOperationName, 'HeadBucket'>> = new Map([
  ['location', 'GetBucketLocation'],
  ['encryption', 'GetBucketEncryption'],
  ['policy', 'GetBucketPolicy'],
  ['policyStatus', 'GetBucketPolicyStatus'],
  ['versioning', 'GetBucketVersioning'],
  ['logging', 'GetBucketLogging'],
  ['object-lock', 'GetObjectLockConfiguration'],
  ['cors', 'GetBucketCors'],
  ['publicAccessBlock', 'GetPublicAccessBlock'],
  ['acl', 'GetBucketAcl'],
  ['ownershipControls', 'GetBucketOwnershipControls'],
  ['lifecycle', 'GetBucketLifecycleConfiguration'],
]);

/** "Not configured" answers, exactly as AWS words them (reference §1.2). */
const NOT_CONFIGURED = {
  encryption: apiError('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found', 404),
  policy: apiError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404),
  objectLock: apiError('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', 404),
  cors: apiError('NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404),
  publicAccessBlock: apiError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404),
  ownershipControls: apiError('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found', 404),
  lifecycle: apiError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404),
} as const;

/** GetBucketPolicy's payload is raw JSON: the SDK passes any body through, so break the JSON instead. */
const MALFORMED_POLICY: Reply = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"Version":"2012-10-17","Statement":[{' };

const MAX_BUCKETS_LIMIT = 10_000;
/** AWS rejects unpaginated ListBuckets for accounts whose bucket quota exceeds 10,000. */
const UNPAGINATED_LIMIT = 10_000;
const LIST_PARAMS = ['max-buckets', 'continuation-token', 'prefix', 'bucket-region'] as const;

function xmlReply(body: string, headers: Readonly<Record<string, string>> = {}, contentType = 'application/xml'): Reply {
  return { status: 200, headers: { 'content-type': contentType, ...headers }, body };
}

function withBucket(error: ApiError, bucket: string): ApiError {
  return { ...error, details: { BucketName: bucket } };
}

function decodeToken(token: string): string | undefined {
  const name = Buffer.from(token, 'base64url').toString('utf8');
  return name === '' || Buffer.from(name, 'utf8').toString('base64url') !== token ? undefined : name;
}

function configurationAnswer(
  operation: Exclude<S3BucketOperationName, 'HeadBucket'>,
  bucket: BucketFixture,
  account: AccountFixture,
): Answer {
  switch (operation) {
    case 'GetBucketLocation':
      return xmlReply(bodies.locationBody(bucket.region));
    case 'GetBucketEncryption':
      return bucket.encryption === undefined ? NOT_CONFIGURED.encryption : xmlReply(bodies.encryptionBody(bucket.encryption));
    case 'GetBucketPolicy':
      return bucket.policy === undefined ? NOT_CONFIGURED.policy : xmlReply(policyText(bucket.policy), {}, 'application/json');
    case 'GetBucketPolicyStatus': {
      const status = effectivePolicyStatus(bucket);
      return status === undefined ? NOT_CONFIGURED.policy : xmlReply(bodies.policyStatusBody(status));
    }
    case 'GetBucketVersioning':
      return xmlReply(bodies.versioningBody(bucket.versioning));
    case 'GetBucketLogging':
      return xmlReply(bodies.loggingBody(bucket.logging));
    case 'GetObjectLockConfiguration': {
      const lock = effectiveObjectLock(bucket);
      return lock === undefined ? NOT_CONFIGURED.objectLock : xmlReply(bodies.objectLockBody(lock));
    }
    case 'GetBucketCors':
      return bucket.cors === undefined ? NOT_CONFIGURED.cors : xmlReply(bodies.corsBody(bucket.cors));
    case 'GetPublicAccessBlock':
      return bucket.publicAccessBlock === undefined
        ? NOT_CONFIGURED.publicAccessBlock
        : xmlReply(bodies.publicAccessBlockBody(bucket.publicAccessBlock));
    case 'GetBucketAcl':
      return xmlReply(bodies.aclBody(effectiveAcl(bucket, account)));
    case 'GetBucketOwnershipControls':
      return bucket.ownershipControls === undefined
        ? NOT_CONFIGURED.ownershipControls
        : xmlReply(bodies.ownershipControlsBody(bucket.ownershipControls));
    case 'GetBucketLifecycleConfiguration':
      return bucket.lifecycle === undefined ? NOT_CONFIGURED.lifecycle : xmlReply(bodies.lifecycleBody(bucket.lifecycle));
  }
}

/** S3 REST-XML, path-style addressing (`/<bucket>?<subresource>`). */
export function s3Service(account: AccountFixture, buckets: BucketIndex): Service {
  const owner = ownerId(account);
  const rgw = account.dialect === 'ceph-rgw';

  function listBuckets(request: EndpointRequest): Answer {
    // RGW ignores every ListBuckets parameter: all buckets, no regions, no token.
    const query = rgw ? new URLSearchParams() : request.query;
    const parameterised = LIST_PARAMS.some((p) => query.has(p));
    if (!parameterised && buckets.size > UNPAGINATED_LIMIT) {
      return apiError('InvalidRequest', 'Unpaginated ListBuckets requests are not supported for this account; specify max-buckets', 400);
    }
    const maxParam = query.get('max-buckets');
    const maxBuckets = maxParam === null ? (parameterised ? MAX_BUCKETS_LIMIT : buckets.size) : Number(maxParam);
    if (maxParam !== null && !(Number.isInteger(maxBuckets) && maxBuckets >= 1 && maxBuckets <= MAX_BUCKETS_LIMIT)) {
      return apiError('InvalidArgument', 'Argument max-buckets must be an integer between 1 and 10000', 400);
    }
    const token = query.get('continuation-token');
    const after = token === null ? undefined : decodeToken(token);
    if (token !== null && after === undefined) return apiError('InvalidArgument', 'The continuation token provided is incorrect', 400);
    const prefix = query.get('prefix') ?? undefined;
    const region = query.get('bucket-region') ?? undefined;
    const page = buckets.page({
      maxBuckets,
      ...(prefix === undefined ? {} : { prefix }),
      ...(region === undefined ? {} : { region }),
      ...(after === undefined ? {} : { after }),
    });
    return xmlReply(
      bodies.listBucketsBody({
        ownerId: owner,
        buckets: page.buckets,
        creationDate,
        // Like AWS: regions only when the request expresses pagination or filtering.
        withRegion: parameterised,
        ...(page.lastName === undefined ? {} : { continuationToken: Buffer.from(page.lastName, 'utf8').toString('base64url') }),
        ...(prefix === undefined ? {} : { prefix }),
      }),
    );
  }

  /** Checks AWS makes before the operation itself: region, then expected owner. */
  function precondition(request: EndpointRequest, bucket: BucketFixture, operation: string): ApiError | undefined {
    const signedRegion = request.signing?.region;
    // GetBucketLocation exists to be called from anywhere; everything else must be signed for the bucket's region.
    if (operation !== 'GetBucketLocation' && signedRegion !== undefined && signedRegion !== bucket.region) {
      return {
        code: 'PermanentRedirect',
        message:
          'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
        status: 301,
        headers: { 'x-amz-bucket-region': bucket.region },
        details: { Bucket: bucket.name, Endpoint: `${bucket.name}.s3.${bucket.region}.amazonaws.com` },
      };
    }
    const expectedOwner = rgw ? undefined : header(request.headers, 'x-amz-expected-bucket-owner');
    if (expectedOwner !== undefined && expectedOwner !== account.accountId) return apiError('AccessDenied');
    return undefined;
  }

  /** Refused before the operation runs: no fault applies. */
  function refused(operation: string, bucket: string, error: ApiError): Routed {
    return { operation, bucket, answer: () => error };
  }

  function bucketOperation(request: EndpointRequest, name: string, operation: S3BucketOperationName): Routed {
    const bucket = buckets.get(name);
    if (bucket === undefined) return refused(operation, name, withBucket(apiError('NoSuchBucket'), name));
    const failed = precondition(request, bucket, operation);
    if (failed !== undefined) return refused(operation, name, failed);
    const spec = bucketFault(bucket, account, operation);
    return {
      operation,
      bucket: name,
      ...(spec === undefined ? {} : { fault: { spec, key: `${name}|${operation}` } }),
      ...(operation === 'GetBucketPolicy' ? { malformedReply: MALFORMED_POLICY } : {}),
      answer: () =>
        operation === 'HeadBucket'
          ? { status: 200, headers: rgw ? {} : { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false' }, body: '' }
          : ((rgw ? rgwAnswer(operation, bucket) : undefined) ?? configurationAnswer(operation, bucket, account)),
    };
  }

  function objectOperation(request: EndpointRequest, name: string, operation: S3ObjectOperationName, key: string | undefined): Routed {
    const bucket = buckets.get(name);
    if (bucket === undefined) return refused(operation, name, withBucket(apiError('NoSuchBucket'), name));
    const failed = precondition(request, bucket, operation);
    if (failed !== undefined) return refused(operation, name, failed);
    const version = key === undefined ? undefined : findVersion(bucket, key, request.query.get('versionId'));
    const spec = objectFault(bucket, operation, version);
    const scope = version === undefined ? name : `${name}/${version.key}?${version.versionId}`;
    return {
      operation,
      bucket: name,
      ...(spec === undefined ? {} : { fault: { spec, key: `${scope}|${operation}` } }),
      answer: () => objectAnswer(request, bucket, operation, key),
    };
  }

  function unsupported(operation: string, bucket?: string): Routed {
    const error = apiError('NotImplemented', `${operation} is not implemented by the test endpoint`);
    return { operation, ...(bucket === undefined ? {} : { bucket }), answer: () => error };
  }

  return {
    name: 's3',
    route(request) {
      const path = request.path.replace(/^\/+/, '');
      if (path === '') {
        if (request.method !== 'GET') return unsupported(`${request.method} /`);
        const spec = account.faults?.ListBuckets;
        return {
          operation: 'ListBuckets',
          ...(spec === undefined ? {} : { fault: { spec, key: 'account|ListBuckets' } }),
          answer: () => listBuckets(request),
        };
      }
      const slash = path.indexOf('/');
      const name = decodeURIComponent(slash === -1 ? path : path.slice(0, slash));
      const key = slash !== -1 && slash < path.length - 1 ? decodeURIComponent(path.slice(slash + 1)) : undefined;
      const objectOp = objectOperationOf(request, key);
      if (objectOp !== undefined) return objectOperation(request, name, objectOp, key);
      if (key !== undefined) return unsupported('ObjectOperation', name);
      if (request.method === 'HEAD' && request.query.size === 0) return bucketOperation(request, name, 'HeadBucket');
      if (request.method !== 'GET') return unsupported(`${request.method} bucket`, name);
      for (const key of request.query.keys()) {
        const operation = SUBRESOURCES.get(key);
        if (operation !== undefined) return bucketOperation(request, name, operation);
      }
      return unsupported('ListObjects', name);
    },
    renderError(error, request, requestId) {
      const details = Object.entries(error.details ?? {}).map(([k, v]) => leaf(k, v));
      // HEAD answers carry no body; the SDK derives the error name from the status alone.
      const body =
        request.method === 'HEAD'
          ? ''
          : '<?xml version="1.0" encoding="UTF-8"?>\n' +
            // RGW's error bodies carry an empty <Message> (the SDK then says "UnknownError").
            node('Error', [leaf('Code', error.code), leaf('Message', rgw ? '' : error.message), ...details, leaf('RequestId', requestId), leaf('HostId', requestId)]);
      return {
        status: error.status,
        headers: { 'content-type': 'application/xml', 'x-amz-id-2': requestId, ...error.headers },
        body,
      };
    },
    requestIdHeader: 'x-amz-request-id',
    throttleError: apiError('SlowDown'),
    malformedReply: xmlReply('<?xml version="1.0"?><ListAllMyBucketsResult><Buckets><Bucket><Name>'),
  };
}
