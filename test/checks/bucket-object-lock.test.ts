import check from '../../src/checks/bucket-object-lock.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';

const notEnabled = absent('ObjectLockConfigurationNotFoundError');
const backups = { requiredFor: ['acme-backup-*', '*-audit'] };

runCheckTests(check, {
  pass: [
    {
      name: 'Object Lock enabled passes (retention is judged by bucket-object-lock-retention)',
      bucket: { objectLock: present({ enabled: true }) },
      expect: { messageId: 'enabled', message: 'Object Lock is enabled.' },
    },
    {
      name: 'Object Lock enabled passes whether or not the bucket matches requiredFor',
      bucket: { name: 'scratch', objectLock: present({ enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 1 } }) },
      options: backups,
      expect: { messageId: 'enabled', message: 'Object Lock is enabled.' },
    },
    {
      name: 'with requiredFor globs, a bucket matching none passes and says lock is not required',
      bucket: { name: 'acme-scratch', objectLock: notEnabled },
      options: backups,
      expect: {
        messageId: 'notRequired',
        message: "Object Lock is not enabled and not required: the bucket matches none of the requiredFor globs ('acme-backup-*', '*-audit').",
      },
    },
  ],
  fail: [
    {
      name: 'by default every bucket is evaluated: no Object Lock fails',
      bucket: { objectLock: notEnabled },
      expect: {
        messageId: 'notEnabled',
        message:
          'Object Lock is not enabled: anyone allowed to delete object versions can destroy them. (Option ' +
          'requiredFor limits this check to the buckets that must have it.)',
      },
    },
    {
      name: 'a configuration that says ObjectLockEnabled is not Enabled counts as off',
      bucket: { objectLock: present({ enabled: false }) },
      expect: {
        messageId: 'notEnabled',
        message:
          'Object Lock is not enabled: anyone allowed to delete object versions can destroy them. (Option ' +
          'requiredFor limits this check to the buckets that must have it.)',
      },
    },
    {
      name: 'a bucket matching a requiredFor glob without Object Lock fails and names the glob',
      bucket: { name: 'finance-audit', objectLock: notEnabled },
      options: backups,
      expect: {
        messageId: 'requiredButOff',
        message: "Object Lock is not enabled, but the bucket matches requiredFor glob '*-audit', which must have it.",
      },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on GetObjectLockConfiguration is unknown',
      bucket: { objectLock: observedError('GetObjectLockConfiguration', 'AccessDenied', 'Access Denied') },
      expect: {
        messageId: 'unreadable',
        message: 'Could not read the Object Lock configuration: GetObjectLockConfiguration failed with AccessDenied (Access Denied).',
      },
    },
  ],
});
