import { describe, expect, it } from 'vitest';
import { BUILTIN_MESSAGES, isIndexCheck } from '../../src/checks/types.ts';
import type { AccountContext, AnyCheck, Finding, Status } from '../../src/checks/types.ts';
import { BucketIndexBuilder } from '../../src/engine/bucket-index.ts';
import type { ActiveCheck } from '../../src/engine/evaluate.ts';
import { evaluateIndexed, evaluateResource } from '../../src/engine/evaluate.ts';
import { unfilledPlaceholders } from '../../src/engine/format-message.ts';
import {
  accessPointRef,
  accountRef,
  bucketRef,
  glacierVaultRef,
  multiRegionAccessPointRef,
  objectLambdaAccessPointRef,
} from '../../src/engine/resource-ref.ts';
import type {
  AccessPointState,
  AccountState,
  BucketState,
  GlacierVaultState,
  MultiRegionAccessPointState,
  ObjectLambdaAccessPointState,
} from '../../src/snapshot/types.ts';

export interface ExpectedFinding {
  readonly messageId: string;
  /** The full rendered message: wording is part of what a check promises its users. */
  readonly message: string;
}

export interface CheckCase {
  /** Names the behaviour the case pins, e.g. "versioning Suspended fails". */
  readonly name: string;
  readonly bucket?: Partial<BucketState>;
  /** For access point checks: overrides of testAccessPoint(). */
  readonly accessPoint?: Partial<AccessPointState>;
  readonly objectLambdaAccessPoint?: Partial<ObjectLambdaAccessPointState>;
  readonly multiRegionAccessPoint?: Partial<MultiRegionAccessPointState>;
  readonly glacierVault?: Partial<GlacierVaultState>;
  readonly account?: Partial<AccountState>;
  readonly trustedAccounts?: readonly string[];
  /** For index checks: the account's other buckets, collected (they go through the bucket index as in a scan). */
  readonly otherBuckets?: readonly BucketState[];
  /** For index checks: buckets ListBuckets named but the scan left out (--bucket/--exclude-bucket). */
  readonly unscannedBuckets?: readonly { readonly name: string; readonly region?: string }[];
  readonly options?: unknown;
  readonly expect: ExpectedFinding | readonly ExpectedFinding[];
}

export interface CheckCases {
  readonly pass: readonly CheckCase[];
  readonly fail: readonly CheckCase[];
  readonly unknown: readonly CheckCase[];
  /** Resources the check does not apply to: it must emit nothing. */
  readonly notApplicable?: readonly Omit<CheckCase, 'expect'>[];
}

export const TEST_ACCOUNT: AccountState = { accountId: '123456789012', partition: 'aws', region: 'us-east-1' };

export function testBucket(overrides: Partial<BucketState> = {}): BucketState {
  return { name: 'example-bucket', region: 'us-east-1', ...overrides };
}

export function testAccessPoint(overrides: Partial<AccessPointState> = {}): AccessPointState {
  const name = overrides.name ?? 'team-a';
  return {
    name,
    region: 'us-east-1',
    arn: `arn:aws:s3:us-east-1:${TEST_ACCOUNT.accountId}:accesspoint/${name}`,
    bucket: 'example-bucket',
    bucketAccountId: TEST_ACCOUNT.accountId,
    networkOrigin: 'Internet',
    ...overrides,
  };
}

export function testObjectLambdaAccessPoint(overrides: Partial<ObjectLambdaAccessPointState> = {}): ObjectLambdaAccessPointState {
  const name = overrides.name ?? 'redact';
  return {
    name,
    region: 'us-east-1',
    arn: `arn:aws:s3-object-lambda:us-east-1:${TEST_ACCOUNT.accountId}:accesspoint/${name}`,
    ...overrides,
  };
}

export function testMultiRegionAccessPoint(overrides: Partial<MultiRegionAccessPointState> = {}): MultiRegionAccessPointState {
  return {
    name: 'global',
    alias: 'mfzwi23gnjvgw.mrap',
    arn: `arn:aws:s3::${TEST_ACCOUNT.accountId}:accesspoint/mfzwi23gnjvgw.mrap`,
    status: 'READY',
    regions: [
      { bucket: 'example-bucket', region: 'us-east-1' },
      { bucket: 'example-bucket-eu', region: 'eu-west-1' },
    ],
    ...overrides,
  };
}

