import check from '../../src/checks/bucket-mfa-delete.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';

const noLifecycle = absent('NoSuchLifecycleConfiguration');

runCheckTests(check, {
  pass: [
    {
      name: 'MFA Delete Enabled passes',
      bucket: { versioning: present({ status: 'Enabled', mfaDelete: 'Enabled' }), lifecycle: noLifecycle },
      expect: { messageId: 'enabled', message: 'MFA Delete is Enabled.' },
    },
    {
      name: 'MFA Delete Enabled passes even when the lifecycle read failed',
      bucket: {
        versioning: present({ status: 'Enabled', mfaDelete: 'Enabled' }),
        lifecycle: observedError('GetBucketLifecycleConfiguration', 'AccessDenied', 'Access Denied'),
      },
      expect: { messageId: 'enabled', message: 'MFA Delete is Enabled.' },
    },
  ],
  fail: [
    {
      name: 'MFA Delete Disabled on a versioned bucket fails',
      bucket: { versioning: present({ status: 'Enabled', mfaDelete: 'Disabled' }), lifecycle: noLifecycle },
      expect: { messageId: 'disabled', message: 'MFA Delete is not enabled: a permanent version delete needs no MFA code.' },
    },
    {
      name: 'an unversioned bucket fails and says versioning is off too',
      bucket: { versioning: present({}), lifecycle: noLifecycle },
      expect: {
        messageId: 'disabled',
        message:
          'MFA Delete is not enabled (versioning is not enabled either): a permanent version delete needs no MFA code.',
      },
    },
    {
      name: 'a bucket with lifecycle rules fails and explains that MFA Delete excludes them',
      bucket: {
        versioning: present({ status: 'Enabled' }),
        lifecycle: present({ rules: [{ id: 'expire-noncurrent', status: 'Enabled' }, { status: 'Disabled' }] }),
      },
      expect: {
        messageId: 'disabledWithLifecycle',
        message:
          'MFA Delete is not enabled. The bucket has 2 lifecycle rule(s), and MFA Delete cannot be used with ' +
          'lifecycle rules: remove them first, or protect versions with Object Lock instead.',
      },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on GetBucketVersioning is unknown',
      bucket: { versioning: observedError('GetBucketVersioning', 'AccessDenied', 'Access Denied'), lifecycle: noLifecycle },
      expect: {
        messageId: 'unreadable',
        message: 'Could not read the versioning configuration: GetBucketVersioning failed with AccessDenied (Access Denied).',
      },
    },
    {
      name: 'a snapshot without lifecycle data is unknown rather than guessed',
      bucket: { versioning: present({ status: 'Enabled' }) },
      expect: {
        messageId: 'notCollected',
        message: 'The snapshot does not contain lifecycle; collect it again with this check selected.',
      },
    },
  ],
});
