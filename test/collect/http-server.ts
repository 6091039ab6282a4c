import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, vi } from 'vitest';
import { useFakeCredentials } from './support.ts';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface LocalServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** TCP connections currently open to the server. */
  openConnections(): Promise<number>;
  close(): Promise<void>;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void;

/** A loopback HTTP server that records every request and lets `handle` answer it. */
export async function startLocalServer(handle: Handler): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      handle(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = addressOf(server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    openConnections: () =>
      new Promise<number>((resolve, reject) => {
        server.getConnections((err, count) => {
          if (err === null) resolve(count);
          else reject(err);
        });
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => {
          if (err === undefined) resolve();
          else reject(err);
        });
      }),
  };
}

function addressOf(address: string | AddressInfo | null): AddressInfo {
  if (address === null || typeof address === 'string') throw new Error('server is not listening on TCP');
  return address;
}

export function sendXml(response: ServerResponse, status: number, xml: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/xml', ...headers });
  response.end(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
}

/** An S3 Control GetPublicAccessBlock answer: three flags on, BlockPublicPolicy off. */
export const PAB_XML =
  '<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">' +
  '<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>' +
  '<BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets>' +
  '</PublicAccessBlockConfiguration>';

/** For a test file that starts loopback servers: fake credentials per test, every server closed after it. */
export function useLocalServers(): (handle: Handler) => Promise<LocalServer> {
  const started: LocalServer[] = [];
  beforeEach(() => {
    useFakeCredentials();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
    vi.unstubAllEnvs();
  });
  return async (handle) => {
    const server = await startLocalServer(handle);
    started.push(server);
    return server;
  };
}
