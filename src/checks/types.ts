import type { z } from 'zod';
import type { BucketIndex, IndexedBucket } from '../engine/bucket-index.ts';
import type {
  AccessPointState,
  AccountState,
  BucketState,
  DataKey,
  GlacierVaultState,
  MultiRegionAccessPointState,
  ObjectLambdaAccessPointState,
} from '../snapshot/types.ts';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ['pass', 'fail', 'unknown'] as const;
export type Status = (typeof STATUSES)[number];

export type ResourceType =
  | 'account'
  | 'bucket'
  | 'access-point'
  | 'object-lambda-access-point'
  | 'multi-region-access-point'
  | 'glacier-vault';

/** What a check sees besides its one resource: account-level state, never the whole snapshot. */
export interface AccountContext {
  readonly account: AccountState;
  readonly trustedAccounts: readonly string[];
}

/** What an index check sees: the account context plus the complete index over the account's buckets. */
export interface IndexedAccountContext extends AccountContext {
  readonly buckets: BucketIndex;
}

export interface ResourceStates {
  readonly account: AccountState;
  readonly bucket: BucketState;
  readonly 'access-point': AccessPointState;
  readonly 'object-lambda-access-point': ObjectLambdaAccessPointState;
  readonly 'multi-region-access-point': MultiRegionAccessPointState;
  readonly 'glacier-vault': GlacierVaultState;
}
export type EvaluatedResourceType = keyof ResourceStates;

type MessageData = Readonly<Record<string, string | number>>;

/** What a check returns for one resource; the engine turns it into a Finding. */
export interface Verdict<M extends string = string> {
  readonly status: Status;
  readonly messageId: M;
  readonly data?: MessageData;
  readonly evidence?: Readonly<Record<string, unknown>>;
}

/** Every check can say this: the data it needs could not be read. */
export const BUILTIN_MESSAGES = {
  unreadable: 'Could not read {{what}}: {{operation}} failed with {{code}} ({{detail}}).',
  notSupported: 'Could not read {{what}}: not supported by this endpoint ({{detail}}).',
  notCollected: 'The snapshot does not contain {{what}}; collect it again with this check selected.',
  checkFailed: 'The check itself failed ({{detail}}); this is a bug in the check, please report it.',
} as const;
export type BuiltinMessageId = keyof typeof BUILTIN_MESSAGES;

export interface CheckOptionsSpec<O> {
  readonly schema: z.ZodType<O>;
  readonly defaults: O;
}

export interface Check<R extends EvaluatedResourceType = EvaluatedResourceType, M extends string = string, O = undefined> {
  /** 'resource' (the default): evaluated as soon as its resource is collected. */
  readonly scope?: 'resource';
  /** kebab-case, stable forever; the file name under src/checks/ equals the id. */
  readonly id: string;
  /** States the secure state, e.g. "Bucket policy denies non-TLS requests". */
  readonly title: string;
  readonly severity: Severity;
  readonly resource: R;
  /** The collected data it reads; the collector makes only the calls the selected checks need. */
  readonly needs: readonly DataKey[];
  readonly enabledByDefault: boolean;
  /** A check that only a scan flag can turn on (its data costs extra calls), e.g. '--sample-objects N'. */
  readonly enabledBy?: string;
  readonly rationale: string;
  readonly remediation: { readonly text: string; readonly cli?: string; readonly terraform?: string };
  readonly references: {
    readonly url: readonly string[];
    readonly securityHub?: string;
    readonly cis?: string;
    readonly awsConfig?: string;
    readonly prowler?: string;
  };
  /** Templates with {{placeholders}} filled from Verdict.data. */
  readonly messages: Readonly<Record<M, string>>;
  readonly options?: CheckOptionsSpec<O>;
  /** Pure and deterministic. `undefined` when the check does not apply to this resource. */
  evaluate(
    resource: ResourceStates[R],
    context: AccountContext,
    options: O,
  ): Verdict<NoInfer<M> | BuiltinMessageId> | readonly Verdict<NoInfer<M> | BuiltinMessageId>[] | undefined;
}

type IndexVerdicts<M extends string> = Verdict<M | BuiltinMessageId> | readonly Verdict<M | BuiltinMessageId>[] | undefined;

/**
 * A bucket check that reads other buckets through the bucket index (the logging graph). The
 * engine runs it once every bucket has been indexed, on the bucket's compact index entry: full
 * bucket state is not kept that long. Its `needs` are collected for every scanned bucket.
 */
export interface IndexCheck<M extends string = string, O = undefined> extends Omit<Check<'bucket', M, O>, 'scope' | 'evaluate'> {
  readonly scope: 'bucket-index';
  /** Pure and deterministic; `bucket` is the index entry of a scanned bucket in the scan's scope. */
  evaluate(bucket: IndexedBucket, context: IndexedAccountContext, options: O): IndexVerdicts<NoInfer<M>>;
}

/** Any check, whatever its message ids and options; what registries and the engine hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- options are validated per check by its own schema
export type AnyCheck = Check<EvaluatedResourceType, string, any> | IndexCheck<string, any>;

/** Index checks wait for the complete index; every other check runs as its resource streams by. */
export function isIndexCheck(check: AnyCheck): check is Extract<AnyCheck, { readonly scope: 'bucket-index' }> {
  return check.scope === 'bucket-index';
}

export interface ResourceRef {
  readonly type: ResourceType;
  readonly arn: string;
  readonly name: string;
  /** '' for a global resource (Multi-Region Access Point). */
  readonly region: string;
  readonly account: string;
  /** The bucket behind an access point: reports show the access point under it. */
  readonly bucket?: string;
}

/** Why a finding is accepted: from a config `suppressions:` entry. */
export interface Suppression {
  readonly reason: string;
  /** ISO date after which the entry stops applying. */
  readonly expires?: string;
}

export interface Finding {
  readonly checkId: string;
  readonly status: Status;
  readonly severity: Severity;
  readonly resource: ResourceRef;
  readonly messageId: string;
  readonly message: string;
  readonly evidence?: Readonly<Record<string, unknown>>;
  /** Stable hash of checkId + resource ARN: baselines and SARIF key on it. */
  readonly fingerprint: string;
  /** Set when a suppression applies: counted, hidden unless asked for, kept out of SARIF, never fails the scan. */
  readonly suppression?: Suppression;
  /** Set on failing findings when a baseline is given: only `new` ones gate the scan. */
  readonly baseline?: 'new' | 'known';
}
