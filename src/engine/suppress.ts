import picomatch from 'picomatch';
import type { SuppressionRule } from '../config/config.ts';
import type { Findings, Marks } from '../report/findings.ts';

/**
 * ARN globs as in IAM policies: anchored to the whole ARN, case-sensitive, `*` matches any run of
 * characters including `/` and `:` (bash mode), `?` one character other than `/`, `{a,b}`
 * alternatives. No negation: a leading `!` would turn one entry into "suppress everything else".
 */
export function resourceGlobMatcher(glob: string): (arn: string) => boolean {
  return picomatch(glob, { bash: true, dot: true, nonegate: true, noextglob: true, windows: false });
}

/** Check id globs of suppressions: like --checks, but a leading `!` is never "every other check". */
export function checkGlobMatcher(glob: string): (id: string) => boolean {
  return picomatch(glob, { nonegate: true, noextglob: true });
}

/** An entry expires at 00:00 UTC on its `expires` date; `today` is YYYY-MM-DD (UTC). */
export function isExpired(rule: SuppressionRule, today: string): boolean {
  return rule.expires !== undefined && rule.expires <= today;
}

export interface SuppressionOutcome {
  readonly findings: Findings;
  /** Entries past their date: they applied to nothing, and the user should hear about it. */
  readonly expired: readonly SuppressionRule[];
  /** Live entries that suppressed no failing finding in this scan. */
  readonly unused: readonly SuppressionRule[];
}

/**
 * Marks the failing findings that a live entry covers (the first matching entry wins). Pass and
 * unknown verdicts are never suppressed: an unreadable configuration is not an accepted risk,
 * and an unknown must not turn into silence.
 */
export function applySuppressions(findings: Findings, rules: readonly SuppressionRule[], today: string): SuppressionOutcome {
  const live = rules
    .filter((rule) => !isExpired(rule, today))
    .map((rule) => ({ rule, isCheck: checkGlobMatcher(rule.check), isResource: resourceGlobMatcher(rule.resource), used: false }));
  // No entry can mark anything: the findings as they are, not a copy (millions at 10^5 buckets).
  const marked = live.length === 0 ? findings : findings.withMarks((finding): Marks | undefined => {
    if (finding.status !== 'fail') return undefined;
    const match = live.find((entry) => entry.isCheck(finding.checkId) && entry.isResource(finding.resource.arn));
    if (match === undefined) return undefined;
    match.used = true;
    const { reason, expires } = match.rule;
    return { suppression: expires === undefined ? { reason } : { reason, expires } };
  });
  return {
    findings: marked,
    expired: rules.filter((rule) => isExpired(rule, today)),
    unused: live.filter((entry) => !entry.used).map((entry) => entry.rule),
  };
}
