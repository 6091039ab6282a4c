import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { memoryIo } from '../support/memory-io.ts';
import { ONLY_PINNED_CHECKS } from '../support/pinned-checks.ts';

const ROLE = 'arn:aws:iam::222222222222:role/s3-audit';

/** Flags of multi-account scans refused before any AWS call: exit 2, one line that says what to change. */
describe('--role-arn, --org, --accounts: bad combinations and values exit 2 with one line', () => {
  it.each([
    ['a --role-arn that is no role ARN', ['--role-arn', 'arn:aws:iam::222222222222:user/bob'], "s3-audit: error: option '--role-arn <arn>' argument 'arn:aws:iam::222222222222:user/bob' is invalid. --role-arn must be an IAM role ARN like arn:aws:iam::123456789012:role/s3-audit, not 'arn:aws:iam::222222222222:user/bob'. (see 's3-audit --help')"],
    ['a --role-arn with an 11-digit account', ['--role-arn', 'arn:aws:iam::22222222222:role/x'], "s3-audit: error: option '--role-arn <arn>' argument 'arn:aws:iam::22222222222:role/x' is invalid. --role-arn must be an IAM role ARN like arn:aws:iam::123456789012:role/s3-audit, not 'arn:aws:iam::22222222222:role/x'. (see 's3-audit --help')"],
    ['--role-arn with --org', ['--role-arn', ROLE, '--org'], "s3-audit: error: option '--role-arn <arn>' cannot be used with option '--org' (see 's3-audit --help')"],
    ['--role-arn with --snapshot', ['--role-arn', ROLE, '--snapshot', 'saved.jsonl'], "s3-audit: error: option '--role-arn <arn>' cannot be used with option '--snapshot <file>' (see 's3-audit --help')"],
    ['--org with --snapshot', ['--org', '--snapshot', 'saved.jsonl'], "s3-audit: error: option '--org' cannot be used with option '--snapshot <file>' (see 's3-audit --help')"],
    ['--org with --shard', ['--org', '--shard', '1/2'], "s3-audit: error: option '--org' cannot be used with option '--shard <i/n>' (see 's3-audit --help')"],
    ['--accounts with --save-snapshot', ['--accounts', '222222222222', '--save-snapshot', 's.jsonl'], "s3-audit: error: option '--accounts <ids>' cannot be used with option '--save-snapshot <file>' (see 's3-audit --help')"],
    ['an --accounts id that is not 12 digits', ['--accounts', '222222222222,prod'], "s3-audit: error: option '--accounts <ids>' argument '222222222222,prod' is invalid. --accounts: 'prod' is not a 12-digit AWS account id. (see 's3-audit --help')"],
    ['--role-name without --org or --accounts', ['--role-name', 'audit'], 's3-audit: error: --role-name needs --org or --accounts (for one role give --role-arn)'],
    ['--exclude-accounts without --org', ['--accounts', '222222222222', '--exclude-accounts', '333333333333'], 's3-audit: error: --exclude-accounts needs --org'],
    ['--external-id without a role', ['--external-id', 'abc123'], 's3-audit: error: --external-id needs --role-arn, --org or --accounts'],
    ['--role-session-name without a role', ['--role-session-name', 'ci-run'], 's3-audit: error: --role-session-name needs --role-arn, --org or --accounts'],
    ['a --role-session-name STS refuses', ['--role-arn', ROLE, '--role-session-name', 'has space'], "s3-audit: error: option '--role-session-name <name>' argument 'has space' is invalid. --role-session-name: 'has space' is not valid (expected e.g. s3-audit-ci). (see 's3-audit --help')"],
    ['--workers with --org', ['--org', '--workers', '2'], 's3-audit: error: --workers with --org / --accounts: accounts are already scanned in parallel; leave --workers out'],
  ])('%s', async (_name, args, line) => {
    const io = memoryIo();
    const code = await main(['scan', ...ONLY_PINNED_CHECKS, ...args], io);
    expect({ code, out: io.out(), err: io.err() }).toEqual({ code: 2, out: '', err: `${line}\n` });
  });
});
