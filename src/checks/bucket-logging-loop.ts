import { defineIndexCheck } from './lib/define-check.ts';
import { indexGap } from './lib/index-gap.ts';
import { loggingChain } from './lib/logging-graph.ts';
import { unreadable } from './lib/unreadable.ts';

export default defineIndexCheck({
  scope: 'bucket-index',
  id: 'bucket-logging-loop',
  title: 'Bucket access logs do not loop back into the bucket',
  severity: 'high',
  resource: 'bucket',
  needs: ['logging'],
  enabledByDefault: true,
  rationale:
    'Every access-log delivery is itself a write to the target bucket. When a bucket logs into itself, or logs ' +
    'into a bucket whose logs come back to it (A → B → A), each delivery produces new log records that are ' +
    'delivered again: log objects pile up without end, storage and request costs grow, and the records of real ' +
    'requests drown in logs of log deliveries. AWS recommends against logging a bucket into itself.',
  remediation: {
    text:
      'Send access logs to a dedicated log bucket that does not log itself (or logs into a further bucket that ' +
      'does not log back). Break the loop by turning logging off on one bucket of the loop or pointing it elsewhere.',
    cli: 'aws s3api put-bucket-logging --bucket BUCKET --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"LOG_BUCKET","TargetPrefix":"BUCKET/"}}\'',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html',
    ],
  },
  messages: {
    ends: 'Access logs flow {{chain}} and stop there: they never come back to this bucket.',
    feedsLoop:
      'This bucket is not on a logging loop, though its logs flow {{chain}} into the loop {{loop}} (reported on those buckets).',
    selfLoop:
      'The bucket logs into itself ({{chain}}): every log delivery is a request that is logged again, so log objects pile up without end.',
    loop: 'Access logs loop {{chain}}: every log delivery is a request that is logged again, so log objects pile up without end.',
    chainUnknown: 'Whether access logs loop cannot be told: they flow {{chain}}, and the logging configuration of {{bucket}} {{gap}}.',
  },
  evaluate(bucket, context) {
    const { logging } = bucket;
    if (logging === undefined) return undefined;
    if (logging.state === 'error') return unreadable('the server access logging configuration', logging);
    const chain = loggingChain(context.buckets, bucket.name);
    switch (chain.kind) {
      case 'none':
        return undefined;
      case 'loop':
        return {
          status: 'fail',
          messageId: chain.length === 1 ? 'selfLoop' : 'loop',
          data: { chain: chain.chain },
          evidence: { chain: chain.chain, loopLength: chain.length },
        };
      case 'feedsLoop':
        return { status: 'pass', messageId: 'feedsLoop', data: { chain: chain.chain, loop: chain.loop } };
      case 'ends':
        return { status: 'pass', messageId: 'ends', data: { chain: chain.chain } };
      case 'unknown':
        return {
          status: 'unknown',
          messageId: 'chainUnknown',
          data: { chain: chain.chain, bucket: chain.bucket.name, gap: indexGap(chain.bucket, 'logging') ?? '' },
        };
    }
  },
});
