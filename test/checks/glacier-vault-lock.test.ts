import check from '../../src/checks/glacier-vault-lock.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import type { GlacierVaultLock } from '../../src/snapshot/types.ts';
import { runCheckTests } from '../support/check-tester.ts';

const subject = 'vault archive (us-east-1)';
const VAULT_ARN = 'arn:aws:glacier:us-east-1:123456789012:vaults/archive';

const denyYoungDeletes = {
  Sid: 'deny-delete-under-365-days',
  Effect: 'Deny',
  Principal: '*',
  Action: 'glacier:DeleteArchive',
  Resource: VAULT_ARN,
  Condition: { NumericLessThan: { 'glacier:ArchiveAgeInDays': '365' } },
};
const allowOwnAccount = { Sid: 'own-account', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'glacier:*', Resource: VAULT_ARN };

function lockPolicy(...statements: readonly unknown[]): { text: string } {
  return { text: JSON.stringify({ Version: '2012-10-17', Statement: statements }) };
}

function lock(value: GlacierVaultLock) {
  return present(value);
}

runCheckTests(check, {
  pass: [
    {
      name: 'a Locked vault lock passes, naming its initiation date and the Deny it enforces',
      glacierVault: {
        glacierVaultLock: lock({ state: 'Locked', creationDate: '2025-03-01T09:00:00.000Z', policy: lockPolicy(denyYoungDeletes) }),
      },
      expect: {
        messageId: 'locked',
        message:
          `The vault lock of ${subject} is Locked (initiated 2025-03-01T09:00:00.000Z): its lock policy can no longer be changed or removed ` +
          '(its lock policy: "deny-delete-under-365-days" denies glacier:DeleteArchive when glacier:ArchiveAgeInDays NumericLessThan 365).',
      },
    },
    {
      name: 'a Locked vault lock whose policy was not returned still passes, without claiming what it enforces',
      glacierVault: { glacierVaultLock: lock({ state: 'Locked', creationDate: '2025-03-01T09:00:00.000Z' }) },
      expect: {
        messageId: 'locked',
        message: `The vault lock of ${subject} is Locked (initiated 2025-03-01T09:00:00.000Z): its lock policy can no longer be changed or removed.`,
      },
    },
  ],
  fail: [
    {
      name: 'a vault without a vault lock fails',
      glacierVault: { glacierVaultLock: absent('ResourceNotFoundException') },
      expect: {
        messageId: 'noLock',
        message: `The ${subject} has no vault lock: its access policy can be changed or deleted at any time, so nothing makes its archives write-once.`,
      },
    },
    {
      name: 'an InProgress lock fails, naming when it expires and that it can still be aborted',
      glacierVault: {
        glacierVaultLock: lock({
          state: 'InProgress',
          creationDate: '2026-11-27T08:00:00.000Z',
          expirationDate: '2026-11-28T08:00:00.000Z',
          policy: lockPolicy(denyYoungDeletes),
        }),
      },
      expect: {
        messageId: 'inProgress',
        message:
          `The vault lock of ${subject} is InProgress, not Locked: initiated 2026-11-27T08:00:00.000Z, it expires 2026-11-28T08:00:00.000Z ` +
          'unless CompleteVaultLock is called, and until then it can be aborted ' +
          '(its lock policy: "deny-delete-under-365-days" denies glacier:DeleteArchive when glacier:ArchiveAgeInDays NumericLessThan 365).',
      },
    },
    {
      name: 'a Locked lock whose policy has no Deny fails: it enforces no retention',
      glacierVault: { glacierVaultLock: lock({ state: 'Locked', creationDate: '2025-03-01T09:00:00.000Z', policy: lockPolicy(allowOwnAccount) }) },
      expect: {
        messageId: 'lockedWithoutDeny',
        message:
          `The vault lock of ${subject} is Locked (initiated 2025-03-01T09:00:00.000Z), but its lock policy has no Deny statement, so it enforces no retention.`,
      },
    },
  ],
  unknown: [
    {
      name: 'an unreadable vault lock is unknown, never a pass or a fail',
      glacierVault: { glacierVaultLock: observedError('GetVaultLock', 'AccessDeniedException', 'User is not authorized to perform: glacier:GetVaultLock') },
      expect: {
        messageId: 'unreadable',
        message:
          `Could not read the vault lock of ${subject}: GetVaultLock failed with AccessDeniedException (User is not authorized to perform: glacier:GetVaultLock).`,
      },
    },
    {
      name: 'a lock state AWS adds later is unknown, not guessed',
      glacierVault: { glacierVaultLock: lock({ state: 'Expired', creationDate: '2025-03-01T09:00:00.000Z' }) },
      expect: { messageId: 'unknownState', message: `The vault lock of ${subject} is in state Expired, which is neither Locked nor InProgress.` },
    },
  ],
});
