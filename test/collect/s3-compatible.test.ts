import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { collectAccount } from '../../src/collect/collect-account.ts';
import { rootElement, unsupportedAnswer } from '../../src/collect/response-shape.ts';
import type { DataKey } from '../../src/snapshot/types.ts';
import { sendXml, useLocalServers, type RecordedRequest } from './http-server.ts';
import { bucketsOf, collectOptions, readAll } from './support.ts';

/*
 * The real SDK against a loopback server that answers as Ceph RGW 16 does (reference
 * ceph-rgw.md): no STS, no S3 Control, unpaginated ListBuckets without regions, and 200 answers
 * with the wrong document for the configuration APIs it does not implement.
 */

const startServer = useLocalServers();
const S3 = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
const LIST_BUCKET_RESULT = `<ListBucketResult ${S3}><Name>data</Name><Prefix></Prefix><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>`;

function fakeRgw(request: RecordedRequest, response: ServerResponse): void {
  const url = new URL(request.url, 'http://localhost');
  const path = url.pathname.replace(/(.)\/$/, '$1');
  const has = (subresource: string) => url.searchParams.has(subresource);
  if (request.method === 'POST' && path === '/') {
    // RGW's error bodies carry an empty <Message>.
    sendXml(response, 405, '<Error><Code>MethodNotAllowed</Code><Message></Message><RequestId>tx1</RequestId></Error>');
  } else if (path.startsWith('/v20180820/')) {
    sendXml(response, 404, '<Error><Code>NoSuchBucket</Code><Message></Message><BucketName>v20180820</BucketName></Error>');
  } else if (path === '/' && request.method === 'GET') {
    sendXml(
      response,
      200,
      `<ListAllMyBucketsResult ${S3}><Owner><ID>rgw-auditor</ID><DisplayName>Auditor</DisplayName></Owner><Buckets>` +
        '<Bucket><Name>data</Name><CreationDate>2026-11-27T10:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>',
    );
  } else if (request.method === 'HEAD' && path === '/data') {
    response.writeHead(200);
    response.end();
  } else if (path === '/data' && (has('encryption') || has('ownershipControls'))) {
    sendXml(response, 200, LIST_BUCKET_RESULT);
  } else if (path === '/data' && has('publicAccessBlock')) {
    sendXml(
      response,
      200,
      '<BlockPublicAccessBlockConfiguration><BlockPublicAcls>false</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls>' +
        '<BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets></BlockPublicAccessBlockConfiguration>',
    );
  } else if (path === '/data' && has('logging')) {
    sendXml(response, 200, `<BucketLoggingStatus ${S3}/>`);
  } else if (path === '/data' && has('versioning')) {
    sendXml(response, 501, '<Error><Code>NotImplemented</Code><Message></Message></Error>');
  } else {
    sendXml(response, 400, `<Error><Code>UnexpectedRequest</Code><Message>${request.method} ${request.url}</Message></Error>`);
  }
}

const NEEDS: readonly DataKey[] = ['accountPublicAccessBlock', 'encryption', 'ownershipControls', 'publicAccessBlock', 'logging', 'versioning', 'accessPointListing'];

