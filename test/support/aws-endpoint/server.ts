import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BucketIndex } from './bucket-index.ts';
import { apiError, FaultTracker } from './faults.ts';
import type { FaultAction } from './faults.ts';
import type { AccountFixture } from './fixture.ts';
import { glacierService, isGlacierRequest } from './glacier-routes.ts';
import { isKmsTarget, kmsService } from './kms-routes.ts';
import { header, isApiError, nextRequestId, signingScope } from './protocol.ts';
import type { EndpointRequest, Reply, Service, ServiceName } from './protocol.ts';
import { rgwRefusal } from './rgw-dialect.ts';
import { s3Service } from './s3-routes.ts';
import { isS3ControlPath, s3ControlService } from './s3control-routes.ts';
import { stsService } from './sts-routes.ts';
import { assumedAccessKeyId, isOrganizationsTarget, organizationsService } from './organization.ts';
import type { OrganizationFixture } from './organization.ts';

export interface RequestLogEntry {
  readonly service: ServiceName;
  /** The API operation, e.g. GetBucketPolicy (S3 Control's is GetPublicAccessBlock with service s3control). */
  readonly operation: string;
  readonly bucket?: string;
  /** KMS: the KeyId as the request named it. */
  readonly keyId?: string;
  /** The region the request was signed for. */
  readonly region?: string;
  /** The Host header as received (S3 Control requests must arrive without an `<account>.` prefix). */
  readonly host: string;
  /** HTTP status answered, or 'reset' when the socket was destroyed instead. */
  readonly status: number | 'reset';
}

export interface AwsEndpointOptions {
  /** Added before every response (simulated network + service latency). */
  readonly latencyMs?: number;
  /** Every k-th request (counted over all services) answers the service's throttling error. */
  readonly throttleEvery?: number;
  /** Default: a random free port. */
  readonly port?: number;
  /** false: only count operations, keep no per-request log (benchmarks). Default true. */
  readonly log?: boolean;
  /** The organization the fixture's account manages: ListAccounts, AssumeRole into its members. */
  readonly organization?: OrganizationFixture;
}

export interface AwsEndpoint {
  /** http://127.0.0.1:<port> — the `endpoint` for every SDK client. */
  readonly url: string;
  /** Every request so far, in arrival order of their responses (live array; empty with log: false). */
  readonly requests: readonly RequestLogEntry[];
  /** Requests per `<service>:<Operation>`, e.g. `s3:GetBucketPolicy`, `s3control:GetPublicAccessBlock`. */
  counts(): Record<string, number>;
  /** Clears the log and the counts, and rearms `times`-limited faults and the throttle counter. */
  reset(): void;
  close(): Promise<void>;
}

/** How each service refuses credentials in a Region the account has not enabled. */
const REGION_NOT_ENABLED: Readonly<Record<ServiceName, string>> = {
  s3: 'InvalidAccessKeyId',
  s3control: 'InvalidAccessKeyId',
  kms: 'UnrecognizedClientException',
  sts: 'InvalidClientTokenId',
  glacier: 'UnrecognizedClientException',
  organizations: 'UnrecognizedClientException',
};

type Services = Readonly<Record<ServiceName, Service>>;

/** One account's services; only the managing account (the fixture's) answers Organizations and AssumeRole into members. */
function servicesOf(fixture: AccountFixture, organization: OrganizationFixture | undefined): Services {
  return {
    s3: s3Service(fixture, new BucketIndex(fixture.buckets)),
    s3control: s3ControlService(fixture),
    kms: kmsService(fixture),
    sts: stsService(fixture, organization),
    glacier: glacierService(fixture),
    organizations: organizationsService(organization),
  };
}

