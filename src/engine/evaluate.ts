import { BUILTIN_MESSAGES } from '../checks/types.ts';
import type {
  AccountContext,
  AnyCheck,
  EvaluatedResourceType,
  Finding,
  IndexedAccountContext,
  ResourceRef,
  ResourceStates,
  Severity,
  Verdict,
} from '../checks/types.ts';
import { DATA_SOURCES } from '../snapshot/data-sources.ts';
import type { DataKey } from '../snapshot/types.ts';
import type { IndexedBucket } from './bucket-index.ts';
import { fingerprint } from './fingerprint.ts';
import { formatMessage } from './format-message.ts';

/** A selected check with its effective severity and validated options. */
export interface ActiveCheck {
  readonly check: AnyCheck;
  readonly severity: Severity;
  readonly options: unknown;
}

function isCollected(key: DataKey, resource: object, context: AccountContext): boolean {
  if (key === 'accountPublicAccessBlock') return context.account.publicAccessBlock !== undefined;
  // A listed resource carries what its listing said.
  if (DATA_SOURCES[key].listing === true) return true;
  return key in resource;
}

const builtinMessages: Readonly<Record<string, string>> = BUILTIN_MESSAGES;

function isVerdictList(result: Verdict | readonly Verdict[]): result is readonly Verdict[] {
  return Array.isArray(result);
}

function toFinding(active: ActiveCheck, ref: ResourceRef, verdict: Verdict): Finding {
  const { check } = active;
  const template = check.messages[verdict.messageId] ?? builtinMessages[verdict.messageId];
  return {
    checkId: check.id,
    status: verdict.status,
    severity: active.severity,
    resource: ref,
    messageId: verdict.messageId,
    message: formatMessage(template ?? verdict.messageId, verdict.data),
    ...(verdict.evidence === undefined ? {} : { evidence: verdict.evidence }),
    fingerprint: fingerprint(check.id, ref.arn),
  };
}

type CheckResult = Verdict | readonly Verdict[] | undefined;

function runCheck(
  active: ActiveCheck,
  resource: object,
  context: AccountContext,
  evaluate: () => CheckResult,
): readonly Verdict[] {
  const missing = active.check.needs.filter((key) => !isCollected(key, resource, context));
  if (missing.length > 0) {
    return [{ status: 'unknown', messageId: 'notCollected', data: { what: missing.join(', ') } }];
  }
  try {
    const result = evaluate();
    if (result === undefined) return [];
    return isVerdictList(result) ? result : [result];
  } catch (error) {
    // A broken check (built-in or plugin) must not end the scan or pass silently.
    const detail = error instanceof Error ? error.message : String(error);
    return [{ status: 'unknown', messageId: 'checkFailed', data: { detail } }];
  }
}

/**
 * Runs every active check that targets this resource type as it streams by; index checks wait
 * for evaluateIndexed. Pure apart from the checks themselves.
 */
export function evaluateResource<R extends EvaluatedResourceType>(
  type: R,
  resource: ResourceStates[R],
  ref: ResourceRef,
  checks: readonly ActiveCheck[],
  context: AccountContext,
): Finding[] {
  const findings: Finding[] = [];
  for (const active of checks) {
    const { check } = active;
    if (check.resource !== type || check.scope === 'bucket-index') continue;
    const verdicts = runCheck(active, resource, context, () => check.evaluate(resource, context, active.options));
    for (const verdict of verdicts) findings.push(toFinding(active, ref, verdict));
  }
  return findings;
}

/**
 * The resources of `type` are not known (they could not be listed, or the snapshot did not list
 * them): every active check of that type gets `verdict` for `ref`, which stands for all of them,
 * so the scan reads as incomplete rather than clean.
 */
export function evaluateUnlisted(type: EvaluatedResourceType, ref: ResourceRef, checks: readonly ActiveCheck[], verdict: Verdict): Finding[] {
  return checks.filter((active) => active.check.resource === type).map((active) => toFinding(active, ref, verdict));
}

/** Runs the index checks on one bucket's index entry, once the index is complete. */
export function evaluateIndexed(
  bucket: IndexedBucket,
  ref: ResourceRef,
  checks: readonly ActiveCheck[],
  context: IndexedAccountContext,
): Finding[] {
  const findings: Finding[] = [];
  for (const active of checks) {
    const { check } = active;
    if (check.scope !== 'bucket-index') continue;
    const verdicts = runCheck(active, bucket, context, () => check.evaluate(bucket, context, active.options));
    for (const verdict of verdicts) findings.push(toFinding(active, ref, verdict));
  }
  return findings;
}