describe('collectAccount against an S3-compatible store (Ceph RGW answers)', () => {
  it('names the account by the ListBuckets owner and records unimplemented reads as NotSupportedByEndpoint', async () => {
    const server = await startServer(fakeRgw);
    const endpoint = server.url;
    const collection = await collectAccount(
      collectOptions({ endpoints: { s3: endpoint, s3control: endpoint, sts: endpoint, kms: endpoint } }, NEEDS),
    );
    const records = await readAll(collection.records);

    expect(collection.header.account).toEqual({
      accountId: 'rgw-auditor',
      partition: 'aws',
      region: 'us-east-1',
      publicAccessBlock: {
        state: 'error',
        operation: 'GetPublicAccessBlock',
        code: 'NotSupportedByEndpoint',
        message: 'the endpoint answered GetPublicAccessBlock with NoSuchBucket for the S3 Control path: it does not implement S3 Control',
      },
      s3Compatible: true,
      // RGW policies name the owner's users as arn:aws:iam::<tenant>:user/…; this owner is in the default tenant.
      policyAccountId: '',
    });
    expect(bucketsOf(records)).toEqual([
      {
        name: 'data',
        region: 'us-east-1',
        creationDate: '2026-11-27T10:00:00.000Z',
        encryption: {
          state: 'error',
          operation: 'GetBucketEncryption',
          code: 'NotSupportedByEndpoint',
          message: 'the endpoint answered GetBucketEncryption with a <ListBucketResult> document instead of <ServerSideEncryptionConfiguration>',
        },
        versioning: {
          state: 'error',
          operation: 'GetBucketVersioning',
          code: 'NotSupportedByEndpoint',
          message: 'the endpoint answered HTTP 501 NotImplemented to GetBucketVersioning: it does not implement it',
        },
        logging: {
          state: 'error',
          operation: 'GetBucketLogging',
          code: 'NotSupportedByEndpoint',
          message:
            'an empty BucketLoggingStatus from an S3-compatible endpoint cannot tell "logging off" from "bucket logging not implemented", and Ceph RGW answers nothing else',
        },
        publicAccessBlock: {
          state: 'present',
          value: { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false },
        },
        ownershipControls: {
          state: 'error',
          operation: 'GetBucketOwnershipControls',
          code: 'NotSupportedByEndpoint',
          message: 'the endpoint answered GetBucketOwnershipControls with a <ListBucketResult> document instead of <OwnershipControls>',
        },
      },
    ]);
    expect(records.filter((record) => record.type === 'listing-error')).toEqual([
      {
        type: 'listing-error',
        error: {
          operation: 'ListAccessPoints',
          region: 'us-east-1',
          code: 'NotSupportedByEndpoint',
          message: 'the endpoint answered ListAccessPoints with NoSuchBucket for the S3 Control path: it does not implement S3 Control',
        },
      },
    ]);
    // The owner id is no AWS account id: AWS would reject it as ExpectedBucketOwner, a store ignores it.
    const bucketRequests = server.requests.filter((request) => request.url.startsWith('/data'));
    expect(bucketRequests.map((request) => request.headers['x-amz-expected-bucket-owner'])).toEqual(bucketRequests.map(() => undefined));
  });

  it('takes the account from --account-id without asking STS, and sends it as ExpectedBucketOwner', async () => {
    const server = await startServer(fakeRgw);
    const endpoint = server.url;
    const collection = await collectAccount(
      collectOptions({ endpoints: { s3: endpoint, s3control: endpoint, sts: endpoint }, accountId: '111122223333' }, ['logging']),
    );
    await readAll(collection.records);
    expect(collection.header.account).toEqual({ accountId: '111122223333', partition: 'aws', region: 'us-east-1', s3Compatible: true });
    expect(server.requests.some((request) => request.method === 'POST')).toBe(false);
    const logging = server.requests.find((request) => request.url.includes('logging'));
    expect(logging?.headers['x-amz-expected-bucket-owner']).toBe('111122223333');
  });

  it('fails with one actionable line when neither STS nor ListBuckets names the account', async () => {
    const server = await startServer((request, response) => {
      if (request.method === 'GET') sendXml(response, 200, `<ListAllMyBucketsResult ${S3}><Buckets></Buckets></ListAllMyBucketsResult>`);
      else fakeRgw(request, response);
    });
    await expect(collectAccount(collectOptions({ endpoints: { s3: server.url, sts: server.url } }))).rejects.toThrow(
      'Could not identify the account: STS GetCallerIdentity failed at the endpoint and ListBuckets named no owner; pass --account-id',
    );
  });
});

describe('the expected shape of each answer', () => {
  it.each([
    ['a namespaced document after an XML declaration', `<?xml version="1.0" encoding="UTF-8"?>\n${LIST_BUCKET_RESULT}`, 'ListBucketResult'],
    ['a self-closing root with a namespace prefix', '<s3:BucketLoggingStatus xmlns:s3="x"/>', 'BucketLoggingStatus'],
    ['a comment before the root', '<!-- rgw --><PolicyStatus><IsPublic>false</IsPublic></PolicyStatus>', 'PolicyStatus'],
    ['a truncated document (the SDK reports it as malformed)', '<?xml version="1.0"?><ListAllMyBucketsResult><Buckets><Bucket><Name>', undefined],
    ['JSON', '{"Version":"2012-10-17"}', undefined],
  ])('root element of %s', (_name, body, root) => {
    expect(rootElement(body)).toBe(root);
  });

  it.each([
    ['the right document', 's3', 'GetBucketEncryption', 200, '<ServerSideEncryptionConfiguration><Rule/></ServerSideEncryptionConfiguration>', undefined],
    ["RGW's own Block Public Access root (it implements the API)", 's3', 'GetPublicAccessBlock', 200, '<BlockPublicAccessBlockConfiguration/>', undefined],
    ['an operation without an XML document (the policy is JSON)', 's3', 'GetBucketPolicy', 200, LIST_BUCKET_RESULT, undefined],
    ['a "not configured" 404 of S3', 's3', 'GetBucketCors', 404, '<Error><Code>NoSuchCORSConfiguration</Code></Error>', undefined],
    ['throttling', 's3', 'GetBucketCors', 503, '<Error><Code>SlowDown</Code></Error>', undefined],
    [
      'an empty 200',
      's3',
      'GetBucketLifecycleConfiguration',
      200,
      '',
      'the endpoint answered GetBucketLifecycleConfiguration with an empty body instead of <LifecycleConfiguration>',
    ],
    [
      'another document',
      's3',
      'GetBucketCors',
      200,
      LIST_BUCKET_RESULT,
      'the endpoint answered GetBucketCors with a <ListBucketResult> document instead of <CORSConfiguration>',
    ],
    ['405 without a code', 's3', 'GetBucketLogging', 405, '', 'the endpoint answered HTTP 405 to GetBucketLogging: it does not implement it'],
    [
      'S3 Control reaching an S3-only store',
      's3control',
      'ListAccessPoints',
      404,
      '<Error><Code>NoSuchBucket</Code></Error>',
      'the endpoint answered ListAccessPoints with NoSuchBucket for the S3 Control path: it does not implement S3 Control',
    ],
  ] as const)('%s', (_name, service, operation, status, body, reason) => {
    expect(unsupportedAnswer(service, operation, status, body)).toBe(reason);
  });
});
