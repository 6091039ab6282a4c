import { z } from 'zod';
import { isOneOf } from '../is-one-of.ts';
import { plural } from '../report/text.ts';
import type { ObjectLock } from '../snapshot/types.ts';
import { defineCheck } from './lib/define-check.ts';
import { formatList } from './lib/format-list.ts';
import { unreadable } from './lib/unreadable.ts';
import { OBJECT_LOCK_DEFAULT_RETENTION } from './lib/remediation-snippets.ts';

/** Weakest first: a required mode is met by itself or anything after it. */
const MODES = ['GOVERNANCE', 'COMPLIANCE'] as const;

/** Object Lock counts a retention year as 365 days. */
const DAYS_PER_YEAR = 365;

const optionsSchema = z.strictObject({
  minimumMode: z
    .enum(MODES)
    .describe(
      'The weakest acceptable default retention mode. GOVERNANCE accepts either mode; COMPLIANCE ' +
        'rejects GOVERNANCE, which principals allowed s3:BypassGovernanceRetention can shorten or remove.',
    ),
  minimumDays: z
    .number()
    .int()
    .positive()
    .describe('The shortest acceptable default retention period in days; Years count as 365 days each. 1 accepts any period.'),
});

interface Period {
  readonly days: number;
  readonly text: string;
}

const defaults: z.infer<typeof optionsSchema> = { minimumMode: 'GOVERNANCE', minimumDays: 1 };

function periodOf(retention: NonNullable<ObjectLock['defaultRetention']>): Period | undefined {
  if (retention.days !== undefined) return { days: retention.days, text: plural(retention.days, 'day') };
  if (retention.years !== undefined) {
    const days = retention.years * DAYS_PER_YEAR;
    return { days, text: `${plural(retention.years, 'year')} (${days} days)` };
  }
  return undefined;
}

export default defineCheck({
  id: 'bucket-object-lock-retention',
  title: 'Object Lock buckets apply a default retention of the required mode and length',
  severity: 'medium',
  resource: 'bucket',
  needs: ['objectLock'],
  enabledByDefault: true,
  rationale:
    'Object Lock without a default retention locks nothing by itself: every writer would have to set a ' +
    'retention on every object, and most never do. The mode decides who can undo the lock: COMPLIANCE cannot be ' +
    'shortened or removed by anyone, root included; GOVERNANCE can be by any principal allowed ' +
    's3:BypassGovernanceRetention, which a stolen administrator credential usually is. By default any mode and ' +
    'any period pass (options minimumMode and minimumDays raise the bar; Years count as 365 days). Buckets ' +
    'without Object Lock are left to bucket-object-lock.',
  remediation: {
    text:
      'Set a default retention with the mode and period your data needs. COMPLIANCE cannot be undone before it ' +
      'expires, even by AWS Support: test with GOVERNANCE and short periods first.',
    ...OBJECT_LOCK_DEFAULT_RETENTION,
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-configure.html',
    ],
    securityHub: 'S3.15',
    awsConfig: 's3-bucket-default-lock-enabled',
  },
  messages: {
    compliance:
      'Default retention is COMPLIANCE for {{period}}: no one, root included, can delete or overwrite a new object ' +
      'version before it expires.',
    complianceOffAws:
      'Default retention is COMPLIANCE for {{period}}: no S3 request can delete or overwrite a new object version ' +
      "before it expires, though this S3-compatible store's administrators may still remove it (Ceph RGW: " +
      'radosgw-admin bucket rm --purge-objects).',
    governance:
      'Default retention is GOVERNANCE for {{period}}; principals allowed s3:BypassGovernanceRetention can still ' +
      'shorten or remove it (option minimumMode: COMPLIANCE requires more).',
    noDefaultRetention:
      'Object Lock is enabled but has no default retention: a new object version is locked only if its writer ' +
      'sets a retention period or legal hold.',
    belowRequirement: 'Default retention is {{mode}} for {{period}}, below the requirement: {{gaps}}.',
    incomplete:
      'The default retention has {{detail}}; S3 needs a mode (GOVERNANCE or COMPLIANCE) and Days or Years, so ' +
      'no object version is reliably locked.',
  },
  options: { schema: optionsSchema, defaults },
  evaluate(bucket, context, options) {
    const lock = bucket.objectLock;
    if (lock === undefined) return undefined;
    if (lock.state === 'error') return unreadable('the Object Lock configuration', lock);
    if (lock.state === 'absent' || !lock.value.enabled) return undefined;
    const retention = lock.value.defaultRetention;
    if (retention === undefined) return { status: 'fail', messageId: 'noDefaultRetention', evidence: { defaultRetention: null } };

    const evidence = { defaultRetention: retention };
    const { mode } = retention;
    const period = periodOf(retention);
    if (!isOneOf(MODES, mode) || period === undefined) {
      const modeText = mode === undefined ? 'no mode' : isOneOf(MODES, mode) ? `mode ${mode}` : `unknown mode '${mode}'`;
      return {
        status: 'fail',
        messageId: 'incomplete',
        data: { detail: `${modeText} and ${period === undefined ? 'no period' : `a period of ${period.text}`}` },
        evidence,
      };
    }

    const gaps: string[] = [];
    if (MODES.indexOf(mode) < MODES.indexOf(options.minimumMode)) {
      gaps.push(`the mode must be ${options.minimumMode} (principals allowed s3:BypassGovernanceRetention can remove a ${mode} lock)`);
    }
    if (period.days < options.minimumDays) gaps.push(`the period must be at least ${plural(options.minimumDays, 'day')}`);
    if (gaps.length > 0) {
      return { status: 'fail', messageId: 'belowRequirement', data: { mode, period: period.text, gaps: formatList(gaps) }, evidence };
    }
    // "No one, root included" is AWS's guarantee; a store's administrators stand outside S3.
    const compliance = context.account.s3Compatible === true ? 'complianceOffAws' : 'compliance';
    return { status: 'pass', messageId: mode === 'COMPLIANCE' ? compliance : 'governance', data: { period: period.text }, evidence };
  },
});
