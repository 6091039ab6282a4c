// Real SDK clients wired to the local endpoint the way the collector must wire them.
import { GlacierClient } from '@aws-sdk/client-glacier';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { STSClient } from '@aws-sdk/client-sts';

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } as const;

export interface ClientOptions {
  /** SDK attempts per call; default 1 so a fault shows up as the error it is. */
  readonly maxAttempts?: number;
}

export function s3Client(url: string, region: string, options: ClientOptions = {}): S3Client {
  return new S3Client({
    region,
    endpoint: url,
    forcePathStyle: true,
    credentials: TEST_CREDENTIALS,
    maxAttempts: options.maxAttempts ?? 1,
  });
}

/**
 * With `endpoint: url` the S3 Control endpoint rules build `{AccountId}.{host}`: an invalid URL for
 * an IP host ("http://123456789012.127.0.0.1:port") and an unresolvable name otherwise. Replacing
 * the endpoint provider sends every request to `url` itself; the account id still travels in the
 * `x-amz-account-id` header and the request is still SigV4-signed for service `s3`.
 */
export function s3ControlClient(url: string, region = 'us-east-1', options: ClientOptions = {}): S3ControlClient {
  return new S3ControlClient({
    region,
    credentials: TEST_CREDENTIALS,
    maxAttempts: options.maxAttempts ?? 1,
    endpointProvider: () => ({ url: new URL(url) }),
  });
}

export function stsClient(url: string, region = 'us-east-1', options: ClientOptions = {}): STSClient {
  return new STSClient({ region, endpoint: url, credentials: TEST_CREDENTIALS, maxAttempts: options.maxAttempts ?? 1 });
}

export function kmsClient(url: string, region: string, options: ClientOptions = {}): KMSClient {
  return new KMSClient({ region, endpoint: url, credentials: TEST_CREDENTIALS, maxAttempts: options.maxAttempts ?? 1 });
}

export function glacierClient(url: string, region = 'us-east-1', options: ClientOptions = {}): GlacierClient {
  return new GlacierClient({ region, endpoint: url, credentials: TEST_CREDENTIALS, maxAttempts: options.maxAttempts ?? 1 });
}
