import bucketDefaultEncryption from './bucket-default-encryption.ts';
import bucketMfaDelete from './bucket-mfa-delete.ts';
import bucketPolicyCrossAccount from './bucket-policy-cross-account.ts';
import bucketPolicyPublic from './bucket-policy-public.ts';
import bucketPolicyRequiresSseKms from './bucket-policy-requires-sse-kms.ts';
import bucketPresignedUrlAge from './bucket-presigned-url-age.ts';
import bucketSseCBlocked from './bucket-sse-c-blocked.ts';
import bucketTlsMinVersion from './bucket-tls-min-version.ts';
import bucketTlsOnly from './bucket-tls-only.ts';
import bucketVersioning from './bucket-versioning.ts';
import type { AnyCheck } from './types.ts';

/** Every built-in check, one import each; a test keeps this list, the files and the README in step. */
export const BUILTIN_CHECKS: readonly AnyCheck[] = [
  bucketDefaultEncryption,
  bucketMfaDelete,
  bucketPolicyCrossAccount,
  bucketPolicyPublic,
  bucketPolicyRequiresSseKms,
  bucketPresignedUrlAge,
  bucketSseCBlocked,
  bucketTlsMinVersion,
  bucketTlsOnly,
  bucketVersioning,
];
