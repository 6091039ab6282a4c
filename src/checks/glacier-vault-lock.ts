import { parsePolicyCached } from '../policy/parse.ts';
import { denials, vaultSubject } from './lib/glacier-vault.ts';
import { defineCheck } from './lib/define-check.ts';
import { unreadable } from './lib/unreadable.ts';

export default defineCheck({
  id: 'glacier-vault-lock',
  title: 'S3 Glacier vault has a completed (Locked) vault lock',
  severity: 'medium',
  resource: 'glacier-vault',
  needs: ['glacierVaultListing', 'glacierVaultLock'],
  enabledByDefault: true,
  rationale:
    'A vault lock is to an S3 Glacier vault what Object Lock in compliance mode is to a bucket: once Locked, its ' +
    'policy (typically a Deny on glacier:DeleteArchive for archives younger than the retention period) can no longer ' +
    'be changed or removed, not even by the root user, so archives are write-once. Without a lock the vault access ' +
    'policy can be rewritten at any time by whoever holds glacier:SetVaultAccessPolicy. Locking takes two steps: ' +
    'InitiateVaultLock puts the lock InProgress for 24 hours, during which it can be aborted; only CompleteVaultLock ' +
    'makes it permanent, and an InProgress lock that is not completed expires and disappears.',
  remediation: {
    text:
      'Initiate a vault lock with the retention policy the archives need, test it, then complete it within 24 hours ' +
      'with the lock id InitiateVaultLock returned.',
    cli:
      'aws glacier initiate-vault-lock --account-id - --vault-name VAULT --policy file://lock-policy.json\n' +
      'aws glacier complete-vault-lock --account-id - --vault-name VAULT --lock-id LOCK_ID',
    terraform:
      'resource "aws_glacier_vault_lock" "this" {\n  vault_name    = aws_glacier_vault.this.name\n  complete_lock = true\n  policy        = data.aws_iam_policy_document.lock.json\n}',
  },
  references: {
    url: ['https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-lock.html', 'https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-lock-policy.html'],
  },
  messages: {
    locked: 'The vault lock of {{subject}} is Locked (initiated {{created}}): its lock policy can no longer be changed or removed{{enforces}}.',
    lockedWithoutDeny:
      'The vault lock of {{subject}} is Locked (initiated {{created}}), but its lock policy has no Deny statement, so it enforces no retention.',
    inProgress:
      'The vault lock of {{subject}} is InProgress, not Locked: initiated {{created}}, it expires {{expires}} unless CompleteVaultLock ' +
      'is called, and until then it can be aborted{{enforces}}.',
    noLock: 'The {{subject}} has no vault lock: its access policy can be changed or deleted at any time, so nothing makes its archives write-once.',
    unknownState: 'The vault lock of {{subject}} is in state {{state}}, which is neither Locked nor InProgress.',
  },
  evaluate(vault) {
    const lock = vault.glacierVaultLock;
    if (lock === undefined) return undefined;
    const subject = vaultSubject(vault);
    if (lock.state === 'error') return unreadable(`the vault lock of ${subject}`, lock);
    if (lock.state === 'absent') return { status: 'fail', messageId: 'noLock', data: { subject }, evidence: { state: null } };
    const { state, creationDate, expirationDate, policy } = lock.value;
    const parsed = policy === undefined ? undefined : parsePolicyCached(policy.text);
    const denies = parsed?.ok === true ? denials(parsed.policy) : undefined;
    const enforces = denies === undefined || denies.length === 0 ? '' : ` (its lock policy: ${denies.join('; ')})`;
    const created = creationDate ?? 'at an unreported date';
    const evidence = { state, creationDate: creationDate ?? null, expirationDate: expirationDate ?? null };
    if (state === 'Locked') {
      if (denies?.length === 0) return { status: 'fail', messageId: 'lockedWithoutDeny', data: { subject, created }, evidence };
      return { status: 'pass', messageId: 'locked', data: { subject, created, enforces }, evidence };
    }
    if (state === 'InProgress') {
      return { status: 'fail', messageId: 'inProgress', data: { subject, created, expires: expirationDate ?? 'at an unreported date', enforces }, evidence };
    }
    return { status: 'unknown', messageId: 'unknownState', data: { subject, state }, evidence };
  },
});