export function testGlacierVault(overrides: Partial<GlacierVaultState> = {}): GlacierVaultState {
  const name = overrides.name ?? 'archive';
  return { name, region: 'us-east-1', arn: `arn:aws:glacier:us-east-1:${TEST_ACCOUNT.accountId}:vaults/${name}`, ...overrides };
}

/** Evaluates a check of an access point type on the case's resource, checking it is left unmodified. */
function evaluateAccessPointCase(check: AnyCheck, testCase: Omit<CheckCase, 'expect'>, active: readonly ActiveCheck[], context: AccountContext): Finding[] | undefined {
  const { account } = context;
  const unchanged = <T>(resource: T, run: (frozen: T) => Finding[]): Finding[] => {
    const frozen = deepFreeze(resource);
    const before = structuredClone(frozen);
    const findings = run(frozen);
    expect(frozen, 'a check must not modify its input').toStrictEqual(before);
    return findings;
  };
  switch (check.resource) {
    case 'access-point':
      return unchanged(testAccessPoint(testCase.accessPoint), (ap) => evaluateResource('access-point', ap, accessPointRef(account, ap), active, context));
    case 'object-lambda-access-point':
      return unchanged(testObjectLambdaAccessPoint(testCase.objectLambdaAccessPoint), (olap) =>
        evaluateResource('object-lambda-access-point', olap, objectLambdaAccessPointRef(account, olap), active, context),
      );
    case 'multi-region-access-point':
      return unchanged(testMultiRegionAccessPoint(testCase.multiRegionAccessPoint), (mrap) =>
        evaluateResource('multi-region-access-point', mrap, multiRegionAccessPointRef(account, mrap), active, context),
      );
    case 'glacier-vault':
      return unchanged(testGlacierVault(testCase.glacierVault), (vault) =>
        evaluateResource('glacier-vault', vault, glacierVaultRef(account, vault), active, context),
      );
    default:
      return undefined;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The bucket index of a case: its bucket (evaluated) plus the other and unscanned buckets, in
 * the given order or reversed, since a scan indexes buckets in whatever order they complete.
 */
function caseIndex(bucket: BucketState, testCase: Omit<CheckCase, 'expect'>, reversed: boolean): BucketIndexBuilder {
  const adds: (() => void)[] = [];
  const index = new BucketIndexBuilder();
  adds.push(() => {
    index.addBucket(bucket, true);
  });
  for (const other of testCase.otherBuckets ?? []) {
    adds.push(() => {
      index.addBucket(deepFreeze(other), false);
    });
  }
  for (const listed of testCase.unscannedBuckets ?? []) {
    adds.push(() => {
      index.addListed(listed.name, listed.region);
    });
  }
  for (const add of reversed ? adds.reverse() : adds) add();
  return index;
}

function evaluateCase(check: AnyCheck, testCase: Omit<CheckCase, 'expect'>, reversed = false): Finding[] {
  const account = deepFreeze({ ...TEST_ACCOUNT, ...testCase.account });
  const context: AccountContext = deepFreeze({ account, trustedAccounts: testCase.trustedAccounts ?? [] });
  // Case options go through the check's schema, as configured options would.
  const options: unknown =
    testCase.options === undefined || check.options === undefined ? check.options?.defaults : check.options.schema.parse(testCase.options);
  const active = [{ check, severity: check.severity, options }];
  if (!isIndexCheck(check) && (testCase.otherBuckets !== undefined || testCase.unscannedBuckets !== undefined)) {
    throw new Error(`${testCase.name}: otherBuckets and unscannedBuckets are for checks that read the bucket index`);
  }
  if (check.resource === 'account') return evaluateResource('account', account, accountRef(account), active, context);
  const onAccessPoint = evaluateAccessPointCase(check, testCase, active, context);
  if (onAccessPoint !== undefined) return onAccessPoint;
  const bucket = deepFreeze(testBucket(testCase.bucket));
  const before = structuredClone(bucket);
  const findings = isIndexCheck(check)
    ? evaluateIndexChecksOn(bucket, testCase, reversed, active, context)
    : evaluateResource('bucket', bucket, bucketRef(account, bucket), active, context);
  expect(bucket, 'a check must not modify its input').toStrictEqual(before);
  return findings;
}

function evaluateIndexChecksOn(
  bucket: BucketState,
  testCase: Omit<CheckCase, 'expect'>,
  reversed: boolean,
  active: readonly ActiveCheck[],
  context: AccountContext,
): Finding[] {
  const index = caseIndex(bucket, testCase, reversed);
  const entry = index.get(bucket.name);
  if (entry === undefined) throw new Error(`${testCase.name}: the case bucket is missing from the index`);
  return evaluateIndexed(entry, bucketRef(context.account, bucket), active, { ...context, buckets: index });
}

/** The suite-level rules: pass, fail and unknown cases exist, names are unique, every message is exercised. */
export function assertSuite(check: AnyCheck, cases: CheckCases): void {
  expect(cases.pass.length, 'pass cases').toBeGreaterThan(0);
  expect(cases.fail.length, 'fail cases').toBeGreaterThan(0);
  expect(cases.unknown.length, 'unknown cases').toBeGreaterThan(0);
  const names = [...cases.pass, ...cases.fail, ...cases.unknown, ...(cases.notApplicable ?? [])].map((c) => c.name);
  expect(names.filter((name, index) => names.indexOf(name) !== index), 'duplicate case names').toEqual([]);
  const used = new Set([...cases.pass, ...cases.fail, ...cases.unknown].flatMap((c) => [c.expect].flat().map((e) => e.messageId)));
  expect(Object.keys(check.messages).filter((id) => !used.has(id)), 'messages no case produces').toEqual([]);
  if (check.options !== undefined) {
    expect(check.options.schema.safeParse(check.options.defaults).success, 'default options satisfy the schema').toBe(true);
  }
}

/** One case: deterministic, declared message ids, no unfilled placeholder, exactly the expected findings. */
export function assertCase(check: AnyCheck, testCase: CheckCase, status: Status): void {
  const findings = evaluateCase(check, testCase);
  expect(evaluateCase(check, testCase, true), 'evaluation must be deterministic, whatever order buckets were indexed in').toStrictEqual(findings);
  for (const finding of findings) {
    const declared = finding.messageId in check.messages || finding.messageId in BUILTIN_MESSAGES;
    expect(declared, `messageId '${finding.messageId}' is declared`).toBe(true);
    expect(unfilledPlaceholders(finding.message), 'unfilled placeholders').toEqual([]);
  }
  const expected = [testCase.expect].flat().map((e) => ({ status, messageId: e.messageId, message: e.message }));
  const actual = findings.map((f) => ({ status: f.status, messageId: f.messageId, message: f.message }));
  expect(actual).toStrictEqual(expected);
}

/**
 * ESLint RuleTester for checks: every check needs pass, fail and unknown cases; input is
 * deep-frozen; index checks see the case's other buckets through the bucket index; findings must match exactly (status, messageId, full message); a message id
 * must be declared and every declared one exercised; evaluation must be deterministic.
 */
export function runCheckTests(check: AnyCheck, cases: CheckCases): void {
  describe(check.id, () => {
    it('has pass, fail and unknown cases, unique names, and every message exercised', () => {
      assertSuite(check, cases);
    });
    const groups: readonly (readonly [Status, readonly CheckCase[]])[] = [
      ['pass', cases.pass],
      ['fail', cases.fail],
      ['unknown', cases.unknown],
    ];
    for (const [status, group] of groups) {
      describe(status, () => {
        for (const testCase of group) {
          it(testCase.name, () => {
            assertCase(check, testCase, status);
          });
        }
      });
    }
    const notApplicable = cases.notApplicable ?? [];
    if (notApplicable.length > 0) {
      describe('does not apply', () => {
        for (const testCase of notApplicable) {
          it(testCase.name, () => {
            expect(evaluateCase(check, testCase)).toStrictEqual([]);
          });
        }
      });
    }
  });
}
