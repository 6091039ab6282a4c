import { z } from 'zod';
import { defineCheck } from '../../src/checks/lib/define-check.ts';
import bucketDefaultEncryption from '../../src/checks/bucket-default-encryption.ts';
import bucketMfaDelete from '../../src/checks/bucket-mfa-delete.ts';
import bucketVersioning from '../../src/checks/bucket-versioning.ts';
import type { AnyCheck } from '../../src/checks/types.ts';

const metadata = {
  resource: 'bucket',
  needs: ['versioning'],
  rationale: 'A test-only check: config validation is generic over whatever checks are registered.',
  remediation: { text: 'Nothing to fix: this check exists only in the tests.' },
  references: { url: ['https://example.com/test-only'] },
  messages: { ok: 'ok' },
  evaluate: () => undefined,
} as const;

/** Options with a strict schema: the schema itself rejects unknown keys. */
export const retentionCheck = defineCheck({
  ...metadata,
  id: 'test-object-retention',
  title: 'Objects are retained long enough',
  severity: 'medium',
  enabledByDefault: false,
  options: {
    schema: z.strictObject({
      minDays: z.int().min(1).describe('The shortest acceptable default retention, in days.'),
      mode: z.enum(['GOVERNANCE', 'COMPLIANCE']),
      buckets: z.array(z.string()),
    }),
    defaults: { minDays: 30, mode: 'COMPLIANCE', buckets: [] },
  },
});

/** Options with a stripping schema: unknown keys must still be errors, found by comparing keys. */
export const keysCheck = defineCheck({
  ...metadata,
  id: 'test-allowed-keys',
  title: 'Buckets encrypt with allowed keys',
  severity: 'low',
  enabledByDefault: true,
  options: { schema: z.object({ allowedKeyArns: z.array(z.string()) }), defaults: { allowedKeyArns: [] } },
});

/** A fixed registry: these tests are about config handling, so new built-in checks must not change them. */
export const TEST_CHECKS: readonly AnyCheck[] = [bucketDefaultEncryption, bucketMfaDelete, bucketVersioning, retentionCheck, keysCheck];
