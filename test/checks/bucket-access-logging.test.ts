import check from '../../src/checks/bucket-access-logging.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests, testBucket } from '../support/check-tester.ts';

const off = present({});
const logsTo = (bucket: string) => present({ target: { bucket, prefix: 'logs/' } });
const denied = observedError('GetBucketLogging', 'AccessDenied', 'Access Denied');

runCheckTests(check, {
  pass: [
    {
      name: 'logging into another bucket passes, naming the target',
      bucket: { logging: logsTo('central-logs') },
      expect: { messageId: 'enabled', message: 'Server access logging is on, delivering to central-logs.' },
    },
    {
      name: 'a log bucket that receives another bucket’s logs is exempt by default',
      bucket: { name: 'central-logs', logging: off },
      otherBuckets: [testBucket({ name: 'app', logging: logsTo('central-logs') })],
      expect: {
        messageId: 'logTarget',
        message: 'Server access logging is off, as it should be for a log bucket: it receives the access logs of app in its Region.',
      },
    },
    {
      name: 'the exemption names the first source by name and counts the others',
      bucket: { name: 'central-logs', logging: off },
      otherBuckets: [
        testBucket({ name: 'web', logging: logsTo('central-logs') }),
        testBucket({ name: 'api', logging: logsTo('central-logs') }),
        testBucket({ name: 'batch', logging: logsTo('central-logs') }),
      ],
      expect: {
        messageId: 'logTarget',
        message:
          'Server access logging is off, as it should be for a log bucket: it receives the access logs of api and 2 other buckets in its Region.',
      },
    },
    {
      name: 'a log target is exempt even when another bucket’s logging is unreadable',
      bucket: { name: 'central-logs', logging: off },
      otherBuckets: [testBucket({ name: 'app', logging: logsTo('central-logs') }), testBucket({ name: 'locked', logging: denied })],
      expect: {
        messageId: 'logTarget',
        message: 'Server access logging is off, as it should be for a log bucket: it receives the access logs of app in its Region.',
      },
    },
    {
      name: 'a bucket matching an exemptBuckets glob passes',
      bucket: { name: 'tmp-scratch', logging: off },
      options: { exemptLogTargets: true, exemptBuckets: ['cache-*', 'tmp-*'] },
      expect: { messageId: 'exemptBucket', message: "Server access logging is off; the bucket is exempt by the exemptBuckets pattern 'tmp-*'." },
    },
  ],
  fail: [
    {
      name: 'logging off and no bucket logs here fails',
      bucket: { logging: off },
      otherBuckets: [testBucket({ name: 'app', logging: logsTo('central-logs') })],
      expect: {
        messageId: 'offNotLogTarget',
        message:
          'Server access logging is off: requests to this bucket leave no access-log record (no bucket of its Region delivers its logs here, which would exempt it).',
      },
    },
    {
      name: 'a snapshot recording logging as absent (S3-compatible store) counts as off',
      bucket: { logging: absent('NotImplemented') },
      expect: {
        messageId: 'offNotLogTarget',
        message:
          'Server access logging is off: requests to this bucket leave no access-log record (no bucket of its Region delivers its logs here, which would exempt it).',
      },
    },
    {
      name: 'a bucket named as target by a bucket of another Region receives nothing, so it is no exempt log bucket',
      bucket: { name: 'central-logs', logging: off },
      otherBuckets: [testBucket({ name: 'app-eu', region: 'eu-west-1', logging: logsTo('central-logs') })],
      expect: {
        messageId: 'offNotLogTarget',
        message:
          'Server access logging is off: requests to this bucket leave no access-log record (no bucket of its Region delivers its logs here, which would exempt it).',
      },
    },
    {
      name: 'unreadable logging of a bucket in another Region does not make the verdict unknown',
      bucket: { logging: off },
      otherBuckets: [testBucket({ name: 'locked-eu', region: 'eu-west-1', logging: denied })],
      expect: {
        messageId: 'offNotLogTarget',
        message:
          'Server access logging is off: requests to this bucket leave no access-log record (no bucket of its Region delivers its logs here, which would exempt it).',
      },
    },
    {
      name: 'with exemptLogTargets false a log bucket must log too',
      bucket: { name: 'central-logs', logging: off },
      otherBuckets: [testBucket({ name: 'app', logging: logsTo('central-logs') })],
      options: { exemptLogTargets: false, exemptBuckets: [] },
      expect: { messageId: 'off', message: 'Server access logging is off: requests to this bucket leave no access-log record.' },
    },
    {
      name: 'a bucket logging only into itself does not exempt itself',
      bucket: { name: 'solo', logging: off },
      otherBuckets: [testBucket({ name: 'selfish', logging: logsTo('selfish') })],
      expect: {
        messageId: 'offNotLogTarget',
        message:
          'Server access logging is off: requests to this bucket leave no access-log record (no bucket of its Region delivers its logs here, which would exempt it).',
      },
    },
    {
      name: 'exemptBuckets globs match the whole name, not a substring',
      bucket: { name: 'my-tmp-bucket', logging: off },
      options: { exemptLogTargets: false, exemptBuckets: ['tmp-*'] },
      expect: { messageId: 'off', message: 'Server access logging is off: requests to this bucket leave no access-log record.' },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on GetBucketLogging is unknown',
      bucket: { logging: denied },
      expect: {
        messageId: 'unreadable',
        message: 'Could not read the server access logging configuration: GetBucketLogging failed with AccessDenied (Access Denied).',
      },
    },
    {
      name: 'logging off while another bucket’s logging is unreadable: it may be a log target, so unknown',
      bucket: { logging: off },
      otherBuckets: [testBucket({ name: 'locked', logging: denied }), testBucket({ name: 'zeta', logging: denied })],
      expect: {
        messageId: 'maybeLogTarget',
        message:
          'Server access logging is off, and whether this is an exempt log bucket cannot be told: the logging configuration of locked and 1 other bucket in its Region could not be read (GetBucketLogging failed with AccessDenied: Access Denied).',
      },
    },
    {
      name: 'logging off while a bucket outside the scan may log here is unknown',
      bucket: { logging: off },
      unscannedBuckets: [{ name: 'elsewhere', region: 'us-east-1' }],
      expect: {
        messageId: 'maybeLogTarget',
        message:
          'Server access logging is off, and whether this is an exempt log bucket cannot be told: the logging configuration of elsewhere in its Region was not read: the bucket is outside the scanned buckets (--bucket/--exclude-bucket).',
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
});
