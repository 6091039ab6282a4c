import { GetBucketVersioningCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/collect/api.ts';
import { createClients } from '../../src/collect/clients.ts';
import { useLocalServers } from './http-server.ts';
import { ACCOUNT_ID, collectOptions } from './support.ts';

const startServer = useLocalServers();

/** An S3 endpoint that takes every request and never answers. */
async function silentS3() {
  const server = await startServer(() => undefined);
  const clients = createClients(collectOptions({ endpoints: { s3: server.url }, maxAttempts: 3, requestTimeoutMs: 60_000 }));
  return { server, clients };
}

const versioning = new GetBucketVersioningCommand({ Bucket: 'b', ExpectedBucketOwner: ACCOUNT_ID });

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('aborting the scan (Ctrl-C) cancels its calls', () => {
  it('a call in flight: its request is dropped, and it rejects with AbortError without a retry', async () => {
    const { server, clients } = await silentS3();
    const abort = new AbortController();
    const api = createApi(clients, 2, 3, abort.signal);
    try {
      const call = api.call((options) => clients.s3('us-east-1').send(versioning, options));
      await until(() => server.requests.length === 1);
      abort.abort();
      await expect(call).rejects.toMatchObject({ name: 'AbortError' });
      expect(server.requests).toHaveLength(1);
    } finally {
      clients.destroy();
    }
  });

  it('a call still queued behind the concurrency limit: fails without reaching the endpoint', async () => {
    const { server, clients } = await silentS3();
    const abort = new AbortController();
    const api = createApi(clients, 1, 3, abort.signal);
    try {
      const first = api.call((options) => clients.s3('us-east-1').send(versioning, options));
      const queued = api.call((options) => clients.s3('us-east-1').send(versioning, options));
      await until(() => server.requests.length === 1);
      abort.abort();
      await expect(first).rejects.toMatchObject({ name: 'AbortError' });
      await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
      expect(server.requests).toHaveLength(1);
    } finally {
      clients.destroy();
    }
  });
});
