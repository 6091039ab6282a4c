import { describe, expect, it } from 'vitest';
import { checkFamily } from '../../src/report/check-family.ts';

// Every id of the design §4 catalog, by the matrix column it belongs in.
const CATALOG: Readonly<Record<string, readonly string[]>> = {
  Encryption: [
    'bucket-default-encryption',
    'bucket-encryption-kms',
    'bucket-kms-key-state',
    'bucket-kms-key-foreign',
    'bucket-kms-key-rotation',
    'bucket-key-enabled',
    'bucket-policy-requires-sse-kms',
    'bucket-sse-c-blocked',
  ],
  Transport: ['bucket-tls-only', 'bucket-tls-min-version'],
  'Data protection': [
    'bucket-versioning',
    'bucket-mfa-delete',
    'bucket-object-lock',
    'bucket-object-lock-retention',
    'bucket-object-lock-sample',
    'glacier-vault-lock',
  ],
  Logging: ['bucket-access-logging', 'bucket-logging-loop', 'bucket-logging-target'],
  'Public access': [
    'account-public-access-block',
    'bucket-public-access-block',
    'bucket-policy-public',
    'bucket-acl-public',
    'bucket-acls-disabled',
    'bucket-policy-cross-account',
    'bucket-presigned-url-age',
    'access-point-policy-public',
    'access-point-network-origin',
    'access-point-public-access-block',
    'object-lambda-access-point-policy-public',
    'multi-region-access-point-public-access-block',
    'glacier-vault-policy-public',
  ],
  CORS: ['bucket-cors-wildcard-write', 'bucket-cors-wildcard-origin', 'bucket-cors-insecure-origin'],
  Other: ['plugin-custom-check'],
};

describe('check families (HTML matrix columns)', () => {
  it.each(Object.entries(CATALOG).flatMap(([family, ids]) => ids.map((id) => [id, family] as const)))('%s → %s', (id, family) => {
    expect(checkFamily(id)).toBe(family);
  });
});
