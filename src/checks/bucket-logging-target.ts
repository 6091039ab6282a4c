import { defineIndexCheck } from './lib/define-check.ts';
import { indexGap } from './lib/index-gap.ts';
import { unreadable } from './lib/unreadable.ts';

export default defineIndexCheck({
  scope: 'bucket-index',
  id: 'bucket-logging-target',
  title: 'Bucket access logs go to a bucket that can receive them',
  severity: 'medium',
  resource: 'bucket',
  needs: ['logging', 'objectLock'],
  enabledByDefault: true,
  rationale:
    'S3 accepts a logging configuration whose target cannot receive logs, and then delivers nothing: no error, ' +
    'no alarm, just a gap where the audit trail should be. S3 delivers server access logs only to a bucket of ' +
    'the same account and the same Region, and not to a bucket with an Object Lock default retention. A target ' +
    'that does not exist (deleted, or a typo) can later be created by anyone, in another account, who then ' +
    'receives the logs.',
  remediation: {
    text:
      'Point logging at an existing bucket of this account in the source bucket\'s Region, without an Object ' +
      'Lock default retention (protect log objects with versioning, replication or a retention-free lock instead).',
    cli: 'aws s3api put-bucket-logging --bucket BUCKET --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"LOG_BUCKET","TargetPrefix":"BUCKET/"}}\'',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
    ],
    securityHub: 'S3.9',
  },
  messages: {
    deliverable: 'Access logs go to {{target}}, a bucket of this account in {{region}} without an Object Lock default retention.',
    missing:
      'Access logs go to {{target}}, which is not a bucket of this account: S3 delivers nothing there, and whoever creates {{target}} would own the logs.',
    undeliverable: 'Access logs go to {{target}}, where S3 cannot deliver them: {{reasons}}.',
    unconfirmed: 'Whether S3 can deliver access logs to {{target}} cannot be told: {{gaps}}.',
  },
  evaluate(bucket, context) {
    const { logging } = bucket;
    if (logging === undefined) return undefined;
    if (logging.state === 'error') return unreadable('the server access logging configuration', logging);
    const target = logging.value.targetBucket;
    if (target === undefined) return undefined;
    const entry = context.buckets.get(target);
    if (entry === undefined) return { status: 'fail', messageId: 'missing', data: { target }, evidence: { target, exists: false } };

    const region = bucket.region ?? context.account.region;
    const reasons: string[] = [];
    const gaps: string[] = [];
    if (entry.region === undefined) gaps.push('its Region is unknown (ListBuckets did not say)');
    else if (entry.region !== region) reasons.push(`it is in ${entry.region}, not in ${region} with the source bucket`);
    const lock = entry.objectLock;
    if (lock?.state === 'present') {
      if (lock.value.enabled && lock.value.defaultRetention) reasons.push('it has an Object Lock default retention');
    } else {
      gaps.push(`its Object Lock configuration ${indexGap(entry, 'objectLock') ?? ''}`);
    }
    const evidence = { target, targetRegion: entry.region ?? null };
    if (reasons.length > 0) return { status: 'fail', messageId: 'undeliverable', data: { target, reasons: reasons.join(', and ') }, evidence };
    if (gaps.length > 0) return { status: 'unknown', messageId: 'unconfirmed', data: { target, gaps: gaps.join('; ') } };
    return { status: 'pass', messageId: 'deliverable', data: { target, region }, evidence };
  },
});
