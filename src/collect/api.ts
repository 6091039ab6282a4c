import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { LimitFunction } from 'p-limit';
import type { Clients } from './clients.ts';
import { isThrottled, throttlingBackoffMs } from './throttling.ts';

export interface SendOptions {
  readonly abortSignal: AbortSignal;
}

/** The clients plus the one gate every API call of a scan passes through. */
export interface Api {
  readonly clients: Clients;
  /**
   * Runs one API call (with its SDK retries) once fewer than `concurrency` calls are in flight.
   * A throttled call waits out its backoff without holding a place, then queues again.
   */
  call<T>(send: (options: SendOptions) => Promise<T>): Promise<T>;
}

/** `shared`: a limit other scans (accounts of --org) call through too; else one of `concurrency` for this scan. */
export function createApi(clients: Clients, concurrency: number, maxAttempts: number, abortSignal: AbortSignal, shared?: LimitFunction): Api {
  const limit = shared ?? pLimit(concurrency);
  // Every in-flight call listens on this one signal, and so does every throttled call waiting to
  // retry (as many as the buckets in flight have calls): many listeners are by design.
  setMaxListeners(0, abortSignal);
  const options: SendOptions = { abortSignal };
  return {
    clients,
    async call(send) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await limit(() => send(options));
        } catch (error) {
          if (!isThrottled(error) || attempt >= maxAttempts || abortSignal.aborted) throw error;
          await sleep(throttlingBackoffMs(attempt - 1), undefined, { signal: abortSignal }).catch(() => {
            throw error;
          });
        }
      }
    },
  };
}
