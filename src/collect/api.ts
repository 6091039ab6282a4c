import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import type { Clients } from './clients.ts';

export interface SendOptions {
  readonly abortSignal: AbortSignal;
}

/** The clients plus the one gate every API call of a scan passes through. */
export interface Api {
  readonly clients: Clients;
  /** Runs one API call (with its SDK retries) once fewer than `concurrency` calls are in flight. */
  call<T>(send: (options: SendOptions) => Promise<T>): Promise<T>;
}

export function createApi(clients: Clients, concurrency: number, abortSignal: AbortSignal): Api {
  const limit = pLimit(concurrency);
  // Every in-flight call listens on this one signal: up to `concurrency` listeners is by design.
  setMaxListeners(concurrency + 10, abortSignal);
  const options: SendOptions = { abortSignal };
  return {
    clients,
    call: (send) => limit(() => send(options)),
  };
}
