import { GlacierClient } from '@aws-sdk/client-glacier';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { assumedRoleCredentials } from './assume-role.ts';
import { attachDebugLog } from './debug-log.ts';
import { Memo } from './memo.ts';
import { attachShapeCheck } from './response-shape.ts';
import { slotFreeingRetryStrategy } from './throttling.ts';
import type { CollectOptions } from './types.ts';

export type ClientOptions = Pick<
  CollectOptions,
  'region' | 'profile' | 'assumeRole' | 'endpoints' | 'maxAttempts' | 'requestTimeoutMs' | 'concurrency' | 'debug'
>;

/** The SDK clients of one scan. Credentials stay inside the SDK: nothing here reads them. */
export interface Clients {
  /** The client for buckets in `region` (one per region, created on first use). */
  s3(region: string): S3Client;
  /** The KMS client for keys in `region` (one per region, created on first use). */
  kms(region: string): KMSClient;
  /** S3 Control in the home region (account-wide settings). */
  readonly s3control: S3ControlClient;
  /** S3 Control in `region`: access points are regional (one client per region, created on first use). */
  s3controlIn(region: string): S3ControlClient;
  readonly sts: STSClient;
  /** S3 Glacier in `region`: vaults are regional (one client per region, created on first use). */
  glacier(region: string): GlacierClient;
  /** With --role-arn: the assumed role's credentials, shared by every client (call it to assume the role now). */
  readonly assumedRole?: AwsCredentialIdentityProvider;
  /**
   * Off AWS (an S3-compatible store, known once STS has or has not named the account): from now
   * on S3 and S3 Control answers are checked against AWS's documents (response-shape.ts). Reading
   * every raw answer costs ~15% of a scan's CPU, which AWS and full emulations of it do not pay.
   */
  checkAnswerShapes(): void;
  /** Closes every client's sockets: requests in flight fail at once, and none is retried. */
  destroy(): void;
}

/** A stalled TCP connect should fail well before a slow response does. */
const MAX_CONNECTION_TIMEOUT_MS = 10_000;

export function createClients(clientOptions: ClientOptions): Clients {
  const { s3: s3Endpoint, s3control: s3controlEndpoint, sts: stsEndpoint, kms: kmsEndpoint, glacier: glacierEndpoint } = clientOptions.endpoints;
  const assumedRole =
    clientOptions.assumeRole === undefined
      ? undefined
      : assumedRoleCredentials({
          target: clientOptions.assumeRole,
          region: clientOptions.region,
          ...(clientOptions.profile === undefined ? {} : { profile: clientOptions.profile }),
          ...(stsEndpoint === undefined ? {} : { stsEndpoint }),
          maxAttempts: clientOptions.maxAttempts,
        });
  const options = { ...clientOptions, ...(assumedRole === undefined ? {} : { credentials: assumedRole }) };
  let destroyed = false;
  let shapesChecked = false;
  const checkingShapes = () => shapesChecked;
  const sharedConfig = (config: typeof options, region: string) => configFor(config, region, () => destroyed);

  const s3controlClients = perRegion((region) => {
    const client = new S3ControlClient({
      ...sharedConfig(options, region),
      ...(s3controlEndpoint === undefined ? {} : unprefixedEndpoint(s3controlEndpoint)),
    });
    attachDebugLog(client.middlewareStack, 's3control', region, options.debug);
    if (s3controlEndpoint !== undefined) attachShapeCheck(client.middlewareStack, 's3control', checkingShapes);
    return client;
  });
  const sts = new STSClient({
    ...sharedConfig(options, options.region),
    ...(stsEndpoint === undefined ? {} : { endpoint: stsEndpoint }),
  });

  attachDebugLog(sts.middlewareStack, 'sts', options.region, options.debug);

  const s3Clients = perRegion((region) => {
    const client = new S3Client({
      ...sharedConfig(options, region),
      // S3-compatible stores rarely serve virtual-hosted bucket names on a custom host.
      ...(s3Endpoint === undefined ? {} : { endpoint: s3Endpoint, forcePathStyle: true }),
    });
    attachDebugLog(client.middlewareStack, 's3', region, options.debug);
    if (s3Endpoint !== undefined) attachShapeCheck(client.middlewareStack, 's3', checkingShapes);
    return client;
  });
  const kmsClients = perRegion((region) => {
    const client = new KMSClient({ ...sharedConfig(options, region), ...(kmsEndpoint === undefined ? {} : { endpoint: kmsEndpoint }) });
    attachDebugLog(client.middlewareStack, 'kms', region, options.debug);
    return client;
  });
  const glacierClients = perRegion((region) => {
    const client = new GlacierClient({ ...sharedConfig(options, region), ...(glacierEndpoint === undefined ? {} : { endpoint: glacierEndpoint }) });
    attachDebugLog(client.middlewareStack, 'glacier', region, options.debug);
    return client;
  });

  return {
    s3: s3Clients.get,
    kms: kmsClients.get,
    s3control: s3controlClients.get(options.region),
    s3controlIn: s3controlClients.get,
    sts,
    glacier: glacierClients.get,
    ...(assumedRole === undefined ? {} : { assumedRole }),
    checkAnswerShapes() {
      shapesChecked = true;
    },
    destroy() {
      destroyed = true;
      s3Clients.destroy();
      kmsClients.destroy();
      s3controlClients.destroy();
      glacierClients.destroy();
      sts.destroy();
    },
  };
}

/** One client per region, created on first use. */
function perRegion<C extends { destroy(): void }>(create: (region: string) => C) {
  const clients = new Memo<C>();
  return {
    get: (region: string): C => clients.get(region, () => create(region)),
    destroy: (): void => {
      for (const client of clients.values()) client.destroy();
    },
  };
}

function configFor(options: ClientOptions & { readonly credentials?: AwsCredentialIdentityProvider }, region: string, destroyed: () => boolean) {
  const agent = { keepAlive: true, maxSockets: Math.max(options.concurrency, 1) };
  return {
    region,
    // An assumed role's credentials replace the profile's (which only assumes the role).
    ...(options.credentials === undefined ? (options.profile === undefined ? {} : { profile: options.profile }) : { credentials: options.credentials }),
    maxAttempts: options.maxAttempts,
    // Standard mode: exponential backoff with jitter, bounded by a retry quota; throttled calls
    // back off outside the scan's concurrency limit (throttling.ts). The SDK's 'adaptive' mode
    // rate-limits the whole client after a throttle: measured here, 300 buckets with every 20th
    // request throttled took 133 s adaptive vs 3.8 s standard.
    retryStrategy: slotFreeingRetryStrategy(options.maxAttempts, destroyed),
    requestHandler: {
      requestTimeout: options.requestTimeoutMs,
      connectionTimeout: Math.min(options.requestTimeoutMs, MAX_CONNECTION_TIMEOUT_MS),
      // Without it the handler only prints a warning on timeout and keeps waiting.
      throwOnRequestTimeout: true,
      // The shared concurrency limit bounds requests; the agents must not queue below it.
      httpAgent: agent,
      httpsAgent: agent,
    },
  };
}

/**
 * S3 Control's endpoint rules put the account id in front of the host (`{AccountId}.{host}`),
 * which names no real host for a custom endpoint (and is not even a valid URL for an IP address),
 * so with a custom endpoint every request goes to exactly the configured URL. The AccountId still
 * travels in the `x-amz-account-id` header.
 */
function unprefixedEndpoint(endpoint: string) {
  return {
    endpoint,
    disableHostPrefix: true,
    endpointProvider: () => ({ url: new URL(endpoint) }),
  };
}
