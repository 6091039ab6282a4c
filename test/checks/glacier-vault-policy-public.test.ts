import check from '../../src/checks/glacier-vault-policy-public.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { bucketPolicy, parseError } from './policy-fixtures.ts';

const subject = 'vault archive (us-east-1)';
const VAULT_ARN = 'arn:aws:glacier:us-east-1:123456789012:vaults/archive';

const publicRetrieval = {
  Sid: 'public-retrieval',
  Effect: 'Allow',
  Principal: '*',
  Action: ['glacier:InitiateJob', 'glacier:GetJobOutput'],
  Resource: VAULT_ARN,
};
const orgOnly = { ...publicRetrieval, Sid: 'org-only', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
const partner = { Sid: 'partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'glacier:InitiateJob', Resource: VAULT_ARN };
const denyDeletes = { Sid: 'deny-delete', Effect: 'Deny', Principal: '*', Action: 'glacier:DeleteArchive', Resource: VAULT_ARN };
const noLock = absent('ResourceNotFoundException');

function lockWith(...statements: readonly unknown[]) {
  return present({ state: 'Locked', creationDate: '2025-03-01T09:00:00.000Z', policy: { text: JSON.stringify({ Version: '2012-10-17', Statement: statements }) } });
}

const publicReason =
  '"public-retrieval" allows glacier:InitiateJob, glacier:GetJobOutput to Principal "*" with no condition that pins the caller to fixed values';

runCheckTests(check, {
  pass: [
    {
      name: 'a vault without an access policy or a lock passes',
      glacierVault: { glacierVaultAccessPolicy: absent('ResourceNotFoundException'), glacierVaultLock: noLock },
      expect: { messageId: 'noPolicy', message: `The ${subject} has neither an access policy nor a vault lock policy, so no resource policy grants access to anyone.` },
    },
    {
      name: 'an access policy granting one fixed account passes',
      glacierVault: { glacierVaultAccessPolicy: bucketPolicy(partner), glacierVaultLock: noLock },
      expect: { messageId: 'notPublic', message: `The access policy of ${subject} grants access only to fixed principals, networks or accounts.` },
    },
    {
      name: 'Principal "*" pinned to one organization is not public',
      glacierVault: { glacierVaultAccessPolicy: bucketPolicy(orgOnly), glacierVaultLock: lockWith(denyDeletes) },
      expect: {
        messageId: 'notPublic',
        message: `The access policy and vault lock policy of ${subject} grant access only to fixed principals, networks or accounts.`,
      },
    },
  ],
  fail: [
    {
      name: 'an access policy allowing Principal "*" fails, naming the statement and the actions',
      glacierVault: { glacierVaultAccessPolicy: bucketPolicy(publicRetrieval), glacierVaultLock: noLock },
      expect: { messageId: 'public', message: `The ${subject} grants access to anyone: its access policy ${publicReason}.` },
    },
    {
      name: 'a public Allow in the vault lock policy fails too: AWS evaluates it alongside the access policy',
      glacierVault: { glacierVaultAccessPolicy: absent('ResourceNotFoundException'), glacierVaultLock: lockWith(denyDeletes, publicRetrieval) },
      expect: { messageId: 'public', message: `The ${subject} grants access to anyone: its vault lock policy ${publicReason}.` },
    },
    {
      name: 'a public grant fails even when the vault lock could not be read',
      glacierVault: {
        glacierVaultAccessPolicy: bucketPolicy(publicRetrieval),
        glacierVaultLock: observedError('GetVaultLock', 'AccessDeniedException', 'Access denied'),
      },
      expect: { messageId: 'public', message: `The ${subject} grants access to anyone: its access policy ${publicReason}.` },
    },
  ],
  unknown: [
    {
      name: 'an unreadable access policy is unknown',
      glacierVault: {
        glacierVaultAccessPolicy: observedError('GetVaultAccessPolicy', 'AccessDeniedException', 'Access denied'),
        glacierVaultLock: noLock,
      },
      expect: {
        messageId: 'unreadable',
        message: `Could not read the access policy of ${subject}: GetVaultAccessPolicy failed with AccessDeniedException (Access denied).`,
      },
    },
    {
      name: 'a private access policy with an unreadable vault lock is unknown: the lock policy could grant access',
      glacierVault: { glacierVaultAccessPolicy: bucketPolicy(partner), glacierVaultLock: observedError('GetVaultLock', 'AccessDeniedException', 'Access denied') },
      expect: {
        messageId: 'unreadable',
        message: `Could not read the vault lock policy of ${subject}: GetVaultLock failed with AccessDeniedException (Access denied).`,
      },
    },
    {
      name: 'an access policy that does not parse is unknown',
      glacierVault: { glacierVaultAccessPolicy: present({ text: '{"Statement": [' }), glacierVaultLock: noLock },
      expect: {
        messageId: 'unparseable',
        message: `The access policy of ${subject} is not a valid policy document (${parseError('{"Statement": [')}), so whether it grants access to anyone is unknown.`,
      },
    },
  ],
});
