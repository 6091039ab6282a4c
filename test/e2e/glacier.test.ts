import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountFixture, AwsEndpoint } from '../support/aws-endpoint/index.ts';
import { startAwsEndpoint } from '../support/aws-endpoint/index.ts';
import type { JsonReport } from '../../src/report/types.ts';
import { parseJson } from '../support/json.ts';
import { runBuiltCli, TEST_CREDENTIALS } from '../support/run-cli.ts';
import { tempDir } from '../support/snapshot-file.ts';

const ACCOUNT = '123456789012';
const GLACIER_CHECKS = ['--checks', 'glacier-vault-lock,glacier-vault-policy-public'];
const vaultArn = (region: string, name: string): string => `arn:aws:glacier:${region}:${ACCOUNT}:vaults/${name}`;
const policy = (...statements: readonly unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const denyYoungDeletes = (arn: string) => ({
  Sid: 'deny-delete-under-365-days',
  Effect: 'Deny',
  Principal: '*',
  Action: 'glacier:DeleteArchive',
  Resource: arn,
  Condition: { NumericLessThan: { 'glacier:ArchiveAgeInDays': '365' } },
});

/** Vaults in the buckets' two regions: locked, lock in progress, unlocked with a public policy, unlocked with a private one. */
const fixture: AccountFixture = {
  accountId: ACCOUNT,
  buckets: [
    { name: 'records', region: 'us-east-1' },
    { name: 'records-eu', region: 'eu-west-1' },
  ],
  glacierVaults: [
    {
      name: 'compliance',
      region: 'us-east-1',
      lock: { state: 'Locked', creationDate: '2025-03-01T09:00:00.000Z', policy: policy(denyYoungDeletes(vaultArn('us-east-1', 'compliance'))) },
    },
    {
      name: 'pending',
      region: 'us-east-1',
      lock: { state: 'InProgress', creationDate: '2026-11-27T08:00:00.000Z', policy: policy(denyYoungDeletes(vaultArn('us-east-1', 'pending'))) },
      accessPolicy: policy({ Sid: 'team', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/archiver` }, Action: 'glacier:UploadArchive', Resource: vaultArn('us-east-1', 'pending') }),
    },
    {
      name: 'open-archive',
      region: 'eu-west-1',
      accessPolicy: policy({ Sid: 'anyone-retrieves', Effect: 'Allow', Principal: '*', Action: ['glacier:InitiateJob', 'glacier:GetJobOutput'], Resource: vaultArn('eu-west-1', 'open-archive') }),
    },
    { name: 'far-away', region: 'ap-south-1' },
  ],
};

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

function verdicts(report: JsonReport): string[] {
  return report.findings.map((f) => `${f.status} ${f.checkId} ${f.resource.name}: ${f.message}`).sort();
}

describe('S3 Glacier vaults end to end (built CLI, real SDK, local endpoint)', () => {
  it('lists the vaults of every bucket region and judges their lock and policies', async () => {
    endpoint = await startAwsEndpoint(fixture);
    const run = await runBuiltCli(['scan', '--endpoint-url', endpoint.url, '--format', 'json', ...GLACIER_CHECKS], TEST_CREDENTIALS);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = parseJson<JsonReport>(run.stdout);
    expect(report.complete).toBe(true);
    expect(verdicts(report)).toEqual(
      [
        'pass glacier-vault-lock compliance: The vault lock of vault compliance (us-east-1) is Locked (initiated 2025-03-01T09:00:00.000Z): ' +
          'its lock policy can no longer be changed or removed (its lock policy: "deny-delete-under-365-days" denies glacier:DeleteArchive ' +
          'when glacier:ArchiveAgeInDays NumericLessThan 365).',
        'pass glacier-vault-policy-public compliance: The vault lock policy of vault compliance (us-east-1) grants access only to fixed principals, networks or accounts.',
        'fail glacier-vault-lock pending: The vault lock of vault pending (us-east-1) is InProgress, not Locked: initiated 2026-11-27T08:00:00.000Z, ' +
          'it expires 2026-11-28T08:00:00.000Z unless CompleteVaultLock is called, and until then it can be aborted (its lock policy: ' +
          '"deny-delete-under-365-days" denies glacier:DeleteArchive when glacier:ArchiveAgeInDays NumericLessThan 365).',
        'pass glacier-vault-policy-public pending: The access policy and vault lock policy of vault pending (us-east-1) grant access only to fixed principals, networks or accounts.',
        'fail glacier-vault-lock open-archive: The vault open-archive (eu-west-1) has no vault lock: its access policy can be changed or deleted at any time, ' +
          'so nothing makes its archives write-once.',
        'fail glacier-vault-policy-public open-archive: The vault open-archive (eu-west-1) grants access to anyone: its access policy "anyone-retrieves" ' +
          'allows glacier:InitiateJob, glacier:GetJobOutput to Principal "*" with no condition that pins the caller to fixed values.',
      ].sort(),
    );
    expect(report.findings.find((f) => f.resource.name === 'open-archive')?.resource).toEqual({
      type: 'glacier-vault',
      arn: vaultArn('eu-west-1', 'open-archive'),
      name: 'open-archive',
      region: 'eu-west-1',
      account: ACCOUNT,
    });
    // One listing per region the account uses; the vault in ap-south-1 is outside them.
    expect(endpoint.requests.filter((r) => r.operation === 'ListVaults').map((r) => r.region).sort()).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('--regions adds a region without buckets; the vault found there is judged', async () => {
    endpoint = await startAwsEndpoint(fixture);
    const run = await runBuiltCli(
      ['scan', '--endpoint-url', endpoint.url, '--format', 'json', '--checks', 'glacier-vault-lock', '--regions', 'ap-south-1'],
      TEST_CREDENTIALS,
    );
    const report = parseJson<JsonReport>(run.stdout);
    expect(report.findings.find((f) => f.resource.name === 'far-away')?.message).toBe(
      'The vault far-away (ap-south-1) has no vault lock: its access policy can be changed or deleted at any time, so nothing makes its archives write-once.',
    );
  });

  it('a denied GetVaultLock is unknown (exit 3), never a pass', async () => {
    const denied = { code: 'AccessDeniedException', status: 403, message: 'User is not authorized to perform: glacier:GetVaultLock' };
    endpoint = await startAwsEndpoint({
      ...fixture,
      glacierVaults: (fixture.glacierVaults ?? []).filter((vault) => vault.name === 'compliance').map((vault) => ({ ...vault, faults: { GetVaultLock: denied } })),
    });
    const run = await runBuiltCli(['scan', '--endpoint-url', endpoint.url, '--format', 'json', '--checks', 'glacier-vault-lock'], TEST_CREDENTIALS);
    expect(run.code).toBe(3);
    const report = parseJson<JsonReport>(run.stdout);
    const compliance = report.findings.find((f) => f.resource.name === 'compliance');
    expect([compliance?.status, compliance?.message]).toEqual([
      'unknown',
      'Could not read the vault lock of vault compliance (us-east-1): GetVaultLock failed with AccessDeniedException (User is not authorized to perform: glacier:GetVaultLock).',
    ]);
    expect(report.errors.map((e) => [e.operation, e.resource, e.code])).toEqual([['GetVaultLock', vaultArn('us-east-1', 'compliance'), 'AccessDeniedException']]);
  });

  it('a denied ListVaults leaves the vaults of each region unknown (exit 3)', async () => {
    endpoint = await startAwsEndpoint({ ...fixture, faults: { ListVaults: { code: 'AccessDeniedException', status: 403, message: 'Access denied' } } });
    const run = await runBuiltCli(['scan', '--endpoint-url', endpoint.url, '--format', 'json', '--checks', 'glacier-vault-lock'], TEST_CREDENTIALS);
    expect(run.code).toBe(3);
    const report = parseJson<JsonReport>(run.stdout);
    expect(report.findings.map((f) => [f.status, f.resource.arn, f.message])).toEqual(
      ['eu-west-1', 'us-east-1'].map((region) => [
        'unknown',
        `arn:aws:glacier:${region}:${ACCOUNT}:vaults/*`,
        `Could not read the S3 Glacier vaults of ${region}: ListVaults failed with AccessDeniedException (Access denied).`,
      ]),
    );
  });

  it('calls no Glacier API when no selected check reads vaults', async () => {
    endpoint = await startAwsEndpoint(fixture);
    await runBuiltCli(['scan', '--endpoint-url', endpoint.url, '--format', 'json', '--checks', 'bucket-versioning'], TEST_CREDENTIALS);
    expect(endpoint.requests.filter((r) => r.service === 'glacier')).toEqual([]);
  });

  it('saves vaults in the snapshot and replays them to the same verdicts', async () => {
    endpoint = await startAwsEndpoint(fixture);
    const file = join(tempDir(), 'snapshot.jsonl');
    const live = await runBuiltCli(
      ['scan', '--endpoint-url', endpoint.url, '--format', 'json', ...GLACIER_CHECKS, '--save-snapshot', file, '--quiet'],
      TEST_CREDENTIALS,
    );
    const replay = await runBuiltCli(['scan', '--snapshot', file, '--format', 'json', ...GLACIER_CHECKS]);
    expect(replay.stderr).toBe('');
    const liveVerdicts = verdicts(parseJson<JsonReport>(live.stdout));
    expect(liveVerdicts).toHaveLength(6);
    expect(verdicts(parseJson<JsonReport>(replay.stdout))).toEqual(liveVerdicts);
  });
});
