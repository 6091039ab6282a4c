import type { HandlerExecutionContext, MetadataBearer, MiddlewareStack } from '@smithy/types';
import { describeError, sanitizeMessage } from './errors.ts';

/** Receives one line per API call, for --debug. */
export type DebugLog = (line: string) => void;

interface RequestLike {
  readonly method?: unknown;
  readonly hostname?: unknown;
  readonly path?: unknown;
  readonly query?: unknown;
}

function queryString(query: unknown): string {
  if (typeof query !== 'object' || query === null) return '';
  const parts = Object.entries(query).map(([name, value]) => (typeof value === 'string' && value !== '' ? `${name}=${value}` : name));
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/**
 * `GET /bucket?policy`: the request as serialized, before signing. Headers are never logged, and
 * the line still goes through the credential redactions in case a query carried a signature.
 */
export function requestLine(request: unknown): string | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  const { method, hostname, path, query } = request as RequestLike;
  if (typeof method !== 'string' || typeof path !== 'string') return undefined;
  return sanitizeMessage(`${method} ${typeof hostname === 'string' ? hostname : ''}${path}${queryString(query)}`);
}

function retries(metadata: unknown): string {
  const attempts: unknown = typeof metadata === 'object' && metadata !== null ? Reflect.get(metadata, 'attempts') : undefined;
  const count = typeof attempts === 'number' ? Math.max(0, attempts - 1) : 0;
  return `${count} ${count === 1 ? 'retry' : 'retries'}`;
}

/**
 * Logs each call of `client` once it is settled: service, operation, region, the request, HTTP
 * status or error code, duration and retries. Registered on the SDK's middleware stack, so it
 * sees exactly what the SDK sends and receives, retries included.
 */
export function attachDebugLog<Input extends object, Output extends MetadataBearer>(
  stack: MiddlewareStack<Input, Output>,
  service: string,
  region: string,
  log: DebugLog | undefined,
): void {
  if (log === undefined) return;
  const requests = new WeakMap<HandlerExecutionContext, string>();
  stack.add(
    (next, context) => async (args) => {
      const line = requestLine(args.request);
      if (line !== undefined) requests.set(context, line);
      return next(args);
    },
    { step: 'build', name: 's3AuditDebugRequest' },
  );
  stack.add(
    (next, context) => async (args) => {
      const started = performance.now();
      const where = () => `${service} ${(context.commandName ?? '?').replace(/Command$/, '')} ${region} ${requests.get(context) ?? ''}`.trimEnd();
      const took = () => `${Math.round(performance.now() - started)} ms`;
      try {
        const result = await next(args);
        const metadata = result.output.$metadata;
        log(`${where()} → ${metadata.httpStatusCode ?? '?'} in ${took()}, ${retries(metadata)}`);
        return result;
      } catch (error) {
        const info = describeError(error);
        const metadata: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, '$metadata') : undefined;
        log(`${where()} → ${info.httpStatus ?? 'no response'} ${info.code} in ${took()}, ${retries(metadata)}`);
        throw error;
      }
    },
    { step: 'initialize', name: 's3AuditDebugLog' },
  );
}
