import check from '../../src/checks/bucket-object-lock-retention.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import type { ObjectLock } from '../../src/snapshot/types.ts';
import { runCheckTests } from '../support/check-tester.ts';

const locked = (defaultRetention?: ObjectLock['defaultRetention']) =>
  present(defaultRetention === undefined ? { enabled: true } : { enabled: true, defaultRetention });
const strict = { minimumMode: 'COMPLIANCE', minimumDays: 90 };

runCheckTests(check, {
  pass: [
    {
      name: "off AWS COMPLIANCE passes without AWS's \"root included\" promise (Ceph RGW admins can purge locked versions)",
      account: { s3Compatible: true },
      bucket: { objectLock: locked({ mode: 'COMPLIANCE', days: 30 }) },
      expect: {
        messageId: 'complianceOffAws',
        message:
          'Default retention is COMPLIANCE for 30 days: no S3 request can delete or overwrite a new object version before it ' +
          "expires, though this S3-compatible store's administrators may still remove it (Ceph RGW: radosgw-admin bucket rm --purge-objects).",
      },
    },
    {
      name: 'COMPLIANCE with Days passes and states mode and period',
      bucket: { objectLock: locked({ mode: 'COMPLIANCE', days: 30 }) },
      expect: {
        messageId: 'compliance',
        message: 'Default retention is COMPLIANCE for 30 days: no one, root included, can delete or overwrite a new object version before it expires.',
      },
    },
    {
      name: 'Years count as 365 days each against minimumDays',
      bucket: { objectLock: locked({ mode: 'COMPLIANCE', years: 1 }) },
      options: { minimumMode: 'COMPLIANCE', minimumDays: 365 },
      expect: {
        messageId: 'compliance',
        message:
          'Default retention is COMPLIANCE for 1 year (365 days): no one, root included, can delete or overwrite a ' +
          'new object version before it expires.',
      },
    },
    {
      name: 'GOVERNANCE passes by default and says who can still remove it',
      bucket: { objectLock: locked({ mode: 'GOVERNANCE', days: 1 }) },
      expect: {
        messageId: 'governance',
        message:
          'Default retention is GOVERNANCE for 1 day; principals allowed s3:BypassGovernanceRetention can still ' +
          'shorten or remove it (option minimumMode: COMPLIANCE requires more).',
      },
    },
  ],
  fail: [
    {
      name: 'Object Lock on without a default retention fails',
      bucket: { objectLock: locked() },
      expect: {
        messageId: 'noDefaultRetention',
        message:
          'Object Lock is enabled but has no default retention: a new object version is locked only if its writer ' +
          'sets a retention period or legal hold.',
      },
    },
    {
      name: 'GOVERNANCE fails when COMPLIANCE is required',
      bucket: { objectLock: locked({ mode: 'GOVERNANCE', years: 2 }) },
      options: strict,
      expect: {
        messageId: 'belowRequirement',
        message:
          'Default retention is GOVERNANCE for 2 years (730 days), below the requirement: the mode must be ' +
          'COMPLIANCE (principals allowed s3:BypassGovernanceRetention can remove a GOVERNANCE lock).',
      },
    },
    {
      name: 'a period shorter than minimumDays fails',
      bucket: { objectLock: locked({ mode: 'COMPLIANCE', days: 30 }) },
      options: strict,
      expect: {
        messageId: 'belowRequirement',
        message: 'Default retention is COMPLIANCE for 30 days, below the requirement: the period must be at least 90 days.',
      },
    },
    {
      name: 'mode and period both short are reported together',
      bucket: { objectLock: locked({ mode: 'GOVERNANCE', days: 7 }) },
      options: strict,
      expect: {
        messageId: 'belowRequirement',
        message:
          'Default retention is GOVERNANCE for 7 days, below the requirement: the mode must be COMPLIANCE ' +
          '(principals allowed s3:BypassGovernanceRetention can remove a GOVERNANCE lock) and the period must be at ' +
          'least 90 days.',
      },
    },
    {
      name: 'a retention without a period (S3-compatible store) fails as incomplete',
      bucket: { objectLock: locked({ mode: 'COMPLIANCE' }) },
      expect: {
        messageId: 'incomplete',
        message:
          'The default retention has mode COMPLIANCE and no period; S3 needs a mode (GOVERNANCE or COMPLIANCE) and ' +
          'Days or Years, so no object version is reliably locked.',
      },
    },
    {
      name: 'an unknown mode fails as incomplete and names it',
      bucket: { objectLock: locked({ mode: 'LEGAL', days: 10 }) },
      expect: {
        messageId: 'incomplete',
        message:
          "The default retention has unknown mode 'LEGAL' and a period of 10 days; S3 needs a mode (GOVERNANCE or " +
          'COMPLIANCE) and Days or Years, so no object version is reliably locked.',
      },
    },
    {
      name: 'a missing mode fails as incomplete',
      bucket: { objectLock: locked({ years: 1 }) },
      expect: {
        messageId: 'incomplete',
        message:
          'The default retention has no mode and a period of 1 year (365 days); S3 needs a mode (GOVERNANCE or ' +
          'COMPLIANCE) and Days or Years, so no object version is reliably locked.',
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
  notApplicable: [
    { name: 'a bucket without Object Lock (ObjectLockConfigurationNotFoundError)', bucket: { objectLock: absent('ObjectLockConfigurationNotFoundError') } },
    { name: 'a configuration with ObjectLockEnabled not Enabled', bucket: { objectLock: present({ enabled: false }) } },
  ],
});
