import bucketDefaultEncryption from './bucket-default-encryption.ts';
import bucketEncryptionKms from './bucket-encryption-kms.ts';
import bucketKeyEnabled from './bucket-key-enabled.ts';
import bucketKmsKeyForeign from './bucket-kms-key-foreign.ts';
import bucketKmsKeyRotation from './bucket-kms-key-rotation.ts';
import bucketKmsKeyState from './bucket-kms-key-state.ts';
import bucketMfaDelete from './bucket-mfa-delete.ts';
import bucketVersioning from './bucket-versioning.ts';
import type { AnyCheck } from './types.ts';

/** Every built-in check, one import each; a test keeps this list, the files and the README in step. */
export const BUILTIN_CHECKS: readonly AnyCheck[] = [
  bucketDefaultEncryption,
  bucketEncryptionKms,
  bucketKeyEnabled,
  bucketKmsKeyForeign,
  bucketKmsKeyRotation,
  bucketKmsKeyState,
  bucketMfaDelete,
  bucketVersioning,
];
