/** The public check ids of design §4: stable forever, so a typo must never ship. */
export const PUBLIC_IDS = new Set([
  'bucket-default-encryption', 'bucket-encryption-kms', 'bucket-kms-key-state', 'bucket-kms-key-foreign',
  'bucket-kms-key-rotation', 'bucket-key-enabled', 'bucket-policy-requires-sse-kms', 'bucket-sse-c-blocked',
  'bucket-tls-only', 'bucket-tls-min-version', 'bucket-versioning', 'bucket-mfa-delete', 'bucket-object-lock',
  'bucket-object-lock-retention', 'bucket-access-logging', 'bucket-logging-loop', 'bucket-logging-target',
  'account-public-access-block', 'bucket-public-access-block', 'bucket-policy-public', 'bucket-acl-public',
  'bucket-acls-disabled', 'bucket-policy-cross-account', 'bucket-cors-wildcard-write', 'bucket-cors-wildcard-origin',
  'bucket-cors-insecure-origin', 'bucket-presigned-url-age', 'access-point-policy-public', 'access-point-network-origin',
  'access-point-public-access-block', 'object-lambda-access-point-policy-public',
  'multi-region-access-point-public-access-block', 'glacier-vault-lock', 'glacier-vault-policy-public',
  'bucket-object-lock-sample',
]);
