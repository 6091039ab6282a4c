import type { Baseline } from '../baseline/baseline.ts';
import type { SuppressionRule } from '../config/config.ts';
import type { ActiveCheck } from '../engine/evaluate.ts';
import { checkGlobMatcher } from '../engine/suppress.ts';
import type { SuppressionOutcome } from '../engine/suppress.ts';

function describeRule(rule: SuppressionRule): string {
  return `suppression of ${rule.check} on ${rule.resource}`;
}

/**
 * Expired entries always get a warning. Entries that suppressed nothing get one only when this
 * scan could have met their findings: every bucket was in scope and a check they name ran.
 */
export function suppressionWarnings(outcome: SuppressionOutcome, checks: readonly ActiveCheck[], allBuckets: boolean): string[] {
  const expired = outcome.expired.map(
    (rule) => `${rule.source}: ${describeRule(rule)} expired on ${rule.expires ?? ''}; its findings count again (renew the date or fix them)`,
  );
  const ran = (rule: SuppressionRule): boolean => {
    const isMatch = checkGlobMatcher(rule.check);
    return checks.some((active) => isMatch(active.check.id));
  };
  const unused = allBuckets
    ? outcome.unused.filter(ran).map((rule) => `${rule.source}: ${describeRule(rule)} matched no failing finding; remove it if the issue is fixed`)
    : [];
  return [...expired, ...unused];
}

/** A baseline of another account matches nothing: say so rather than fail every finding as new in silence. */
export function baselineWarnings(baseline: Baseline | undefined, path: string, account: string): string[] {
  if (baseline === undefined || baseline.account === account) return [];
  return [`--baseline ${path} was written for account ${baseline.account}, this scan is of ${account}: every failing finding counts as new`];
}
