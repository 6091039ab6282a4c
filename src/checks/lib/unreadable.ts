import { isNotSupportedByEndpoint, type ObservedError } from '../../snapshot/observed.ts';
import type { Verdict } from '../types.ts';

/**
 * The verdict for "the data this check needs could not be read": unknown, never pass or fail.
 * An endpoint that does not implement the read (an S3-compatible store) is said as such.
 */
export function unreadable(what: string, error: ObservedError): Verdict<'unreadable' | 'notSupported'> {
  const data = { what, operation: error.operation, code: error.code, detail: error.message };
  return { status: 'unknown', messageId: isNotSupportedByEndpoint(error) ? 'notSupported' : 'unreadable', data };
}
