import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBaseline, parseBaseline, serializeBaseline } from '../../src/baseline/baseline.ts';
import { BUILTIN_CHECKS } from '../../src/checks/registry.ts';
import type { Finding } from '../../src/checks/types.ts';
import {
  normalizeAcl,
  normalizeCors,
  normalizeEncryption,
  normalizeKeyMetadata,
  normalizeKeyRotation,
  normalizeLifecycle,
  normalizeLogging,
  normalizeObjectLock,
  normalizeOwnershipControls,
  normalizePolicyStatus,
  normalizePublicAccessBlock,
  normalizeVersioning,
} from '../../src/collect/normalize.ts';
import { parseConfig } from '../../src/config/config.ts';
import { UserError } from '../../src/errors.ts';
import { findingsOf } from '../../src/report/findings.ts';
import { parseSnapshot, serializeSnapshotLine } from '../../src/snapshot/jsonl.ts';
import type { Observed } from '../../src/snapshot/observed.ts';
import { valueSchemas } from '../../src/snapshot/schema.ts';
import { snapshotHeader } from '../support/snapshot-file.ts';

/**
 * Every parser of user input (config YAML, baseline JSON, snapshot JSON Lines) and of AWS answers
 * (the SDK outputs the collector normalizes) against arbitrary input: a user input parser either
 * returns a value or throws a UserError (one line, exit 2), nothing else; an AWS answer always
 * becomes a value the snapshot schema accepts, so it can be saved and replayed. The policy
 * parser has its own (test/policy/fuzz.test.ts).
 */

const RUNS = { numRuns: 300 };

function expectOnlyUserErrors(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).not.toContain('\n');
  }
}

/** Text that is sometimes YAML/JSON-shaped, sometimes anything at all. */
const yamlish = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc
    .array(fc.tuple(fc.constantFrom('checks', 'suppressions', 'trustedAccounts', 'bucket-versioning', '- check', 'reason', 'expires', 'enabled', '*', '&a', '*a'), fc.string()), { maxLength: 6 })
    .map((pairs) => pairs.map(([key, value], i) => `${'  '.repeat(i % 3)}${key}: ${value}`).join('\n')),
);

describe('config YAML', () => {
  it('any text: a Config or a one-line UserError', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        expectOnlyUserErrors(() => parseConfig(text, '.s3-audit.yml', BUILTIN_CHECKS));
      }),
      RUNS,
    );
  });
});

describe('baseline JSON', () => {
  const fingerprint = fc.stringMatching(/^[0-9a-f]{32}$/);
  const finding = fc.record({ fingerprint, checkId: fc.string(), arn: fc.string() }).map(
    ({ fingerprint: print, checkId, arn }): Finding => ({
      checkId,
      status: 'fail',
      severity: 'medium',
      resource: { type: 'bucket', arn, name: 'b', region: 'us-east-1', account: '123456789012' },
      messageId: 'failing',
      message: 'm',
      fingerprint: print,
    }),
  );

  it('any text: a Baseline or a one-line UserError', () => {
    const baselineLike = fc.oneof(
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.dictionary(fc.constantFrom('kind', 'schemaVersion', 'tool', 'createdAt', 'account', 'entries'), fc.jsonValue()).map((value) =>
        JSON.stringify({ kind: 's3-audit-baseline', ...value }),
      ),
    );
    fc.assert(
      fc.property(baselineLike, (text) => {
        expectOnlyUserErrors(() => parseBaseline(text, '--baseline b.json'));
      }),
      RUNS,
    );
  });

  it('what --write-baseline writes reads back the same', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 20 }), (findings) => {
        const baseline = createBaseline({ tool: { name: 's3-audit', version: '1.0.0' }, createdAt: '2026-11-27T00:00:00.000Z', account: '123456789012', findings: findingsOf(findings) });
        expect(parseBaseline(serializeBaseline(baseline), 'b.json')).toEqual(baseline);
      }),
      RUNS,
    );
  });
});

describe('snapshot JSON Lines', () => {
  async function* linesOf(lines: readonly string[]): AsyncGenerator<string> {
    for (const line of lines) {
      await Promise.resolve();
      yield line;
    }
  }

  async function readAll(lines: readonly string[]): Promise<void> {
    const snapshot = await parseSnapshot(linesOf(lines), 'scan.jsonl');
    for await (const record of snapshot.records) expect(record).toBeDefined();
  }

  const header = serializeSnapshotLine(snapshotHeader()).trimEnd();
  const recordLike = fc.oneof(
    fc.string(),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.record({ type: fc.constantFrom('bucket', 'unscanned-bucket', 'note'), bucket: fc.jsonValue(), name: fc.jsonValue(), message: fc.jsonValue() }, { requiredKeys: ['type'] }).map((value) => JSON.stringify(value)),
  );

  it('any lines after a valid header, or instead of one: records or a one-line UserError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(recordLike, { maxLength: 8 }), async (withHeader, lines) => {
        try {
          await readAll(withHeader ? [header, ...lines] : lines);
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          expect((error as Error).message).not.toContain('\n');
        }
      }),
      RUNS,
    );
  });
});

