import check from '../../src/checks/bucket-object-lock-sample.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import type { ObjectLegalHold, ObjectRetention, SampledObjectVersion } from '../../src/snapshot/types.ts';
import type { Observed } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';

const SAMPLED_AT = '2026-06-01T00:00:00.000Z';
const FUTURE = '2030-01-01T00:00:00.000Z';
const PAST = '2026-05-31T23:59:59.000Z';

const lockEnabled = present({ enabled: true });

interface VersionSpec {
  readonly retention?: Observed<ObjectRetention>;
  readonly legalHold?: Observed<ObjectLegalHold>;
}

function version(key: string, spec: VersionSpec = {}): SampledObjectVersion {
  return {
    key,
    versionId: `v-${key}`,
    retention: spec.retention ?? absent('NoSuchObjectLockConfiguration'),
    legalHold: spec.legalHold ?? absent('NoSuchObjectLockConfiguration'),
  };
}

const retained = (mode: string, retainUntil: string) => present({ mode, retainUntil });
const held = present({ status: 'ON' });
const released = present({ status: 'OFF' });

function sampled(...versions: SampledObjectVersion[]) {
  return { objectLock: lockEnabled, objectLockSample: present({ limit: 10, sampledAt: SAMPLED_AT, versions }) };
}

runCheckTests(check, {
  pass: [
    {
      name: 'COMPLIANCE and GOVERNANCE retentions are counted per mode with the earliest date',
      bucket: sampled(
        version('a', { retention: retained('COMPLIANCE', FUTURE) }),
        version('b', { retention: retained('GOVERNANCE', '2029-01-01T00:00:00.000Z') }),
        version('c', { retention: retained('COMPLIANCE', '2028-01-01T00:00:00.000Z') }),
      ),
      expect: {
        messageId: 'allProtected',
        message:
          'Every one of 3 sampled object versions is protected: 2 under COMPLIANCE retention (earliest until ' +
          '2028-01-01T00:00:00.000Z), 1 under GOVERNANCE retention (earliest until 2029-01-01T00:00:00.000Z).',
      },
    },
    {
      name: 'a legal hold alone protects a version without retention',
      bucket: sampled(version('held', { legalHold: held })),
      expect: { messageId: 'allProtected', message: 'Every one of 1 sampled object version is protected: 1 under legal hold.' },
    },
    {
      name: 'a legal hold protects a version whose retention has expired',
      bucket: sampled(version('old', { retention: retained('GOVERNANCE', PAST), legalHold: held })),
      expect: { messageId: 'allProtected', message: 'Every one of 1 sampled object version is protected: 1 under legal hold.' },
    },
  ],
  fail: [
    {
      name: 'a version with neither retention nor legal hold fails, named with its version id',
      bucket: sampled(version('a', { retention: retained('COMPLIANCE', FUTURE) }), version('plain', { legalHold: released })),
      expect: {
        messageId: 'unprotected',
        message:
          'Of 2 sampled object versions, 1 has neither an unexpired retention nor a legal hold: plain (version v-plain). ' +
          'Protected: 1 under COMPLIANCE retention (earliest until 2030-01-01T00:00:00.000Z).',
      },
    },
    {
      name: 'a retention whose date passed before the sample is no protection, and says when it expired',
      bucket: sampled(version('expired', { retention: retained('COMPLIANCE', PAST) })),
      expect: {
        messageId: 'unprotected',
        message:
          'Of 1 sampled object version, 1 has neither an unexpired retention nor a legal hold: expired (version ' +
          'v-expired), whose COMPLIANCE retention expired 2026-05-31T23:59:59.000Z. Protected: none.',
      },
    },
    {
      name: 'more than three unprotected versions: three are named, the rest counted',
      bucket: sampled(version('k1'), version('k2'), version('k3'), version('k4'), version('k5', { legalHold: held })),
      expect: {
        messageId: 'unprotected',
        message:
          'Of 5 sampled object versions, 4 have neither an unexpired retention nor a legal hold: k1 (version v-k1), ' +
          'k2 (version v-k2), k3 (version v-k3) and 1 more. Protected: 1 under legal hold.',
      },
    },
  ],
  unknown: [
    {
      name: 'an unreadable retention makes the sample unknown, naming the version and the failed call',
      bucket: sampled(
        version('a', { legalHold: held }),
        version('secret', { retention: observedError('GetObjectRetention', 'AccessDenied', 'Access Denied') }),
      ),
      expect: {
        messageId: 'versionsUnreadable',
        message:
          'Could not read the retention or legal hold of 1 of 2 sampled object versions: secret (version v-secret): ' +
          'GetObjectRetention failed with AccessDenied.',
      },
    },
    {
      name: 'an unreadable legal hold wins over an unprotected version: no fail on partial data',
      bucket: sampled(version('plain'), version('x', { legalHold: observedError('GetObjectLegalHold', 'SlowDown', 'Please reduce your request rate.') })),
      expect: {
        messageId: 'versionsUnreadable',
        message:
          'Could not read the retention or legal hold of 1 of 2 sampled object versions: x (version v-x): ' +
          'GetObjectLegalHold failed with SlowDown.',
      },
    },
    {
      name: 'a failed ListObjectVersions is unknown',
      bucket: {
        objectLock: lockEnabled,
        objectLockSample: observedError('ListObjectVersions', 'AccessDenied', 'Access Denied'),
      },
      expect: {
        messageId: 'unreadable',
        message:
          'Could not read the object versions to sample: ListObjectVersions failed with AccessDenied (Access Denied).',
      },
    },
    {
      name: 'an unreadable Object Lock configuration is unknown',
      bucket: { objectLock: observedError('GetObjectLockConfiguration', 'AccessDenied', 'Access Denied'), objectLockSample: absent() },
      expect: {
        messageId: 'unreadable',
        message:
          'Could not read the Object Lock configuration: GetObjectLockConfiguration failed with AccessDenied (Access Denied).',
      },
    },
  ],
  notApplicable: [
    { name: 'a bucket without Object Lock is not sampled', bucket: { objectLock: absent('ObjectLockConfigurationNotFoundError'), objectLockSample: absent() } },
    { name: 'Object Lock configured but not enabled', bucket: { objectLock: present({ enabled: false }), objectLockSample: absent() } },
    { name: 'a lock-enabled bucket with no object versions', bucket: sampled() },
    { name: 'a lock-enabled bucket recorded as not sampled', bucket: { objectLock: lockEnabled, objectLockSample: absent() } },
  ],
});
