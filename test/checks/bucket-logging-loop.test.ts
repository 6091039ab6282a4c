import check from '../../src/checks/bucket-logging-loop.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests, testBucket } from '../support/check-tester.ts';

const off = present({});
const logsTo = (bucket: string) => present({ target: { bucket, prefix: '' } });
const denied = observedError('GetBucketLogging', 'AccessDenied', 'Access Denied');
const loopEffect = 'every log delivery is a request that is logged again, so log objects pile up without end.';

runCheckTests(check, {
  pass: [
    {
      name: 'logging into a log bucket that does not log passes, showing the chain',
      bucket: { name: 'app', logging: logsTo('logs') },
      otherBuckets: [testBucket({ name: 'logs', logging: off })],
      expect: { messageId: 'ends', message: 'Access logs flow app → logs and stop there: they never come back to this bucket.' },
    },
    {
      name: 'a chain through several buckets that ends passes',
      bucket: { name: 'app', logging: logsTo('logs') },
      otherBuckets: [testBucket({ name: 'logs', logging: logsTo('archive') }), testBucket({ name: 'archive', logging: absent() })],
      expect: { messageId: 'ends', message: 'Access logs flow app → logs → archive and stop there: they never come back to this bucket.' },
    },
    {
      name: 'a chain that leaves the account ends there',
      bucket: { name: 'app', logging: logsTo('logs') },
      otherBuckets: [testBucket({ name: 'logs', logging: logsTo('someone-elses-bucket') })],
      expect: {
        messageId: 'ends',
        message: 'Access logs flow app → logs → someone-elses-bucket and stop there: they never come back to this bucket.',
      },
    },
    {
      name: 'a bucket whose logs run into a loop it is not on passes, naming the loop',
      bucket: { name: 'app', logging: logsTo('a') },
      otherBuckets: [testBucket({ name: 'a', logging: logsTo('b') }), testBucket({ name: 'b', logging: logsTo('a') })],
      expect: {
        messageId: 'feedsLoop',
        message: 'This bucket is not on a logging loop, though its logs flow app → a into the loop a → b → a (reported on those buckets).',
      },
    },
  ],
  fail: [
    {
      name: 'a bucket logging into itself is a self-loop',
      bucket: { name: 'app', logging: logsTo('app') },
      expect: { messageId: 'selfLoop', message: `The bucket logs into itself (app → app): ${loopEffect}` },
    },
    {
      name: 'a 2-cycle fails, path starting at the bucket',
      bucket: { name: 'b', logging: logsTo('a') },
      otherBuckets: [testBucket({ name: 'a', logging: logsTo('b') })],
      expect: { messageId: 'loop', message: `Access logs loop b → a → b: ${loopEffect}` },
    },
    {
      name: 'a 3-cycle fails on each of its buckets',
      bucket: { name: 'a', logging: logsTo('b') },
      otherBuckets: [testBucket({ name: 'b', logging: logsTo('c') }), testBucket({ name: 'c', logging: logsTo('a') })],
      expect: { messageId: 'loop', message: `Access logs loop a → b → c → a: ${loopEffect}` },
    },
    {
      name: 'a long loop is shortened in the message',
      bucket: { name: 'b00', logging: logsTo('b01') },
      otherBuckets: Array.from({ length: 11 }, (_, i) =>
        testBucket({ name: `b${String(i + 1).padStart(2, '0')}`, logging: logsTo(`b${String((i + 2) % 12).padStart(2, '0')}`) }),
      ),
      expect: { messageId: 'loop', message: `Access logs loop b00 → b01 → b02 → b03 → b04 → b05 → b06 → … (5 more) → b00: ${loopEffect}` },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on the bucket’s own GetBucketLogging is unknown',
      bucket: { logging: denied },
      expect: {
        messageId: 'unreadable',
        message: 'Could not read the server access logging configuration: GetBucketLogging failed with AccessDenied (Access Denied).',
      },
    },
    {
      name: 'a chain reaching a bucket whose logging is unreadable is unknown, not pass',
      bucket: { name: 'app', logging: logsTo('logs') },
      otherBuckets: [testBucket({ name: 'logs', logging: denied })],
      expect: {
        messageId: 'chainUnknown',
        message:
          'Whether access logs loop cannot be told: they flow app → logs, and the logging configuration of logs could not be read (GetBucketLogging failed with AccessDenied: Access Denied).',
      },
    },
    {
      name: 'a chain reaching a bucket outside the scan is unknown',
      bucket: { name: 'app', logging: logsTo('logs') },
      unscannedBuckets: [{ name: 'logs', region: 'us-east-1' }],
      expect: {
        messageId: 'chainUnknown',
        message:
          'Whether access logs loop cannot be told: they flow app → logs, and the logging configuration of logs was not read: the bucket is outside the scanned buckets (--bucket/--exclude-bucket).',
      },
    },
    {
      name: 'a snapshot collected without logging is unknown',
      bucket: {},
      expect: {
        messageId: 'notCollected',
        message: 'The snapshot does not contain logging; collect it again with this check selected.',
      },
    },
  ],
  notApplicable: [
    { name: 'a bucket with logging off starts no chain', bucket: { logging: off } },
    { name: 'logging off even though other buckets loop', bucket: { logging: off }, otherBuckets: [testBucket({ name: 'x', logging: logsTo('x') })] },
  ],
});
