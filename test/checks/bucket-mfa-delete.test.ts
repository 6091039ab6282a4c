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
      name: 'off AWS the message does not send the user to the AWS root user',
      account: { s3Compatible: true },
      bucket: { versioning: present({ status: 'Enabled', mfaDelete: 'Disabled' }), lifecycle: noLifecycle },
      expect: {
        messageId: 'disabledOffAws',
        message:
          'MFA Delete is not enabled: deleting a version for good or suspending versioning needs no MFA code. On this ' +
          'S3-compatible store the bucket owner enables it through the API with an MFA device the store knows (Ceph RGW: ' +
          'one registered with radosgw-admin mfa create).',
      },
    },
    {
      name: 'MFA Delete Disabled on a versioned bucket fails',
      bucket: { versioning: present({ status: 'Enabled', mfaDelete: 'Disabled' }), lifecycle: noLifecycle },
      expect: {
        messageId: 'disabled',
        message:
          'MFA Delete is not enabled: deleting a version for good or suspending versioning needs no MFA code. Only ' +
          "the root user can enable it, with the root user's MFA device, through the API or CLI (not the console).",
      },
    },
    {
      name: 'an unversioned bucket fails and says versioning is off too',
      bucket: { versioning: present({}), lifecycle: noLifecycle },
      expect: {
        messageId: 'disabled',
        message:
          'MFA Delete is not enabled (versioning is not enabled either): deleting a version for good or suspending ' +
          "versioning needs no MFA code. Only the root user can enable it, with the root user's MFA device, through " +
          'the API or CLI (not the console).',
      },
    },
    {
      name: 'a Suspended bucket fails and says versioning is Suspended',
      bucket: { versioning: present({ status: 'Suspended', mfaDelete: 'Disabled' }), lifecycle: noLifecycle },
      expect: {
        messageId: 'disabled',
        message:
          'MFA Delete is not enabled (and versioning is Suspended): deleting a version for good or suspending ' +
          "versioning needs no MFA code. Only the root user can enable it, with the root user's MFA device, through " +
          'the API or CLI (not the console).',
      },
    },
    {
      name: 'a bucket with lifecycle rules fails, names them (ID or position) and explains that MFA Delete excludes them',
      bucket: {
        versioning: present({ status: 'Enabled' }),
        lifecycle: present({ rules: [{ id: 'expire-noncurrent', status: 'Enabled' }, { status: 'Disabled' }] }),
      },
      expect: {
        messageId: 'disabledWithLifecycle',
        message:
          "MFA Delete is not enabled, and it cannot be while the bucket has lifecycle rules ('expire-noncurrent', #2): " +
          'MFA Delete and lifecycle configurations are incompatible. Remove them and have the root user enable MFA ' +
          'Delete through the API or CLI, or protect versions with Object Lock instead.',
      },
    },
    {
      name: 'an unreadable lifecycle still fails (MFA Delete is off either way) and says the lifecycle is unknown',
      bucket: {
        versioning: present({ status: 'Enabled' }),
        lifecycle: observedError('GetBucketLifecycleConfiguration', 'AccessDenied', 'Access Denied'),
      },
      expect: {
        messageId: 'disabledLifecycleUnknown',
        message:
          'MFA Delete is not enabled: deleting a version for good or suspending versioning needs no MFA code. Only ' +
          "the root user can enable it, with the root user's MFA device, through the API or CLI, and not while " +
          'lifecycle rules exist (whether they do is unknown: GetBucketLifecycleConfiguration failed with AccessDenied).',
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
