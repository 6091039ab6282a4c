import picomatch from 'picomatch';
import { z } from 'zod';
import { defineIndexCheck } from './lib/define-check.ts';
import { indexGap } from './lib/index-gap.ts';
import { unreadable } from './lib/unreadable.ts';

export interface AccessLoggingOptions {
  /** Buckets that receive another bucket's access logs need not log themselves. */
  readonly exemptLogTargets: boolean;
  /** Globs of bucket names (whole name) that need not log. */
  readonly exemptBuckets: readonly string[];
}

const matchers = new Map<string, (name: string) => boolean>();

function matchingPattern(patterns: readonly string[], name: string): string | undefined {
  return patterns.find((pattern) => {
    let isMatch = matchers.get(pattern);
    if (isMatch === undefined) {
      isMatch = picomatch(pattern);
      matchers.set(pattern, isMatch);
    }
    return isMatch(name);
  });
}

function others(count: number): string {
  if (count <= 1) return '';
  return count === 2 ? ' and 1 other bucket' : ` and ${String(count - 1)} other buckets`;
}

export default defineIndexCheck({
  scope: 'bucket-index',
  id: 'bucket-access-logging',
  title: 'Bucket server access logging is enabled',
  severity: 'medium',
  resource: 'bucket',
  needs: ['logging'],
  enabledByDefault: true,
  rationale:
    'Server access logs record every request to the bucket (requester, source IP, operation, key, response), ' +
    'including requests that CloudTrail data events are not configured to capture. Without them, data access ' +
    'during an incident cannot be reconstructed. A bucket that receives other buckets\' access logs is exempt ' +
    'by default: logging it too only creates logs of log deliveries, and logging it into itself loops.',
  remediation: {
    text:
      'Enable server access logging into a dedicated log bucket of the same account and Region (no Object Lock ' +
      'default retention, a bucket policy that lets logging.s3.amazonaws.com write with aws:SourceAccount set), ' +
      'with a distinct prefix per source bucket. Options: exemptLogTargets (default true) exempts buckets that ' +
      'receive another bucket\'s access logs; exemptBuckets lists name globs that need not log.',
    cli:
      'aws s3api put-bucket-logging --bucket BUCKET --bucket-logging-status ' +
      '\'{"LoggingEnabled":{"TargetBucket":"LOG_BUCKET","TargetPrefix":"BUCKET/"}}\'',
    terraform:
      'resource "aws_s3_bucket_logging" "this" {\n  bucket        = aws_s3_bucket.this.id\n  target_bucket = aws_s3_bucket.logs.id\n  target_prefix = "${aws_s3_bucket.this.id}/"\n}',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html',
    ],
    securityHub: 'S3.9',
    awsConfig: 's3-bucket-logging-enabled',
    prowler: 's3_bucket_server_access_logging_enabled',
  },
  options: {
    schema: z.strictObject({ exemptLogTargets: z.boolean(), exemptBuckets: z.array(z.string().min(1)) }),
    defaults: { exemptLogTargets: true, exemptBuckets: [] },
  },
  messages: {
    enabled: 'Server access logging is on, delivering to {{target}}.',
    exemptBucket: "Server access logging is off; the bucket is exempt by the exemptBuckets pattern '{{pattern}}'.",
    logTarget:
      'Server access logging is off, as it should be for a log bucket: it receives the access logs of {{source}}{{others}} in its Region.',
    maybeLogTarget:
      'Server access logging is off, and whether this is an exempt log bucket cannot be told: the logging ' +
      'configuration of {{bucket}}{{others}} in its Region {{gap}}.',
    off: 'Server access logging is off: requests to this bucket leave no access-log record.',
    offNotLogTarget:
      'Server access logging is off: requests to this bucket leave no access-log record (no bucket of its ' +
      'Region delivers its logs here, which would exempt it).',
  },
  evaluate(bucket, context, options: AccessLoggingOptions) {
    const { logging } = bucket;
    if (logging === undefined) return undefined;
    if (logging.state === 'error') return unreadable('the server access logging configuration', logging);
    const target = logging.value.targetBucket;
    if (target !== undefined) return { status: 'pass', messageId: 'enabled', data: { target }, evidence: { target } };

    const evidence = { target: null };
    const pattern = matchingPattern(options.exemptBuckets, bucket.name);
    if (pattern !== undefined) return { status: 'pass', messageId: 'exemptBucket', data: { pattern }, evidence };
    if (!options.exemptLogTargets) return { status: 'fail', messageId: 'off', evidence };

    const region = bucket.region ?? context.account.region;
    const sources = context.buckets.logSources(bucket.name, region);
    if (sources !== undefined) {
      return {
        status: 'pass',
        messageId: 'logTarget',
        data: { source: sources.first, others: others(sources.count) },
        evidence: { ...evidence, logSources: sources.count },
      };
    }
    const unknown = context.buckets.unknownLogging(region);
    if (unknown !== undefined) {
      return {
        status: 'unknown',
        messageId: 'maybeLogTarget',
        data: { bucket: unknown.first.name, others: others(unknown.count), gap: indexGap(unknown.first, 'logging') ?? '' },
      };
    }
    return { status: 'fail', messageId: 'offNotLogTarget', evidence };
  },
});
