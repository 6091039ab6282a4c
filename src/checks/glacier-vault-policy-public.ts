import { publicGrants } from '../policy/public.ts';
import type { Observed, ObservedError } from '../snapshot/observed.ts';
import type { BucketPolicy, GlacierVaultState } from '../snapshot/types.ts';
import { readBucketPolicy, type BucketPolicyRead } from './lib/bucket-policy.ts';
import { defineCheck } from './lib/define-check.ts';
import { vaultSubject } from './lib/glacier-vault.ts';
import { unreadable } from './lib/unreadable.ts';

/** The resource policies of a vault, each read and parsed: both grant access (AWS evaluates them together). */
interface VaultPolicy {
  readonly name: 'access policy' | 'vault lock policy';
  readonly read: BucketPolicyRead;
}

function vaultPolicies(vault: GlacierVaultState): VaultPolicy[] {
  const policies: VaultPolicy[] = [];
  if (vault.glacierVaultAccessPolicy !== undefined) policies.push({ name: 'access policy', read: readBucketPolicy(vault.glacierVaultAccessPolicy) });
  const lock = vault.glacierVaultLock;
  if (lock?.state === 'error') policies.push({ name: 'vault lock policy', read: { state: 'error', error: lock } });
  if (lock?.state === 'present' && lock.value.policy !== undefined) {
    const policy: Observed<BucketPolicy> = { state: 'present', value: lock.value.policy };
    policies.push({ name: 'vault lock policy', read: readBucketPolicy(policy) });
  }
  return policies;
}

export default defineCheck({
  id: 'glacier-vault-policy-public',
  title: 'S3 Glacier vault policies do not grant access to anyone',
  severity: 'high',
  resource: 'glacier-vault',
  needs: ['glacierVaultListing', 'glacierVaultAccessPolicy', 'glacierVaultLock'],
  enabledByDefault: true,
  rationale:
    'A vault access policy (and a vault lock policy, which AWS evaluates alongside it) is a resource policy: an Allow ' +
    'to Principal "*" (or a wildcard, NotPrincipal, a web identity provider) without a condition that pins the caller ' +
    'to fixed accounts or networks lets anyone on the internet start retrieval jobs, read archives or delete them. ' +
    'S3 Block Public Access does not cover Glacier vaults: nothing but the policy itself stops such a grant.',
  remediation: {
    text:
      'Grant the vault policy to fixed principals (or pin a wildcard principal with aws:PrincipalOrgID, aws:SourceVpce …). ' +
      'A public grant in a Locked vault lock policy cannot be removed: the vault must be replaced.',
    cli: 'aws glacier set-vault-access-policy --account-id - --vault-name VAULT --policy file://policy.json',
  },
  references: {
    url: ['https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-access-policy.html', 'https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-lock-policy.html'],
  },
  messages: {
    public: 'The {{subject}} grants access to anyone: {{reasons}}.',
    notPublic: 'The {{policies}} of {{subject}} grant{{verb}} access only to fixed principals, networks or accounts.',
    noPolicy: 'The {{subject}} has neither an access policy nor a vault lock policy, so no resource policy grants access to anyone.',
    unparseable: 'The {{policy}} of {{subject}} is not a valid policy document ({{error}}), so whether it grants access to anyone is unknown.',
  },
  evaluate(vault) {
    if (vault.glacierVaultAccessPolicy === undefined) return undefined;
    const subject = vaultSubject(vault);
    const policies = vaultPolicies(vault);
    const reasons = policies.flatMap(({ name, read }) =>
      read.state === 'parsed' ? publicGrants(read.policy, 'glacier-vault').map((grant) => `its ${name} ${grant.reason}`) : [],
    );
    // A public grant in one policy is a fail whatever the other one says.
    if (reasons.length > 0) return { status: 'fail', messageId: 'public', data: { subject, reasons: reasons.join('; ') } };
    const failed = policies.find((p): p is VaultPolicy & { read: { state: 'error'; error: ObservedError } } => p.read.state === 'error');
    if (failed !== undefined) return unreadable(`the ${failed.name} of ${subject}`, failed.read.error);
    const invalid = policies.find((p) => p.read.state === 'invalid');
    if (invalid?.read.state === 'invalid') return { status: 'unknown', messageId: 'unparseable', data: { subject, policy: invalid.name, error: invalid.read.error } };
    const present = policies.filter((p) => p.read.state === 'parsed').map((p) => p.name);
    if (present.length === 0) return { status: 'pass', messageId: 'noPolicy', data: { subject } };
    return { status: 'pass', messageId: 'notPublic', data: { subject, policies: present.join(' and '), verb: present.length === 1 ? 's' : '' } };
  },
});
