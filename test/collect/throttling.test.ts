import { S3ServiceException } from '@aws-sdk/client-s3';
import type { RetryErrorInfo } from '@smithy/types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../src/collect/api.ts';
import { createClients } from '../../src/collect/clients.ts';
import { isThrottled, slotFreeingRetryStrategy } from '../../src/collect/throttling.ts';
import { collectOptions } from './support.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

/** An SDK error the retry strategy saw as throttling (what the SDK's retry middleware does with a SlowDown). */
/** As the retry middleware sees an S3 error (its `cause` typed as `unknown` by lib.es2022, as `Error` by @smithy/types). */
function sdkError(name: string, message: string): NonNullable<RetryErrorInfo['error']> {
  return new S3ServiceException({ name, message, $fault: 'server', $metadata: { httpStatusCode: 503 } }) as NonNullable<RetryErrorInfo['error']>;
}

async function throttledError(): Promise<Error> {
  const error = sdkError('SlowDown', 'Please reduce your request rate.');
  const strategy = slotFreeingRetryStrategy(3);
  const token = await strategy.acquireInitialRetryToken('s3');
  await expect(strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING', error })).rejects.toBe(error);
  return error;
}

describe('throttled calls back off outside the concurrency limit', () => {
  it('the SDK strategy hands a throttling error back at once, marked for Api.call; other errors it retries itself', async () => {
    const error = await throttledError();
    expect(isThrottled(error)).toBe(true);
    const strategy = slotFreeingRetryStrategy(3);
    const token = await strategy.acquireInitialRetryToken('s3');
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const transient = sdkError('InternalError', 'We encountered an internal error. Please try again.');
    const next = await strategy.refreshRetryTokenForRetry(token, { errorType: 'TRANSIENT', error: transient });
    expect(next.getRetryCount()).toBe(1);
    expect(isThrottled(transient)).toBe(false);
  });

  it('retries nothing once the clients are closed, a transient error included', async () => {
    let closed = false;
    const strategy = slotFreeingRetryStrategy(3, () => closed);
    const token = await strategy.acquireInitialRetryToken('s3');
    closed = true;
    const transient = sdkError('InternalError', 'We encountered an internal error. Please try again.');
    await expect(strategy.refreshRetryTokenForRetry(token, { errorType: 'TRANSIENT', error: transient })).rejects.toBe(transient);
    const slowDown = sdkError('SlowDown', 'Please reduce your request rate.');
    await expect(strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING', error: slowDown })).rejects.toBe(slowDown);
    expect(isThrottled(slowDown)).toBe(false);
  });

  it('lets a queued call run while a throttled one waits, then retries it (concurrency 1)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const throttled = await throttledError();
    const clients = createClients(collectOptions());
    const api = createApi(clients, 1, 3, new AbortController().signal);
    const sent: string[] = [];
    let firstTry = true;
    try {
      const slowed = api.call(() => {
        sent.push(firstTry ? 'A, throttled' : 'A, retried');
        if (firstTry) {
          firstTry = false;
          return Promise.reject(throttled);
        }
        return Promise.resolve('A');
      });
      const queued = api.call(() => {
        sent.push('B');
        return Promise.resolve('B');
      });
      expect(await Promise.all([slowed, queued])).toEqual(['A', 'B']);
      expect(sent).toEqual(['A, throttled', 'B', 'A, retried']);
    } finally {
      clients.destroy();
    }
  });

  it('gives up after maxAttempts throttled attempts with the throttling error', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const throttled = await throttledError();
    const clients = createClients(collectOptions());
    const api = createApi(clients, 2, 3, new AbortController().signal);
    let attempts = 0;
    try {
      await expect(
        api.call(() => {
          attempts += 1;
          return Promise.reject(throttled);
        }),
      ).rejects.toBe(throttled);
      expect(attempts).toBe(3);
    } finally {
      clients.destroy();
    }
  });
});
