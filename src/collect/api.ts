import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { LimitFunction } from 'p-limit';
import type { Clients } from './clients.ts';
import { isThrottled, throttlingBackoffMs } from './throttling.ts';

/**
 * Per-call SDK options: none. Calls are cancelled by closing the clients (createApi), not by an
 * abort signal each: the SDK's work per call with a signal cost ~5% of a scan's CPU.
 */
export type SendOptions = Readonly<Record<string, never>>;

/** The clients plus the one gate every API call of a scan passes through. */
export interface Api {
  readonly clients: Clients;
  /**
   * Runs one API call (with its SDK retries) once fewer than `concurrency` calls are in flight.
   * A throttled call waits out its backoff without holding a place, then queues again. Once the
   * scan is aborted, every call fails with an AbortError.
   */
  call<T>(send: (options: SendOptions) => Promise<T>): Promise<T>;
}

const NO_OPTIONS: SendOptions = Object.freeze({});

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return Object.assign(new Error('Request aborted'), { name: 'AbortError', cause: reason });
}

/** `shared`: a limit other scans (accounts of --org) call through too; else one of `concurrency` for this scan. */
export function createApi(clients: Clients, concurrency: number, maxAttempts: number, abortSignal: AbortSignal, shared?: LimitFunction): Api {
  const limit = shared ?? pLimit(concurrency);
  // Ctrl-C: closing the sockets ends the requests in flight at once, and closed clients retry nothing.
  abortSignal.addEventListener(
    'abort',
    () => {
      clients.destroy();
    },
    { once: true },
  );
  // Every throttled call waiting to retry listens on the signal (as many as the buckets in flight
  // have calls): many listeners are by design.
  setMaxListeners(0, abortSignal);
  const sendUnlessAborted = <T>(send: (options: SendOptions) => Promise<T>): Promise<T> =>
    abortSignal.aborted ? Promise.reject(abortError(abortSignal)) : send(NO_OPTIONS);
  return {
    clients,
    async call(send) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await limit(() => sendUnlessAborted(send));
        } catch (error) {
          if (abortSignal.aborted) throw abortError(abortSignal);
          if (!isThrottled(error) || attempt >= maxAttempts) throw error;
          await sleep(throttlingBackoffMs(attempt - 1), undefined, { signal: abortSignal }).catch(() => {
            throw abortError(abortSignal);
          });
        }
      }
    },
  };
}
