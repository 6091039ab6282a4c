import { z } from 'zod';
import { matchingGlob } from './lib/bucket-globs.ts';
import { defineCheck } from './lib/define-check.ts';
import { quote } from './lib/format-list.ts';
import { unreadable } from './lib/unreadable.ts';
import { OBJECT_LOCK_DEFAULT_RETENTION } from './lib/remediation-snippets.ts';

const optionsSchema = z.strictObject({
  requiredFor: z
    .array(z.string().min(1))
    .describe(
      'Bucket-name globs of the buckets that must have Object Lock (e.g. ["backup-*", "*-audit-logs"]). ' +
        'Given globs, only matching buckets are required to have it; the others pass with a message saying ' +
        'Object Lock is not required. Empty (the default): every bucket must have it.',
    ),
});

export default defineCheck({
  id: 'bucket-object-lock',
  title: 'Bucket has Object Lock enabled',
  severity: 'low',
  resource: 'bucket',
  needs: ['objectLock'],
  enabledByDefault: true,
  rationale:
    'Object Lock stores object versions write-once-read-many: a locked version cannot be deleted or overwritten ' +
    'until its retention expires or its legal hold is removed, whoever asks, which is what keeps backups and ' +
    'audit records safe from ransomware and stolen administrator credentials. Versioning alone does not: ' +
    'anyone allowed to delete versions can purge them. Not every bucket needs WORM storage, so option ' +
    'requiredFor names the buckets that must have it; without it every bucket is evaluated, at low severity. ' +
    'Whether a default retention is set is judged by bucket-object-lock-retention.',
  remediation: {
    text:
      'Enable Object Lock (it needs versioning, and once on it can never be turned off or versioning suspended), ' +
      'then set a default retention. Buckets that must not be locked, such as server access log targets, ' +
      'should be left out with the requiredFor option.',
    ...OBJECT_LOCK_DEFAULT_RETENTION,
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-configure.html',
    ],
    securityHub: 'S3.15',
    awsConfig: 's3-bucket-default-lock-enabled',
    prowler: 's3_bucket_object_lock',
  },
  messages: {
    enabled: 'Object Lock is enabled.',
    notEnabled:
      'Object Lock is not enabled: anyone allowed to delete object versions can destroy them. (Option requiredFor ' +
      'limits this check to the buckets that must have it.)',
    requiredButOff: 'Object Lock is not enabled, but the bucket matches requiredFor glob {{glob}}, which must have it.',
    notRequired: 'Object Lock is not enabled and not required: the bucket matches none of the requiredFor globs ({{globs}}).',
  },
  options: { schema: optionsSchema, defaults: { requiredFor: [] } },
  evaluate(bucket, _context, options) {
    const lock = bucket.objectLock;
    if (lock === undefined) return undefined;
    if (lock.state === 'error') return unreadable('the Object Lock configuration', lock);
    const enabled = lock.state === 'present' && lock.value.enabled;
    if (enabled) return { status: 'pass', messageId: 'enabled', evidence: { enabled } };
    const evidence = { enabled };
    if (options.requiredFor.length === 0) return { status: 'fail', messageId: 'notEnabled', evidence };
    const glob = matchingGlob(bucket.name, options.requiredFor);
    if (glob === undefined) {
      return { status: 'pass', messageId: 'notRequired', data: { globs: options.requiredFor.map(quote).join(', ') }, evidence };
    }
    return { status: 'fail', messageId: 'requiredButOff', data: { glob: quote(glob) }, evidence: { ...evidence, requiredForGlob: glob } };
  },
});
