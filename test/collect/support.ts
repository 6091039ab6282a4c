import { S3ServiceException } from '@aws-sdk/client-s3';
import { vi } from 'vitest';
import type { CollectOptions } from '../../src/collect/types.ts';
import type { DataKey, SnapshotRecord } from '../../src/snapshot/types.ts';

export const ACCOUNT_ID = '123456789012';
export const CALLER_ARN = `arn:aws:iam::${ACCOUNT_ID}:user/auditor`;

/** Fake credentials and no instance-metadata probing, so nothing can reach a real AWS host. */
export function useFakeCredentials(): void {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFAKEFAKEFAKE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'fake-secret');
  vi.stubEnv('AWS_SESSION_TOKEN', '');
  vi.stubEnv('AWS_PROFILE', '');
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
}

export function collectOptions(overrides: Partial<CollectOptions> = {}, needs: readonly DataKey[] = []): CollectOptions {
  return {
    region: 'us-east-1',
    endpoints: {},
    concurrency: 4,
    maxAttempts: 1,
    requestTimeoutMs: 5_000,
    needs: new Set(needs),
    includeBucket: () => true,
    ...overrides,
  };
}

export interface AwsErrorShape {
  /** The error code AWS put in the body; omit for bodiless responses (the SDK then derives a name). */
  readonly code?: string;
  readonly name?: string;
  readonly status?: number;
  readonly message?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** An error shaped like the ones the SDK throws for S3 error responses. */
export function awsError(shape: AwsErrorShape): S3ServiceException {
  const status = shape.status ?? 400;
  const err = new S3ServiceException({
    name: shape.name ?? shape.code ?? 'Unknown',
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message: shape.message ?? (shape.code === undefined ? 'UnknownError' : `${shape.code} message`),
  });
  if (shape.code !== undefined) Object.assign(err, { Code: shape.code });
  err.$response = { statusCode: status, headers: { ...shape.headers } };
  return err;
}

/** A Node network failure as the HTTP handler raises it (no response, no $metadata status). */
export function networkError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, $metadata: {} });
}

export async function readAll<T>(records: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const record of records) out.push(record);
  return out;
}

export function bucketsOf(records: readonly SnapshotRecord[]) {
  return records.flatMap((record) => (record.type === 'bucket' ? [record.bucket] : []));
}

export function notesOf(records: readonly SnapshotRecord[]): string[] {
  return records.flatMap((record) => (record.type === 'note' ? [record.message] : []));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
