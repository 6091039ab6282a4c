import bucketAccessLogging from './bucket-access-logging.ts';
import bucketDefaultEncryption from './bucket-default-encryption.ts';
import bucketLoggingLoop from './bucket-logging-loop.ts';
import bucketLoggingTarget from './bucket-logging-target.ts';
import bucketMfaDelete from './bucket-mfa-delete.ts';
import bucketVersioning from './bucket-versioning.ts';
import type { AnyCheck } from './types.ts';

/** Every built-in check, one import each; a test keeps this list, the files and the README in step. */
export const BUILTIN_CHECKS: readonly AnyCheck[] = [
  bucketAccessLogging,
  bucketDefaultEncryption,
  bucketLoggingLoop,
  bucketLoggingTarget,
  bucketMfaDelete,
  bucketVersioning,
];
