import type { ObservedError } from '../../snapshot/observed.ts';
import type { Verdict } from '../types.ts';

/** The verdict for "the data this check needs could not be read": unknown, never pass or fail. */
export function unreadable(what: string, error: ObservedError): Verdict<'unreadable'> {
  return {
    status: 'unknown',
    messageId: 'unreadable',
    data: { what, operation: error.operation, code: error.code, detail: error.message },
  };
}
