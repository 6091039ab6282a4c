import { plural } from '../report/text.ts';
import type { ObservedError } from '../snapshot/observed.ts';
import type { SampledObjectVersion } from '../snapshot/types.ts';
import { defineCheck } from './lib/define-check.ts';
import { formatList } from './lib/format-list.ts';
import { unreadable } from './lib/unreadable.ts';

/** Versions a message names; the evidence carries the counts. */
const MAX_NAMED = 3;

/** How one sampled version is protected at the time it was sampled. */
type Protection =
  | { readonly kind: 'protected'; readonly retention?: { readonly mode: string; readonly until: string }; readonly legalHold: boolean }
  | { readonly kind: 'unprotected'; readonly expired?: { readonly mode: string; readonly until: string } }
  | { readonly kind: 'unreadable'; readonly error: ObservedError };

function protectionOf(version: SampledObjectVersion, sampledAt: number): Protection {
  const { retention, legalHold } = version;
  if (retention.state === 'error') return { kind: 'unreadable', error: retention };
  if (legalHold.state === 'error') return { kind: 'unreadable', error: legalHold };
  const held = legalHold.state === 'present' && legalHold.value.status === 'ON';
  const { mode, retainUntil } = retention.state === 'present' ? retention.value : {};
  const locked = mode === undefined || retainUntil === undefined ? undefined : { mode, until: retainUntil };
  // A retention date that has passed no longer stops a delete or overwrite.
  const active = locked !== undefined && Date.parse(locked.until) > sampledAt;
  if (active || held) return { kind: 'protected', ...(active ? { retention: locked } : {}), legalHold: held };
  return locked === undefined ? { kind: 'unprotected' } : { kind: 'unprotected', expired: locked };
}

function nameOf(version: SampledObjectVersion): string {
  return `${version.key} (version ${version.versionId})`;
}

function named(items: readonly string[]): string {
  const shown = items.slice(0, MAX_NAMED);
  return items.length > MAX_NAMED ? `${shown.join(', ')} and ${items.length - MAX_NAMED} more` : formatList(shown);
}

/** "2 under COMPLIANCE retention (earliest until …), 1 under legal hold": what protects the protected ones. */
function breakdown(protections: readonly Protection[]): string {
  const byMode = new Map<string, string[]>();
  let legalHolds = 0;
  for (const protection of protections) {
    if (protection.kind !== 'protected') continue;
    if (protection.legalHold) legalHolds += 1;
    if (protection.retention === undefined) continue;
    byMode.set(protection.retention.mode, [...(byMode.get(protection.retention.mode) ?? []), protection.retention.until]);
  }
  const parts = [...byMode.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([mode, untils]) => `${String(untils.length)} under ${mode} retention (earliest until ${untils.sort()[0] ?? ''})`);
  if (legalHolds > 0) parts.push(`${String(legalHolds)} under legal hold`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

export default defineCheck({
  id: 'bucket-object-lock-sample',
  title: 'Sampled object versions in Object Lock buckets are under retention or legal hold',
  severity: 'info',
  resource: 'bucket',
  needs: ['objectLock', 'objectLockSample'],
  enabledByDefault: false,
  enabledBy: '--sample-objects N',
  rationale:
    'Object Lock on a bucket protects only the object versions that carry a retention date or a legal hold: ' +
    'versions written before a default retention was set, or whose retention date has passed, can be deleted ' +
    'like any other. The bucket configuration cannot tell; each version can. Runs only with --sample-objects N, ' +
    'which reads the first N object versions of each bucket with Object Lock enabled (1 ListObjectVersions call, ' +
    'then GetObjectRetention and GetObjectLegalHold per version: object configuration, never object data). A ' +
    'sample is evidence, not proof: versions beyond it are not read. GOVERNANCE retention can still be removed by ' +
    'principals allowed s3:BypassGovernanceRetention (bucket-object-lock-retention judges the mode).',
  remediation: {
    text:
      'Set a default retention on the bucket (it applies to new versions only) and put a retention or legal hold ' +
      'on existing versions that must be kept, e.g. with S3 Batch Operations for many objects.',
    cli:
      'aws s3api put-object-retention --bucket <bucket> --key <key> --version-id <version> ' +
      "--retention '{\"Mode\":\"GOVERNANCE\",\"RetainUntilDate\":\"2030-01-01T00:00:00Z\"}'\n" +
      "aws s3api put-object-legal-hold --bucket <bucket> --key <key> --version-id <version> --legal-hold '{\"Status\":\"ON\"}'",
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-retention-date.html',
    ],
  },
  messages: {
    allProtected: 'Every one of {{sampled}} is protected: {{breakdown}}.',
    unprotected: 'Of {{sampled}}, {{unprotected}} neither an unexpired retention nor a legal hold: {{versions}}. Protected: {{breakdown}}.',
    versionsUnreadable: 'Could not read the retention or legal hold of {{failed}} of {{sampled}}: {{details}}.',
  },
  evaluate(bucket) {
    const lock = bucket.objectLock;
    if (lock === undefined) return undefined;
    if (lock.state === 'error') return unreadable('the Object Lock configuration', lock);
    if (lock.state === 'absent' || !lock.value.enabled) return undefined;
    const sample = bucket.objectLockSample;
    if (sample === undefined || sample.state === 'absent') return undefined;
    if (sample.state === 'error') return unreadable('the object versions to sample', sample);
    const { versions, sampledAt } = sample.value;
    if (versions.length === 0) return undefined;

    const now = Date.parse(sampledAt);
    const protections = versions.map((version) => protectionOf(version, now));
    const sampled = plural(versions.length, 'sampled object version');
    const failed = versions.flatMap((version, index) => {
      const protection = protections[index];
      return protection?.kind === 'unreadable'
        ? [`${nameOf(version)}: ${protection.error.operation} failed with ${protection.error.code}`]
        : [];
    });
    const evidence = {
      limit: sample.value.limit,
      sampled: versions.length,
      protected: protections.filter((protection) => protection.kind === 'protected').length,
      unprotected: protections.filter((protection) => protection.kind === 'unprotected').length,
      unreadable: failed.length,
    };
    if (failed.length > 0) {
      return { status: 'unknown', messageId: 'versionsUnreadable', data: { failed: failed.length, sampled, details: named(failed) }, evidence };
    }
    const unprotected = versions.flatMap((version, index) => {
      const protection = protections[index];
      if (protection?.kind !== 'unprotected') return [];
      const expired = protection.expired;
      return [expired === undefined ? nameOf(version) : `${nameOf(version)}, whose ${expired.mode} retention expired ${expired.until}`];
    });
    const data = { sampled, breakdown: breakdown(protections) };
    if (unprotected.length > 0) {
      return { status: 'fail', messageId: 'unprotected', data: { ...data, unprotected: `${String(unprotected.length)} ${unprotected.length === 1 ? 'has' : 'have'}`, versions: named(unprotected) }, evidence };
    }
    return { status: 'pass', messageId: 'allProtected', data, evidence };
  },
});
