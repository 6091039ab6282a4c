import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken, StandardRetryToken } from '@smithy/types';

/** Errors the SDK gave up on because they were throttling answers, to be retried by Api.call. */
const throttled = new WeakSet<object>();

/**
 * The SDK's standard retries (jittered exponential backoff), except for throttling (SlowDown,
 * Throttling, 429): those fail at once and Api.call retries them after a backoff *outside* the
 * concurrency limit. The SDK would sleep inside the call — about half a second on average after
 * a first SlowDown — holding one of the scan's call slots idle all the while.
 * Once `closed` says the clients were closed (Ctrl-C closes their sockets under the calls in
 * flight), nothing is retried.
 */
export function slotFreeingRetryStrategy(maxAttempts: number, closed: () => boolean = () => false): RetryStrategyV2 {
  const standard = new StandardRetryStrategy(maxAttempts);
  // The SDK hands back the tokens this strategy made: the standard strategy's own.
  const strategy = {
    mode: standard.mode,
    acquireInitialRetryToken(scope: string): Promise<RetryToken> {
      return standard.acquireInitialRetryToken(scope);
    },
    refreshRetryTokenForRetry(token: StandardRetryToken, info: RetryErrorInfo): Promise<RetryToken> {
      if (closed()) return Promise.reject(info.error ?? new Error('the clients were closed'));
      if (info.errorType === 'THROTTLING' && info.error !== undefined) {
        throttled.add(info.error);
        return Promise.reject(info.error);
      }
      return standard.refreshRetryTokenForRetry(token, info);
    },
    recordSuccess(token: StandardRetryToken): void {
      standard.recordSuccess(token);
    },
  };
  return strategy;
}

export function isThrottled(error: unknown): boolean {
  return typeof error === 'object' && error !== null && throttled.has(error);
}

/** The SDK's throttling backoff: full jitter over 1 s × 2^retry, at most 20 s. */
export function throttlingBackoffMs(retry: number): number {
  return Math.floor(Math.random() * Math.min(1000 * 2 ** retry, 20_000));
}
