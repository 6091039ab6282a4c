import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { assumedRoleCredentials, roleArnAccount, roleArnIn } from '../../src/collect/assume-role.ts';

const assume = vi.hoisted(() => vi.fn<() => Promise<{ accessKeyId: string; secretAccessKey: string; expiration?: Date }>>());
const created = vi.hoisted(() => vi.fn());

vi.mock('@aws-sdk/credential-providers', () => ({
  fromNodeProviderChain: (init: { profile: string }) => `chain of profile ${init.profile}`,
  fromTemporaryCredentials: (options: unknown) => {
    created(options);
    return assume;
  },
}));

const MINUTE = 60_000;
const keys = (id: string, expiresInMs: number) => ({ accessKeyId: id, secretAccessKey: 'secret', expiration: new Date(Date.now() + expiresInMs) });

function provider() {
  return assumedRoleCredentials({
    target: { roleArn: 'arn:aws:iam::222222222222:role/s3-audit', sessionName: 's3-audit', externalId: 'audit-7f3a' },
    region: 'eu-central-1',
    stsEndpoint: 'http://127.0.0.1:1',
    maxAttempts: 3,
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
  assume.mockReset();
  created.mockReset();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('assumedRoleCredentials: one AssumeRole for every client of a scan, renewed before it expires', () => {
  it('asks STS in the home region (its regional endpoint) with the role, session name and ExternalId', () => {
    provider();
    expect(created).toHaveBeenCalledWith({
      params: { RoleArn: 'arn:aws:iam::222222222222:role/s3-audit', RoleSessionName: 's3-audit', ExternalId: 'audit-7f3a' },
      clientConfig: { region: 'eu-central-1', maxAttempts: 3, endpoint: 'http://127.0.0.1:1' },
    });
  });

  it('assumes the role with the credentials of --profile', () => {
    assumedRoleCredentials({ target: { roleArn: 'arn:aws:iam::222222222222:role/s3-audit', sessionName: 's3-audit' }, region: 'us-east-1', profile: 'security', maxAttempts: 3 });
    expect(created).toHaveBeenCalledWith({
      params: { RoleArn: 'arn:aws:iam::222222222222:role/s3-audit', RoleSessionName: 's3-audit' },
      masterCredentials: 'chain of profile security',
      clientConfig: { region: 'us-east-1', maxAttempts: 3 },
    });
  });

  it('callers at the same time share one AssumeRole', async () => {
    assume.mockResolvedValueOnce(keys('first', 60 * MINUTE));
    const credentials = provider();
    const [a, b] = await Promise.all([credentials(), credentials()]);
    expect([a.accessKeyId, b.accessKeyId, assume.mock.calls.length]).toEqual(['first', 'first', 1]);
  });

  it('keeps the credentials until 5 minutes before they expire, then assumes the role again', async () => {
    assume.mockResolvedValueOnce(keys('first', 60 * MINUTE)).mockResolvedValueOnce(keys('second', 60 * MINUTE));
    const credentials = provider();
    await credentials();
    vi.setSystemTime(Date.now() + 54 * MINUTE);
    expect((await credentials()).accessKeyId).toBe('first');
    vi.setSystemTime(Date.now() + 2 * MINUTE);
    expect((await credentials()).accessKeyId).toBe('second');
  });

  it('does not keep a failure: the next call tries again', async () => {
    assume.mockRejectedValueOnce(new Error('throttled')).mockResolvedValueOnce(keys('after-retry', 60 * MINUTE));
    const credentials = provider();
    await expect(credentials()).rejects.toThrow('throttled');
    expect((await credentials()).accessKeyId).toBe('after-retry');
  });
});

describe('role ARNs', () => {
  it.each([
    ['arn:aws:iam::222222222222:role/s3-audit', '222222222222'],
    ['arn:aws-us-gov:iam::222222222222:role/audit/s3-audit', '222222222222'],
    ['arn:aws-cn:iam::222222222222:role/a+b=c,d.e@f-g', '222222222222'],
    ['arn:aws:iam::222222222222:user/s3-audit', undefined],
    ['arn:aws:sts::222222222222:assumed-role/s3-audit/session', undefined],
    ['arn:aws:iam::2222:role/s3-audit', undefined],
    ['arn:aws:iam::222222222222:role/', undefined],
  ])('%s → account %s', (arn, account) => {
    expect(roleArnAccount(arn)).toBe(account);
  });

  it('roleArnIn builds the role of an account of the organization, with its path', () => {
    expect(roleArnIn('aws', '333333333333', 'audit/s3-audit')).toBe('arn:aws:iam::333333333333:role/audit/s3-audit');
  });
});
