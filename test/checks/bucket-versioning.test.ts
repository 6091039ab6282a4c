import check from '../../src/checks/bucket-versioning.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';

runCheckTests(check, {
  pass: [
    {
      name: 'versioning Enabled passes',
      bucket: { versioning: present({ status: 'Enabled' }) },
      expect: { messageId: 'enabled', message: 'Versioning is Enabled.' },
    },
    {
      name: 'versioning Enabled with MFA Delete Disabled still passes',
      bucket: { versioning: present({ status: 'Enabled', mfaDelete: 'Disabled' }) },
      expect: { messageId: 'enabled', message: 'Versioning is Enabled.' },
    },
  ],
  fail: [
    {
      name: 'versioning Suspended fails',
      bucket: { versioning: present({ status: 'Suspended' }) },
      expect: {
        messageId: 'suspended',
        message:
          'Versioning is Suspended: new writes no longer keep prior versions, so overwrites and deletes are permanent.',
      },
    },
    {
      name: 'versioning never enabled (empty VersioningConfiguration) fails',
      bucket: { versioning: present({}) },
      expect: {
        messageId: 'neverEnabled',
        message: 'Versioning has never been enabled: an overwritten or deleted object cannot be recovered.',
      },
    },
    {
      name: 'a snapshot recording versioning as absent counts as never enabled',
      bucket: { versioning: absent('NotImplemented') },
      expect: {
        messageId: 'neverEnabled',
        message: 'Versioning has never been enabled: an overwritten or deleted object cannot be recovered.',
      },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on GetBucketVersioning is unknown, not a failure',
      bucket: { versioning: observedError('GetBucketVersioning', 'AccessDenied', 'Access Denied') },
      expect: {
        messageId: 'unreadable',
        message: 'Could not read the versioning configuration: GetBucketVersioning failed with AccessDenied (Access Denied).',
      },
    },
    {
      name: 'a snapshot collected without versioning is unknown',
      bucket: {},
      expect: {
        messageId: 'notCollected',
        message: 'The snapshot does not contain versioning; collect it again with this check selected.',
      },
    },
  ],
});
