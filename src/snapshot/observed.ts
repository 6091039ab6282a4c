/**
 * A value read from AWS. `absent` means AWS answered "not configured" (e.g. NoSuchBucketPolicy);
 * `error` means we could not tell (AccessDenied, throttling after retries, an unknown failure),
 * and a check that needs it must answer `unknown`, never pass or fail.
 */
export type Observed<T> =
  | { readonly state: 'present'; readonly value: T }
  | { readonly state: 'absent'; readonly code?: string }
  | { readonly state: 'error'; readonly operation: string; readonly code: string; readonly message: string };

export type ObservedError = Extract<Observed<unknown>, { state: 'error' }>;

/**
 * The error code of a read the endpoint does not implement: an S3-compatible store answered with
 * another document than the operation's (Ceph RGW: a bucket listing for ?encryption), or refused
 * the operation as unknown. Checks report such data as "not supported by this endpoint".
 */
export const NOT_SUPPORTED_BY_ENDPOINT = 'NotSupportedByEndpoint';

export function present<T>(value: T): Observed<T> {
  return { state: 'present', value };
}

export function absent(code?: string): Observed<never> {
  return code === undefined ? { state: 'absent' } : { state: 'absent', code };
}

export function observedError(operation: string, code: string, message: string): Observed<never> {
  return { state: 'error', operation, code, message };
}

/** Whether the value could not be read because the endpoint does not implement the read. */
export function isNotSupportedByEndpoint(observed: Observed<unknown> | undefined): boolean {
  return observed?.state === 'error' && observed.code === NOT_SUPPORTED_BY_ENDPOINT;
}