function classify(request: EndpointRequest, services: Services): Service {
  const target = header(request.headers, 'x-amz-target');
  if (isKmsTarget(target)) return services.kms;
  if (isOrganizationsTarget(target)) return services.organizations;
  if (isS3ControlPath(request.path)) return services.s3control;
  if (isGlacierRequest(request)) return services.glacier;
  const formPost =
    request.method === 'POST' && request.path === '/' && header(request.headers, 'content-type')?.startsWith('application/x-www-form-urlencoded') === true;
  if (request.signing?.service === 'sts' || formPost) return services.sts;
  return services.s3;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      resolve(chunks.length === 0 ? '' : Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function toRequest(req: IncomingMessage, body: string): EndpointRequest {
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const query = new URLSearchParams(q === -1 ? '' : target.slice(q + 1));
  return {
    method: req.method ?? 'GET',
    path: q === -1 ? target : target.slice(0, q),
    query,
    headers: req.headers,
    body,
    host: req.headers.host ?? '',
    signing: signingScope(req.headers, query),
  };
}

function after(ms: number, action: () => void): void {
  if (ms > 0) setTimeout(action, ms);
  else action();
}

/** Starts the endpoint on 127.0.0.1 serving `fixture` over the STS, S3, S3 Control, KMS and S3 Glacier protocols. */
export async function startAwsEndpoint(fixture: AccountFixture, options: AwsEndpointOptions = {}): Promise<AwsEndpoint> {
  const ownServices = servicesOf(fixture, options.organization);
  // Requests signed with keys from AssumeRole are answered from that member's fixture.
  const members = new Map(
    (options.organization?.members ?? []).map((member) => [
      assumedAccessKeyId(member.fixture.accountId),
      { fixture: member.fixture, services: servicesOf(member.fixture, undefined) },
    ]),
  );
  const latencyMs = options.latencyMs ?? 0;
  const throttleEvery = options.throttleEvery ?? 0;
  const keepLog = options.log ?? true;
  const faults = new FaultTracker();
  const requests: RequestLogEntry[] = [];
  const counts = new Map<string, number>();
  let received = 0;

  function respond(
    res: ServerResponse,
    service: Service,
    entry: Omit<RequestLogEntry, 'status'>,
    reply: Reply | 'reset',
    requestId: string,
  ): void {
    if (keepLog) requests.push({ ...entry, status: reply === 'reset' ? 'reset' : reply.status });
    if (reply === 'reset') {
      res.socket?.destroy();
      return;
    }
    res.writeHead(reply.status, {
      ...reply.headers,
      [service.requestIdHeader]: requestId,
      'content-length': Buffer.byteLength(reply.body),
    });
    res.end(reply.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = toRequest(req, await readBody(req));
    const member = request.signing === undefined ? undefined : members.get(request.signing.accessKeyId);
    const account = member?.fixture ?? fixture;
    const services = member?.services ?? ownServices;
    const service = classify(request, services);
    const refusal = account.dialect === 'ceph-rgw' ? rgwRefusal(service.name) : undefined;
    const asRouted = service.route(request);
    const routed = refusal === undefined ? asRouted : { operation: asRouted.operation, answer: () => refusal };
    // RGW refuses STS and S3 Control requests as S3 requests, with S3 error bodies.
    const renderer = refusal === undefined ? service : services.s3;
    const key = `${service.name}:${routed.operation}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    received += 1;
    const requestId = nextRequestId();
    const entry = {
      service: service.name,
      operation: routed.operation,
      ...(routed.bucket === undefined ? {} : { bucket: routed.bucket }),
      ...(routed.keyId === undefined ? {} : { keyId: routed.keyId }),
      ...(request.signing === undefined ? {} : { region: request.signing.region }),
      host: request.host,
    };

    const throttled = throttleEvery > 0 && received % throttleEvery === 0;
    const regionDisabled = request.signing !== undefined && account.disabledRegions?.includes(request.signing.region) === true;
    const action: FaultAction | undefined = regionDisabled
      ? { kind: 'error', error: apiError(REGION_NOT_ENABLED[service.name]) }
      : throttled
        ? { kind: 'error', error: service.throttleError }
        : faults.take(routed.fault?.spec, routed.fault?.key ?? '');
    let delay = latencyMs;
    let reply: Reply | 'reset';
    switch (action?.kind) {
      case 'error':
        reply = renderer.renderError(action.error, request, requestId);
        break;
      case 'reset':
        reply = 'reset';
        break;
      case 'malformed':
        reply = routed.malformedReply ?? service.malformedReply;
        break;
      case 'delay':
      case undefined: {
        if (action !== undefined) delay += action.ms;
        const answer = routed.answer(requestId);
        reply = isApiError(answer) ? renderer.renderError(answer, request, requestId) : answer;
      }
    }
    after(delay, () => {
      respond(res, service, entry, reply, requestId);
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the endpoint itself: make it loud rather than a plausible AWS answer.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`aws-endpoint failure: ${message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('test endpoint: no TCP address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    counts: () => Object.fromEntries(counts),
    reset() {
      requests.length = 0;
      counts.clear();
      received = 0;
      faults.reset();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
        server.closeAllConnections();
      }),
  };
}
