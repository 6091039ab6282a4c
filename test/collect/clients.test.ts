import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { describe, expect, it } from 'vitest';
import { createClients } from '../../src/collect/clients.ts';
import { PAB_XML, sendXml, useLocalServers } from './http-server.ts';
import { ACCOUNT_ID, collectOptions } from './support.ts';

const startServer = useLocalServers();

async function retryModeOf(client: { config: { retryStrategy: () => Promise<object> } }): Promise<unknown> {
  return Reflect.get(await client.config.retryStrategy(), 'mode');
}

describe('createClients', () => {
  it('keeps one S3 client per region', async () => {
    const clients = createClients(collectOptions());
    try {
      const paris = clients.s3('eu-west-3');
      expect(clients.s3('eu-west-3')).toBe(paris);
      expect(clients.s3('us-east-1')).not.toBe(paris);
      expect(paris).toBeInstanceOf(S3Client);
      expect(await paris.config.region()).toBe('eu-west-3');
    } finally {
      clients.destroy();
    }
  });

  it('configures attempts, standard (backoff) retries and path-style addressing for a custom S3 endpoint', async () => {
    const clients = createClients(collectOptions({ maxAttempts: 7, endpoints: { s3: 'http://127.0.0.1:9000' } }));
    try {
      const client = clients.s3('us-east-1');
      expect(await client.config.maxAttempts()).toBe(7);
      expect(await retryModeOf(client)).toBe('standard');
      expect(client.config.forcePathStyle).toBe(true);
      expect(await clients.s3control.config.maxAttempts()).toBe(7);
      expect(await retryModeOf(clients.sts)).toBe('standard');
    } finally {
      clients.destroy();
    }
  });

  it('keeps one KMS client per region', async () => {
    const clients = createClients(collectOptions());
    try {
      const ireland = clients.kms('eu-west-1');
      expect(clients.kms('eu-west-1')).toBe(ireland);
      expect(clients.kms('us-east-1')).not.toBe(ireland);
      expect(ireland).toBeInstanceOf(KMSClient);
      expect(await ireland.config.region()).toBe('eu-west-1');
    } finally {
      clients.destroy();
    }
  });

  it('uses virtual-hosted addressing against AWS itself', () => {
    const clients = createClients(collectOptions());
    try {
      expect(clients.s3('us-east-1').config.forcePathStyle).toBe(false);
    } finally {
      clients.destroy();
    }
  });
});

describe('S3 Control with a custom endpoint', () => {
  it.each(['127.0.0.1', 'localhost'])(
    'sends GetPublicAccessBlock to host %s unchanged, without the account-id prefix',
    async (host) => {
      const server = await startServer((_request, response) => {
        sendXml(response, 200, PAB_XML);
      });
      const endpoint = `http://${host}:${server.port}`;
      const clients = createClients({ ...collectOptions(), region: 'eu-west-1', endpoints: { s3control: endpoint } });
      try {
        const output = await clients.s3control.send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT_ID }));
        expect(output.PublicAccessBlockConfiguration).toEqual({
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: false,
          RestrictPublicBuckets: true,
        });
      } finally {
        clients.destroy();
      }
      const [request] = server.requests;
      expect(request?.headers.host).toBe(`${host}:${server.port}`);
      expect(request?.url).toBe('/v20180820/configuration/publicAccessBlock');
      expect(request?.headers['x-amz-account-id']).toBe(ACCOUNT_ID);
      // Still signed for S3 in the configured region.
      expect(request?.headers.authorization).toMatch(/\/eu-west-1\/s3\/aws4_request/);
    },
  );
});


describe('KMS with a custom endpoint', () => {
  it('sends DescribeKey to the endpoint, signed for KMS in the key region', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify({ KeyMetadata: { KeyId: 'k', Arn: 'arn:aws:kms:ap-south-1:123456789012:key/k' } }));
    });
    const clients = createClients({ ...collectOptions(), endpoints: { kms: server.url } });
    try {
      const output = await clients.kms('ap-south-1').send(new DescribeKeyCommand({ KeyId: 'alias/app' }));
      expect(output.KeyMetadata?.Arn).toBe('arn:aws:kms:ap-south-1:123456789012:key/k');
    } finally {
      clients.destroy();
    }
    const [request] = server.requests;
    expect(request?.headers['x-amz-target']).toBe('TrentService.DescribeKey');
    expect(request?.body).toBe('{"KeyId":"alias/app"}');
    expect(request?.headers.authorization).toMatch(/\/ap-south-1\/kms\/aws4_request/);
  });
});
