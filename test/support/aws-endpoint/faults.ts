import type { FaultSpec } from './fixture.ts';

/** An AWS error as the endpoint answers it; each protocol renders it its own way. */
export interface ApiError {
  readonly code: string;
  readonly message: string;
  readonly status: number;
  /** Extra response headers (e.g. x-amz-bucket-region on a redirect). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Extra elements of an XML error body (e.g. BucketName, Endpoint). */
  readonly details?: Readonly<Record<string, string>>;
}

/** The HTTP status and message AWS uses with each code; unlisted codes answer 400. */
const KNOWN_ERRORS: Readonly<Record<string, { status: number; message: string }>> = {
  AccessDenied: { status: 403, message: 'Access Denied' },
  AccessDeniedException: { status: 400, message: 'User is not authorized to perform this operation' },
  InvalidAccessKeyId: { status: 403, message: 'The AWS Access Key Id you provided does not exist in our records.' },
  SignatureDoesNotMatch: { status: 403, message: 'The request signature we calculated does not match the signature you provided.' },
  InvalidClientTokenId: { status: 403, message: 'The security token included in the request is invalid.' },
  UnrecognizedClientException: { status: 400, message: 'The security token included in the request is invalid.' },
  ExpiredToken: { status: 400, message: 'The provided token has expired.' },
  NoSuchBucket: { status: 404, message: 'The specified bucket does not exist' },
  MethodNotAllowed: { status: 405, message: 'The specified method is not allowed against this resource.' },
  SlowDown: { status: 503, message: 'Please reduce your request rate.' },
  ServiceUnavailable: { status: 503, message: 'Service is unable to handle request.' },
  InternalError: { status: 500, message: 'We encountered an internal error. Please try again.' },
  RequestTimeout: { status: 400, message: 'Your socket connection to the server was not read from or written to within the timeout period.' },
  Throttling: { status: 400, message: 'Rate exceeded' },
  ThrottlingException: { status: 400, message: 'Rate exceeded' },
  NotFoundException: { status: 400, message: 'Key does not exist' },
  KMSInternalException: { status: 500, message: 'KMS internal error' },
  KMSInvalidStateException: { status: 400, message: 'Key is in an invalid state for this operation' },
  DependencyTimeoutException: { status: 503, message: 'Dependency timeout' },
  NotImplemented: { status: 501, message: 'A header you provided implies functionality that is not implemented' },
};

export function apiError(code: string, message?: string, status?: number): ApiError {
  const known = KNOWN_ERRORS[code];
  return { code, message: message ?? known?.message ?? code, status: status ?? known?.status ?? 400 };
}

/** What to do with one request instead of (or before) answering it normally. */
export type FaultAction =
  | { readonly kind: 'error'; readonly error: ApiError }
  | { readonly kind: 'reset' }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'malformed' };

function toAction(spec: FaultSpec): FaultAction {
  if (typeof spec === 'string') return { kind: 'error', error: apiError(spec) };
  if (spec.kind === 'reset' || spec.kind === 'malformed') return { kind: spec.kind };
  if (spec.kind === 'delay') return { kind: 'delay', ms: spec.ms };
  return { kind: 'error', error: apiError(spec.code, spec.message, spec.status) };
}

/** Counts how often each fault fired so `times` limits hold; reset() rearms every fault. */
export class FaultTracker {
  readonly #fired = new Map<string, number>();

  /**
   * The action for this request, or undefined when the fault is absent or used up.
   * `key` identifies the fault's scope (e.g. bucket + operation) for `times` counting.
   */
  take(spec: FaultSpec | undefined, key: string): FaultAction | undefined {
    if (spec === undefined) return undefined;
    if (typeof spec !== 'string' && spec.times !== undefined) {
      const fired = this.#fired.get(key) ?? 0;
      if (fired >= spec.times) return undefined;
      this.#fired.set(key, fired + 1);
    }
    return toAction(spec);
  }

  reset(): void {
    this.#fired.clear();
  }
}
