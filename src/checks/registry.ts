import accessPointNetworkOrigin from './access-point-network-origin.ts';
import accessPointPolicyPublic from './access-point-policy-public.ts';
import accessPointPublicAccessBlock from './access-point-public-access-block.ts';
import accountPublicAccessBlock from './account-public-access-block.ts';
import bucketAccessLogging from './bucket-access-logging.ts';
import bucketAclPublic from './bucket-acl-public.ts';
import bucketAclsDisabled from './bucket-acls-disabled.ts';
import bucketCorsInsecureOrigin from './bucket-cors-insecure-origin.ts';
import bucketCorsWildcardOrigin from './bucket-cors-wildcard-origin.ts';
import bucketCorsWildcardWrite from './bucket-cors-wildcard-write.ts';
import bucketDefaultEncryption from './bucket-default-encryption.ts';
import bucketEncryptionKms from './bucket-encryption-kms.ts';
import bucketKeyEnabled from './bucket-key-enabled.ts';
import bucketKmsKeyForeign from './bucket-kms-key-foreign.ts';
import bucketKmsKeyRotation from './bucket-kms-key-rotation.ts';
import bucketKmsKeyState from './bucket-kms-key-state.ts';
import bucketLoggingLoop from './bucket-logging-loop.ts';
import bucketLoggingTarget from './bucket-logging-target.ts';
import bucketMfaDelete from './bucket-mfa-delete.ts';
import bucketObjectLock from './bucket-object-lock.ts';
import bucketObjectLockRetention from './bucket-object-lock-retention.ts';
import bucketObjectLockSample from './bucket-object-lock-sample.ts';
import bucketPolicyCrossAccount from './bucket-policy-cross-account.ts';
import bucketPolicyPublic from './bucket-policy-public.ts';
import bucketPolicyRequiresSseKms from './bucket-policy-requires-sse-kms.ts';
import bucketPresignedUrlAge from './bucket-presigned-url-age.ts';
import bucketPublicAccessBlock from './bucket-public-access-block.ts';
import bucketSseCBlocked from './bucket-sse-c-blocked.ts';
import bucketTlsMinVersion from './bucket-tls-min-version.ts';
import bucketTlsOnly from './bucket-tls-only.ts';
import bucketVersioning from './bucket-versioning.ts';
import glacierVaultLock from './glacier-vault-lock.ts';
import glacierVaultPolicyPublic from './glacier-vault-policy-public.ts';
import multiRegionAccessPointPublicAccessBlock from './multi-region-access-point-public-access-block.ts';
import objectLambdaAccessPointPolicyPublic from './object-lambda-access-point-policy-public.ts';
import type { AnyCheck } from './types.ts';

/** Every built-in check, one import each; a test keeps this list, the files and the README in step. */
export const BUILTIN_CHECKS: readonly AnyCheck[] = [
  accessPointNetworkOrigin,
  accessPointPolicyPublic,
  accessPointPublicAccessBlock,
  accountPublicAccessBlock,
  bucketAccessLogging,
  bucketAclPublic,
  bucketAclsDisabled,
  bucketCorsInsecureOrigin,
  bucketCorsWildcardOrigin,
  bucketCorsWildcardWrite,
  bucketDefaultEncryption,
  bucketEncryptionKms,
  bucketKeyEnabled,
  bucketKmsKeyForeign,
  bucketKmsKeyRotation,
  bucketKmsKeyState,
  bucketLoggingLoop,
  bucketLoggingTarget,
  bucketMfaDelete,
  bucketObjectLock,
  bucketObjectLockRetention,
  bucketObjectLockSample,
  bucketPolicyCrossAccount,
  bucketPolicyPublic,
  bucketPolicyRequiresSseKms,
  bucketPresignedUrlAge,
  bucketPublicAccessBlock,
  bucketSseCBlocked,
  bucketTlsMinVersion,
  bucketTlsOnly,
  bucketVersioning,
  glacierVaultLock,
  glacierVaultPolicyPublic,
  multiRegionAccessPointPublicAccessBlock,
  objectLambdaAccessPointPolicyPublic,
];
