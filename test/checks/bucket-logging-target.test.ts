import check from '../../src/checks/bucket-logging-target.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests, testBucket } from '../support/check-tester.ts';

const off = present({});
const logsTo = (bucket: string) => present({ target: { bucket, prefix: 'app/' } });
const noLock = absent('ObjectLockConfigurationNotFoundError');
const lockedWithRetention = present({ enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 30 } });
const logBucket = (overrides = {}) => testBucket({ name: 'logs', logging: off, objectLock: noLock, ...overrides });

runCheckTests(check, {
  pass: [
    {
      name: 'a target in the same account and region without Object Lock passes',
      bucket: { logging: logsTo('logs'), objectLock: noLock },
      otherBuckets: [logBucket()],
      expect: {
        messageId: 'deliverable',
        message: 'Access logs go to logs, a bucket of this account in us-east-1 without an Object Lock default retention.',
      },
    },
    {
      name: 'Object Lock on the target without a default retention is fine',
      bucket: { logging: logsTo('logs'), objectLock: noLock },
      otherBuckets: [logBucket({ objectLock: present({ enabled: true }) })],
      expect: {
        messageId: 'deliverable',
        message: 'Access logs go to logs, a bucket of this account in us-east-1 without an Object Lock default retention.',
      },
    },
    {
      name: 'the bucket’s own Object Lock does not matter, only the target’s',
      bucket: { logging: logsTo('logs'), objectLock: observedError('GetObjectLockConfiguration', 'AccessDenied', 'Access Denied') },
      otherBuckets: [logBucket()],
      expect: {
        messageId: 'deliverable',
        message: 'Access logs go to logs, a bucket of this account in us-east-1 without an Object Lock default retention.',
      },
    },
  ],
  fail: [
    {
      name: 'a target that is not a bucket of the account fails',
      bucket: { logging: logsTo('deleted-logs'), objectLock: noLock },
      otherBuckets: [logBucket()],
      expect: {
        messageId: 'missing',
        message:
          'Access logs go to deleted-logs, which is not a bucket of this account: S3 delivers nothing there, and whoever creates deleted-logs would own the logs.',
      },
    },
    {
      name: 'a target in another region fails, naming both regions',
      bucket: { logging: logsTo('logs'), objectLock: noLock },
      otherBuckets: [logBucket({ region: 'eu-west-1' })],
      expect: {
        messageId: 'undeliverable',
        message: 'Access logs go to logs, where S3 cannot deliver them: it is in eu-west-1, not in us-east-1 with the source bucket.',
      },
    },
    {
      name: 'a target with an Object Lock default retention fails',
      bucket: { logging: logsTo('logs'), objectLock: noLock },
      otherBuckets: [logBucket({ objectLock: lockedWithRetention })],
      expect: {
        messageId: 'undeliverable',
        message: 'Access logs go to logs, where S3 cannot deliver them: it has an Object Lock default retention.',
      },
    },
    {
      name: 'both reasons are given when both apply',
      bucket: { logging: logsTo('logs'), objectLock: noLock },
      otherBuckets: [logBucket({ region: 'eu-west-1', objectLock: lockedWithRetention })],
      expect: {
        messageId: 'undeliverable',
        message:
          'Access logs go to logs, where S3 cannot deliver them: it is in eu-west-1, not in us-east-1 with the source bucket, and it has an Object Lock default retention.',
      },
    },
    {
      name: 'a target outside the scan is still known to exist and its region checked',
      bucket: { logging: logsTo('logs'), objectLock: noLock },
      unscannedBuckets: [{ name: 'logs', region: 'ap-southeast-2' }],
      expect: {
        messageId: 'undeliverable',
        message: 'Access logs go to logs, where S3 cannot deliver them: it is in ap-southeast-2, not in us-east-1 with the source bucket.',
      },
    },
    {
      name: 'a known failure wins over an unknown part',
      bucket: { logging: logsTo('logs'), objectLock: noLock },
      otherBuckets: [logBucket({ region: 'eu-west-1', objectLock: observedError('GetObjectLockConfiguration', 'AccessDenied', 'Access Denied') })],
      expect: {
        messageId: 'undeliverable',
        message: 'Access logs go to logs, where S3 cannot deliver them: it is in eu-west-1, not in us-east-1 with the source bucket.',
      },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on the bucket’s own GetBucketLogging is unknown',
      bucket: { logging: observedError('GetBucketLogging', 'AccessDenied', 'Access Denied'), objectLock: noLock },
      expect: {
        messageId: 'unreadable',
        message: 'Could not read the server access logging configuration: GetBucketLogging failed with AccessDenied (Access Denied).',
      },
    },
    {
      name: 'the target’s Object Lock configuration unreadable is unknown, not pass',
      bucket: { logging: logsTo('logs'), objectLock: noLock },
      otherBuckets: [logBucket({ objectLock: observedError('GetObjectLockConfiguration', 'AccessDenied', 'Access Denied') })],
      expect: {
        messageId: 'unconfirmed',
        message:
          'Whether S3 can deliver access logs to logs cannot be told: its Object Lock configuration could not be read (GetObjectLockConfiguration failed with AccessDenied: Access Denied).',
      },
    },
    {
      name: 'a target outside the scan in the same region: its Object Lock is not known',
      bucket: { logging: logsTo('logs'), objectLock: noLock },
      unscannedBuckets: [{ name: 'logs', region: 'us-east-1' }],
      expect: {
        messageId: 'unconfirmed',
        message:
          'Whether S3 can deliver access logs to logs cannot be told: its Object Lock configuration was not read: the bucket is outside the scanned buckets (--bucket/--exclude-bucket).',
      },
    },
    {
      name: 'a target listed without a region (S3-compatible store) and outside the scan',
      bucket: { logging: logsTo('logs'), objectLock: noLock },
      unscannedBuckets: [{ name: 'logs' }],
      expect: {
        messageId: 'unconfirmed',
        message:
          'Whether S3 can deliver access logs to logs cannot be told: its Region is unknown (ListBuckets did not say); its Object Lock configuration was not read: the bucket is outside the scanned buckets (--bucket/--exclude-bucket).',
      },
    },
    {
      name: 'a snapshot collected without Object Lock is unknown',
      bucket: { logging: logsTo('logs') },
      otherBuckets: [testBucket({ name: 'logs', logging: off })],
      expect: {
        messageId: 'notCollected',
        message: 'The snapshot does not contain objectLock; collect it again with this check selected.',
      },
    },
  ],
  notApplicable: [{ name: 'a bucket with logging off has no target', bucket: { logging: off, objectLock: noLock } }],
});