describe('AWS answers the collector normalizes', () => {
  /** A field the SDK deserialized: its type is guaranteed, its presence is not. */
  const opt = <T>(value: fc.Arbitrary<T>) => fc.oneof(value, fc.constant(undefined));
  /** An enum field: AWS may send a value this SDK release does not know. */
  const open = (known: fc.Arbitrary<string>) => fc.oneof(known, fc.string(), fc.constant(undefined));
  const flags = fc.record({ BlockPublicAcls: opt(fc.boolean()), IgnorePublicAcls: opt(fc.boolean()), BlockPublicPolicy: opt(fc.boolean()), RestrictPublicBuckets: opt(fc.boolean()) }, { requiredKeys: [] });
  const date = fc.date({ noInvalidDate: true });

  // Values typed as the SDK types them, built from arbitrary runtime shapes: what a newer AWS or an
  // S3-compatible store may send. Each pairs with the schema its snapshot value must satisfy.
  const cases: [string, fc.Arbitrary<unknown>, (output: never) => Observed<unknown>, keyof typeof valueSchemas][] = [
    ['GetBucketVersioning', fc.record({ Status: open(fc.constantFrom('Enabled', 'Suspended')), MFADelete: open(fc.constantFrom('Enabled', 'Disabled')) }, { requiredKeys: [] }), normalizeVersioning, 'versioning'],
    [
      'GetBucketEncryption',
      fc.record({
        ServerSideEncryptionConfiguration: fc.oneof(
          fc.constant(undefined),
          fc.record({
            Rules: fc.oneof(
              fc.constant(undefined),
              fc.array(
                fc.record({
                  ApplyServerSideEncryptionByDefault: fc.oneof(fc.constant(undefined), fc.record({ SSEAlgorithm: open(fc.constantFrom('AES256', 'aws:kms', 'aws:kms:dsse')), KMSMasterKeyID: opt(fc.string()) }, { requiredKeys: [] })),
                  BucketKeyEnabled: opt(fc.boolean()),
                  BlockedEncryptionTypes: fc.oneof(fc.constant(undefined), fc.record({ EncryptionType: fc.oneof(fc.constant(undefined), fc.array(fc.string())) }, { requiredKeys: [] })),
                }, { requiredKeys: [] }),
                { maxLength: 3 },
              ),
            ),
          }, { requiredKeys: [] }),
        ),
      }, { requiredKeys: [] }),
      normalizeEncryption,
      'encryption',
    ],
    ['GetBucketPolicyStatus', fc.record({ PolicyStatus: fc.oneof(fc.constant(undefined), fc.record({ IsPublic: opt(fc.boolean()) }, { requiredKeys: [] })) }, { requiredKeys: [] }), normalizePolicyStatus, 'policyStatus'],
    ['GetPublicAccessBlock', fc.oneof(fc.constant(undefined), flags), normalizePublicAccessBlock, 'publicAccessBlock'],
    [
      'GetBucketLogging',
      fc.record({ LoggingEnabled: fc.oneof(fc.constant(undefined), fc.record({ TargetBucket: opt(fc.string()), TargetPrefix: opt(fc.string()), TargetObjectKeyFormat: fc.oneof(fc.constant(undefined), fc.record({ SimplePrefix: fc.constant({}) }), fc.record({ PartitionedPrefix: fc.record({ PartitionDateSource: open(fc.constantFrom('EventTime', 'DeliveryTime')) }) }), fc.constant({ Other: {} })) }, { requiredKeys: [] })) }, { requiredKeys: [] }),
      normalizeLogging,
      'logging',
    ],
    [
      'GetObjectLockConfiguration',
      fc.record({ ObjectLockConfiguration: fc.oneof(fc.constant(undefined), fc.record({ ObjectLockEnabled: open(fc.constant('Enabled')), Rule: fc.oneof(fc.constant(undefined), fc.record({ DefaultRetention: fc.oneof(fc.constant(undefined), fc.record({ Mode: open(fc.constantFrom('GOVERNANCE', 'COMPLIANCE')), Days: opt(fc.integer({ min: 1, max: 36500 })), Years: opt(fc.integer({ min: 1, max: 100 })) }, { requiredKeys: [] })) }, { requiredKeys: [] })) }, { requiredKeys: [] })) }, { requiredKeys: [] }),
      normalizeObjectLock,
      'objectLock',
    ],
    [
      'GetBucketCors',
      fc.record({ CORSRules: fc.oneof(fc.constant(undefined), fc.array(fc.record({ ID: opt(fc.string()), AllowedOrigins: fc.oneof(fc.constant(undefined), fc.array(fc.string())), AllowedMethods: fc.oneof(fc.constant(undefined), fc.array(fc.string())), AllowedHeaders: fc.oneof(fc.constant(undefined), fc.array(fc.string())), ExposeHeaders: fc.oneof(fc.constant(undefined), fc.array(fc.string())), MaxAgeSeconds: opt(fc.integer()) }, { requiredKeys: [] }), { maxLength: 3 })) }, { requiredKeys: [] }),
      normalizeCors,
      'cors',
    ],
    [
      'GetBucketAcl',
      fc.record({ Owner: fc.oneof(fc.constant(undefined), fc.record({ ID: opt(fc.string()) }, { requiredKeys: [] })), Grants: fc.oneof(fc.constant(undefined), fc.array(fc.record({ Grantee: fc.oneof(fc.constant(undefined), fc.record({ Type: open(fc.constantFrom('CanonicalUser', 'Group', 'AmazonCustomerByEmail')), ID: opt(fc.string()), URI: opt(fc.string()), EmailAddress: opt(fc.string()) }, { requiredKeys: [] })), Permission: open(fc.constantFrom('READ', 'WRITE', 'FULL_CONTROL')) }, { requiredKeys: [] }), { maxLength: 3 })) }, { requiredKeys: [] }),
      normalizeAcl,
      'acl',
    ],
    ['GetBucketOwnershipControls', fc.record({ OwnershipControls: fc.oneof(fc.constant(undefined), fc.record({ Rules: fc.oneof(fc.constant(undefined), fc.array(fc.record({ ObjectOwnership: open(fc.constantFrom('BucketOwnerEnforced', 'ObjectWriter')) }, { requiredKeys: [] }), { maxLength: 2 })) }, { requiredKeys: [] })) }, { requiredKeys: [] }), normalizeOwnershipControls, 'ownershipControls'],
    ['GetBucketLifecycleConfiguration', fc.record({ Rules: fc.oneof(fc.constant(undefined), fc.array(fc.record({ ID: opt(fc.string()), Status: open(fc.constantFrom('Enabled', 'Disabled')) }, { requiredKeys: [] }), { maxLength: 3 })) }, { requiredKeys: [] }), normalizeLifecycle, 'lifecycle'],
    ['GetKeyRotationStatus', fc.record({ KeyRotationEnabled: opt(fc.boolean()), RotationPeriodInDays: opt(fc.integer({ min: 90, max: 2560 })), NextRotationDate: fc.oneof(fc.constant(undefined), date) }, { requiredKeys: [] }), normalizeKeyRotation, 'kmsKeyRotation'],
  ];

  it.each(cases)('%s: arbitrary answers become a value the snapshot schema accepts, or an error value', (_operation, output, normalize, key) => {
    fc.assert(
      fc.property(output, (value) => {
        let observed: Observed<unknown>;
        try {
          observed = normalize(value as never);
        } catch (error) {
          // A shape the normalizer cannot read is reported by the collector as an error value.
          expect(error).toBeInstanceOf(Error);
          return;
        }
        if (observed.state === 'present') expect(valueSchemas[key].safeParse(observed.value).success).toBe(true);
        else expect(['absent', 'error']).toContain(observed.state);
      }),
      RUNS,
    );
  });

  it('DescribeKey: arbitrary key metadata (unknown KeyState, KeySpec, Origin) becomes a valid value or an error value', () => {
    const metadata = fc.oneof(
      fc.constant(undefined),
      fc.record(
        {
          Arn: fc.oneof(fc.constant(undefined), fc.constant('arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-000000000001'), fc.string()),
          AWSAccountId: open(fc.constant('123456789012')),
          KeyManager: open(fc.constantFrom('AWS', 'CUSTOMER')),
          KeyState: open(fc.constantFrom('Enabled', 'Disabled', 'PendingDeletion')),
          KeySpec: open(fc.constant('SYMMETRIC_DEFAULT')),
          KeyUsage: open(fc.constant('ENCRYPT_DECRYPT')),
          Origin: open(fc.constant('AWS_KMS')),
          MultiRegion: opt(fc.boolean()),
          DeletionDate: fc.oneof(fc.constant(undefined), date),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(metadata, (value) => {
        let observed: Observed<unknown>;
        try {
          observed = normalizeKeyMetadata(value as never, 'alias/app', 'us-east-1');
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          return;
        }
        if (observed.state === 'present') expect(valueSchemas.kmsKey.safeParse(observed.value).success).toBe(true);
        else expect(['absent', 'error']).toContain(observed.state);
      }),
      RUNS,
    );
  });
});
