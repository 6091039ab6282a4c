import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { collectAccount } from '../../src/collect/collect-account.ts';
import { PAB_XML, sendXml, useLocalServers, type RecordedRequest } from './http-server.ts';
import { ACCOUNT_ID, bucketsOf, collectOptions, readAll } from './support.ts';

/*
 * The real SDK against a loopback server: request building (hosts, paths, headers) and XML
 * parsing are the SDK's own, not mocked.
 */

const startServer = useLocalServers();

/** A tiny account: bucket "alpha" (region listed) and "beta" (region only from HeadBucket). */
function fakeAws(request: RecordedRequest, response: ServerResponse): void {
  const url = new URL(request.url, 'http://localhost');
  // Path-style bucket requests look like /bucket/?encryption=
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
  if (request.method === 'POST' && request.body.includes('Action=GetCallerIdentity')) {
    sendXml(
      response,
      200,
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
        `<Arn>arn:aws:iam::${ACCOUNT_ID}:user/auditor</Arn><UserId>AIDAEXAMPLE</UserId><Account>${ACCOUNT_ID}</Account>` +
        '</GetCallerIdentityResult></GetCallerIdentityResponse>',
    );
  } else if (path === '/v20180820/configuration/publicAccessBlock') {
    sendXml(response, 200, PAB_XML);
  } else if (path === '/' && request.method === 'GET') {
    sendXml(
      response,
      200,
      '<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>owner</ID></Owner><Buckets>' +
        '<Bucket><Name>alpha</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate><BucketRegion>eu-west-1</BucketRegion></Bucket>' +
        '<Bucket><Name>beta</Name><CreationDate>2024-02-01T00:00:00.000Z</CreationDate></Bucket>' +
        '</Buckets></ListAllMyBucketsResult>',
    );
  } else if (request.method === 'HEAD' && path === '/beta') {
    response.writeHead(200, { 'x-amz-bucket-region': 'us-west-2' });
    response.end();
  } else if (path === '/alpha' && url.searchParams.has('encryption')) {
    sendXml(
      response,
      200,
      '<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule>' +
        '<ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:quantum</SSEAlgorithm></ApplyServerSideEncryptionByDefault>' +
        '<BucketKeyEnabled>true</BucketKeyEnabled>' +
        '<BlockedEncryptionTypes><EncryptionType>SSE-C</EncryptionType></BlockedEncryptionTypes>' +
        '</Rule></ServerSideEncryptionConfiguration>',
    );
  } else if (path === '/beta' && url.searchParams.has('encryption')) {
    sendXml(
      response,
      404,
      '<Error><Code>ServerSideEncryptionConfigurationNotFoundError</Code>' +
        '<Message>The server side encryption configuration was not found</Message><BucketName>beta</BucketName></Error>',
    );
  } else if (path === '/alpha' && url.searchParams.has('versioning')) {
    sendXml(response, 200, '<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>');
  } else if (path === '/beta' && url.searchParams.has('versioning')) {
    // Never answers: the request timeout must turn this into an error value.
  } else {
    sendXml(response, 400, `<Error><Code>UnexpectedRequest</Code><Message>${request.method} ${request.url}</Message></Error>`);
  }
}

describe('collectAccount against a local endpoint', () => {
  it('collects a small account end to end', async () => {
    const server = await startServer(fakeAws);
    const endpoint = server.url;
    const collection = await collectAccount(
      collectOptions(
        { endpoints: { s3: endpoint, s3control: endpoint, sts: endpoint }, requestTimeoutMs: 300 },
        ['accountPublicAccessBlock', 'encryption', 'versioning'],
      ),
    );
    const records = await readAll(collection.records);

    expect(collection.header.account).toEqual({
      accountId: ACCOUNT_ID,
      partition: 'aws',
      region: 'us-east-1',
      publicAccessBlock: {
        state: 'present',
        value: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: true },
      },
    });
    const byName = new Map(bucketsOf(records).map((bucket) => [bucket.name, bucket]));
    expect(byName.get('alpha')).toEqual({
      name: 'alpha',
      region: 'eu-west-1',
      creationDate: '2024-01-01T00:00:00.000Z',
      encryption: {
        state: 'present',
        value: { rules: [{ sseAlgorithm: 'aws:quantum', bucketKeyEnabled: true, blockedEncryptionTypes: ['SSE-C'] }] },
      },
      versioning: { state: 'present', value: {} },
    });
    const beta = byName.get('beta');
    expect(beta).toMatchObject({
      name: 'beta',
      region: 'us-west-2',
      creationDate: '2024-02-01T00:00:00.000Z',
      encryption: { state: 'absent', code: 'ServerSideEncryptionConfigurationNotFoundError' },
      versioning: { state: 'error', operation: 'GetBucketVersioning', code: 'TimeoutError' },
    });
    expect(beta?.versioning?.state === 'error' && beta.versioning.message).toMatch(/300 ms/);

    const hosts = new Set(server.requests.map((request) => request.headers.host));
    expect(hosts).toEqual(new Set([`127.0.0.1:${server.port}`]));
    const list = server.requests.find((request) => request.url.startsWith('/?'));
    expect(new URL(list?.url ?? '', 'http://x').searchParams.get('max-buckets')).toBe('1000');
    const bucketRequests = server.requests.filter((request) => /^\/(alpha|beta)/.test(request.url));
    expect(bucketRequests).toHaveLength(5);
    for (const request of bucketRequests) expect(request.headers['x-amz-expected-bucket-owner']).toBe(ACCOUNT_ID);
  });
});

describe('ending the records early', () => {
  it('cancels the calls in flight and closes the connections', async () => {
    const server = await startServer(fakeAws);
    const endpoint = server.url;
    const collection = await collectAccount(
      collectOptions({ endpoints: { s3: endpoint, sts: endpoint }, requestTimeoutMs: 20_000 }, ['versioning']),
    );
    const iterator = collection.records[Symbol.asyncIterator]();
    // alpha answers at once; beta's versioning request hangs until it is cancelled.
    const first = await iterator.next();
    expect(first.value).toMatchObject({ type: 'bucket', bucket: { name: 'alpha' } });
    expect(await server.openConnections()).toBeGreaterThan(0);

    await iterator.return?.(undefined);
    await vi.waitFor(async () => {
      expect(await server.openConnections()).toBe(0);
    });
  });
});
