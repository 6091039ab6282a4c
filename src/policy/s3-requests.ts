import { bucketArn } from '../engine/resource-ref.ts';
import type { ProbePrincipal, ProbeTarget } from './coverage.ts';
import { accountOfPrincipal, isAccountPrincipal } from './match.ts';
import type { Policy, PrincipalEntry, RequestPrincipal } from './types.ts';

/** Representative bucket-level actions: reads, writes and the ones that change who can do what. */
export const BUCKET_ACTIONS = [
  's3:ListBucket',
  's3:ListBucketVersions',
  's3:ListBucketMultipartUploads',
  's3:GetBucketPolicy',
  's3:PutBucketPolicy',
  's3:GetBucketAcl',
  's3:PutBucketAcl',
  's3:PutBucketVersioning',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutBucketPublicAccessBlock',
  's3:DeleteBucket',
] as const;

/** Representative object-level actions: reads, writes, deletes, ACLs, tags, retention. */
export const OBJECT_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:PutObject',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:GetObjectAcl',
  's3:PutObjectAcl',
  's3:GetObjectTagging',
  's3:PutObjectTagging',
  's3:RestoreObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
  's3:PutObjectRetention',
  's3:BypassGovernanceRetention',
] as const;

export interface BucketScope {
  readonly partition: string;
  readonly accountId: string;
  readonly bucket: string;
}

const PROBE_KEY = 's3-audit-probe/object';
const PROBE_ROLE = 'role/s3-audit-probe';

function probeFor(entry: PrincipalEntry, partition: string): RequestPrincipal | undefined {
  if (entry.type === 'Service') return { kind: 'service', service: entry.value };
  if (entry.type !== 'AWS' || entry.value.includes('*')) return undefined;
  const account = accountOfPrincipal(entry.value);
  if (account === undefined) return undefined;
  const arn = isAccountPrincipal(entry.value) ? `arn:${partition}:iam::${account}:root` : entry.value;
  return { kind: 'aws', arn, account };
}

/**
 * Who might ask: anonymous, this account, another account, an AWS service, plus every principal a
 * Deny names, exempts or tests in aws:PrincipalArn / aws:PrincipalAccount (so a Deny narrowed to
 * them, or an exemption, shows up as a named gap).
 */
export function probePrincipals(policy: Policy, scope: BucketScope): ProbePrincipal[] {
  const foreign = scope.accountId === '999999999999' ? '888888888888' : '999999999999';
  const probes: ProbePrincipal[] = [
    { label: 'anonymous requests', principal: { kind: 'anonymous' } },
    {
      label: scope.accountId === '' ? 'principals of this account' : `principals of this account (${scope.accountId})`,
      principal: { kind: 'aws', arn: `arn:${scope.partition}:iam::${scope.accountId}:${PROBE_ROLE}`, account: scope.accountId },
    },
    {
      label: 'principals of other accounts',
      principal: { kind: 'aws', arn: `arn:${scope.partition}:iam::${foreign}:${PROBE_ROLE}`, account: foreign },
    },
    { label: 'AWS service principals', principal: { kind: 'service', service: 's3-audit-probe.amazonaws.com' } },
  ];
  const add = (label: string, principal: RequestPrincipal | undefined): void => {
    if (principal !== undefined && !probes.some((probe) => probe.label === label)) probes.push({ label, principal });
  };
  const denies = policy.statements.filter((s) => s.effect === 'Deny');
  for (const entry of denies.flatMap((s) => s.principal?.entries ?? [])) add(entry.value, probeFor(entry, scope.partition));
  // Exemptions written as conditions (ArnNotLike aws:PrincipalArn, StringNotEquals aws:PrincipalAccount).
  for (const condition of denies.flatMap((s) => s.conditions)) {
    for (const value of condition.values) {
      if (condition.key === 'aws:principalarn') {
        const arn = value.replace(/[*?]/g, 'x');
        const account = accountOfPrincipal(arn);
        add(value, account === undefined ? undefined : { kind: 'aws', arn, account });
      } else if (condition.key === 'aws:principalaccount' && /^\d{12}$/.test(value) && value !== scope.accountId) {
        add(`principals of account ${value}`, { kind: 'aws', arn: `arn:${scope.partition}:iam::${value}:${PROBE_ROLE}`, account: value });
      }
    }
  }
  return probes;
}

export function scopeArn(scope: BucketScope): string {
  return bucketArn(scope.partition, scope.bucket);
}

/**
 * Objects to ask about: any object (labelled `arn:…:b/*`), plus one object under every narrower
 * prefix a Deny's Resource or NotResource names, so a prefix-only Deny or an exempted prefix shows.
 */
function objectResources(policy: Policy, scope: BucketScope): { resource: string; label: string }[] {
  const arn = scopeArn(scope);
  const objects = [{ resource: `${arn}/${PROBE_KEY}`, label: `${arn}/*` }];
  const patterns = policy.statements.flatMap((s) => (s.effect === 'Deny' ? (s.resource?.patterns ?? []) : []));
  for (const pattern of patterns) {
    if (!pattern.startsWith(`${arn}/`) || pattern === `${arn}/*` || objects.some((o) => o.label === pattern)) continue;
    objects.push({ resource: pattern.replace(/[*?]/g, 'x'), label: pattern });
  }
  return objects;
}

/** Actions a Deny's NotAction names: probed too, so an exemption is named rather than missed. */
function exemptedActions(policy: Policy): string[] {
  return policy.statements.flatMap((s) =>
    s.effect === 'Deny' && s.action.not ? s.action.patterns.filter((a) => a.toLowerCase().startsWith('s3:') && !a.includes('*')) : [],
  );
}

/** Actions once each, compared case-insensitively, first spelling kept. */
function unique(actions: readonly string[]): string[] {
  const byName = new Map<string, string>();
  for (const action of actions) if (!byName.has(action.toLowerCase())) byName.set(action.toLowerCase(), action);
  return [...byName.values()];
}

/** Every representative S3 action against the resource it acts on: the bucket, or any of its objects. */
export function allS3Targets(policy: Policy, scope: BucketScope): ProbeTarget[] {
  const arn = scopeArn(scope);
  const extra = exemptedActions(policy);
  const bucketActions = unique([...BUCKET_ACTIONS, ...extra]);
  const objectActions = unique([...OBJECT_ACTIONS, ...extra]);
  return [
    ...bucketActions.map((action) => ({ action, resource: arn, resourceLabel: arn })),
    ...objectResources(policy, scope).flatMap((object) =>
      objectActions.map((action) => ({ action, resource: object.resource, resourceLabel: object.label })),
    ),
  ];
}

/** Given object actions against any object of the bucket. */
export function objectTargets(policy: Policy, scope: BucketScope, actions: readonly string[]): ProbeTarget[] {
  return objectResources(policy, scope).flatMap((object) =>
    actions.map((action) => ({ action, resource: object.resource, resourceLabel: object.label })),
  );
}
