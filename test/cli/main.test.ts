import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CHECKS } from '../../src/checks/registry.ts';
import { main } from '../../src/cli.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import type { BucketState } from '../../src/snapshot/types.ts';
import type { JsonReport } from '../../src/report/types.ts';
import { parseJson } from '../support/json.ts';
import { memoryIo } from '../support/memory-io.ts';
import { tempDir, writeSnapshot } from '../support/snapshot-file.ts';
import { ONLY_PINNED_CHECKS } from '../support/pinned-checks.ts';

const noLifecycle = { state: 'absent', code: 'NoSuchLifecycleConfiguration' } as const;
const sseS3 = present({ rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] });

const compliant: BucketState = {
  name: 'good',
  region: 'us-east-1',
  encryption: sseS3,
  versioning: present({ status: 'Enabled', mfaDelete: 'Enabled' }),
  lifecycle: noLifecycle,
  // SSE-S3: the default encryption names no KMS key.
  kmsKey: absent(),
  kmsKeyRotation: absent(),
};
const unversioned: BucketState = { ...compliant, name: 'unversioned', versioning: present({}) };
const denied: BucketState = {
  ...compliant,
  name: 'denied',
  versioning: observedError('GetBucketVersioning', 'AccessDenied', 'Access Denied'),
};


async function cli(args: readonly string[], env: Record<string, string> = {}) {
  const io = memoryIo({ env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** An error is one line on stderr, never a stack trace. */
function expectOneLineError(err: string, text: string | RegExp) {
  const lines = err.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^s3-audit: error: /);
  expect(lines[0]).toMatch(text);
  expect(err).not.toMatch(/\n\s+at /);
}

describe('usage errors exit 2 with one line', () => {
  it.each([
    ['an unknown command', ['scna'], /unknown command 'scna'.*scan/],
    ['an unknown flag', ['scan', '--formt', 'json'], /unknown option '--formt'.*--format/],
    ['a format that does not exist', ['scan', '--format', 'xml'], /--format.*'xml' is invalid.*table, json/],
    ['--concurrency 0', ['scan', '--concurrency', '0'], /--concurrency must be a whole number from 1 to 1024/],
    ['--concurrency that is not a number', ['scan', '--concurrency', 'many'], /--concurrency must be a whole number/],
    ['--workers 0', ['scan', '--workers', '0'], /--workers must be a whole number from 1 to 256/],
    ['--workers that is neither a number nor auto', ['scan', '--workers', 'all'], /--workers must be a whole number from 1 to 256/],
    ['a --fail-on that is no severity', ['scan', '--fail-on', 'severe'], /--fail-on.*'severe' is invalid/],
    ['an unknown check id, with close matches', ['scan', '--checks', 'bucket-versionig'], /unknown check id 'bucket-versionig'.*did you mean bucket-versioning/],
    ['an unknown skipped check id', ['scan', '--skip-checks', 'nope'], /--skip-checks: unknown check id 'nope'/],
    ['explain of an unknown id', ['explain', 'bucket-mfa'], /unknown check id 'bucket-mfa'.*bucket-mfa-delete/],
    ['a missing snapshot file', ['scan', '--snapshot', '/nonexistent/scan.jsonl'], /--snapshot \/nonexistent\/scan.jsonl: cannot read \(ENOENT/],
    ['--snapshot with an AWS option it would ignore', ['scan', '--snapshot', 's.jsonl', '--profile', 'prod'], /option '--snapshot <file>' cannot be used with option '--profile <name>'/],
    ['an invalid --endpoint-url', ['scan', '--endpoint-url', 'not a url'], /--endpoint-url: 'not a url' is not a URL/],
  ])('%s', async (_name, args, message) => {
    const { code, out, err } = await cli(args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expectOneLineError(err, message);
  });

  it('running without a command shows the help and exits 2', async () => {
    const { code, err } = await cli([]);
    expect(code).toBe(2);
    expect(err).toContain('Usage: s3-audit');
  });
});

describe('informational commands exit 0', () => {
  it.each([
    ['--help', ['--help'], 'Usage: s3-audit [options] [command]'],
    ['scan --help explains exit codes', ['scan', '--help'], '3  scan incomplete'],
    ['--version', ['--version'], parseJson<{ version: string }>(readFileSync('package.json', 'utf8')).version],
    ['checks', ['checks'], 'bucket-versioning'],
    ['checks --format markdown', ['checks', '--format', 'markdown'], '| `bucket-mfa-delete` | medium |'],
    ['explain', ['explain', 'bucket-mfa-delete'], 'Only the root user of the bucket owner account can enable MFA Delete'],
    ['explain of a check that reads every bucket says so', ['explain', 'bucket-logging-loop'], '  across     every bucket of the account: it runs once all of them are indexed'],
  ])('%s', async (_name, args, text) => {
    const { code, out, err } = await cli(args);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(text);
  });

  it('checks --format json lists every check with its metadata', async () => {
    const { out } = await cli(['checks', '--format', 'json']);
    const ids = parseJson<{ id: string }[]>(out).map((entry) => entry.id);
    expect(ids).toEqual(BUILTIN_CHECKS.map((check) => check.id).sort());
  });
});

describe('scan exit codes (design §5)', () => {
  it.each([
    ['all checks pass → 0', [compliant], [], 0],
    ['a medium failure with the default --fail-on low → 1', [unversioned], [], 1],
    ['a medium failure below --fail-on high → 0', [unversioned], ['--fail-on', 'high'], 0],
    ['--fail-on none never fails on findings', [unversioned], ['--fail-on', 'none'], 0],
    ['an unknown verdict and nothing failing → 3', [denied], [], 3],
    ['--allow-incomplete turns 3 into 0', [denied], ['--allow-incomplete'], 0],
    ['a failure wins over an unknown verdict → 1', [denied, unversioned], [], 1],
    ['--severity hides findings but never changes the exit code', [unversioned], ['--severity', 'critical'], 1],
    ['--bucket excludes the failing bucket → 0', [compliant, unversioned], ['--bucket', 'go*'], 0],
    ['--exclude-bucket drops the unreadable bucket → 0', [compliant, denied], ['--exclude-bucket', 'denied'], 0],
    ['--skip-checks removes the failing check → 0', [unversioned], ['--skip-checks', 'bucket-versioning,bucket-mfa-delete'], 0],
    ['no buckets at all → 0', [], [], 0],
  ] as const)('%s', async (_name, buckets, args, expected) => {
    const snapshot = writeSnapshot(buckets);
    const { code } = await cli(['scan', '--snapshot', snapshot, '--format', 'json', ...ONLY_PINNED_CHECKS, ...args]);
    expect(code).toBe(expected);
  });
});

describe('scan --snapshot replays offline', () => {
  it('reports every verdict in JSON, pass included, with errors and completeness', async () => {
    const snapshot = writeSnapshot([compliant, unversioned, denied]);
    const { out, code } = await cli(['scan', '--snapshot', snapshot, '--format', 'json', ...ONLY_PINNED_CHECKS]);
    expect(code).toBe(1);
    const report = parseJson<JsonReport>(out);
    expect(report.complete).toBe(false);
    expect(report.account).toBe('123456789012');
    expect(report.errors).toEqual([
      { operation: 'GetBucketVersioning', resource: 'arn:aws:s3:::denied', code: 'AccessDenied', message: 'Access Denied' },
    ]);
    const verdicts = report.findings.map((f) => `${f.resource.name} ${f.checkId} ${f.status}`);
    expect(verdicts).toEqual([
      'denied bucket-default-encryption pass',
      'denied bucket-mfa-delete unknown',
      'denied bucket-versioning unknown',
      'good bucket-default-encryption pass',
      'good bucket-mfa-delete pass',
      'good bucket-versioning pass',
      'unversioned bucket-default-encryption pass',
      'unversioned bucket-mfa-delete fail',
      'unversioned bucket-versioning fail',
    ]);
  });

  it('runs a check the snapshot has no data for as unknown, naming what is missing', async () => {
    const dir = tempDir();
    const path = join(dir, 'narrow.jsonl');
    const header = JSON.stringify({
      kind: 's3-audit-snapshot', schemaVersion: 1, tool: { name: 's3-audit', version: '0' }, collectedAt: '2026-01-01T00:00:00Z',
      account: { accountId: '123456789012', partition: 'aws', region: 'us-east-1' }, collected: ['versioning'],
    });
    writeFileSync(path, `${header}\n${JSON.stringify({ type: 'bucket', bucket: { name: 'b', region: 'us-east-1', versioning: { state: 'present', value: { status: 'Enabled' } } } })}\n`);
    const { out, code } = await cli(['scan', '--snapshot', path, '--format', 'json', '--checks', 'bucket-default-encryption']);
    expect(code).toBe(3);
    expect(parseJson<JsonReport>(out).findings[0]?.message).toBe('The snapshot does not contain encryption; collect it again with this check selected.');
  });

  it('--save-snapshot of a replay writes an identical, owner-only snapshot', async () => {
    const snapshot = writeSnapshot([compliant, unversioned]);
    const copy = join(tempDir(), 'copy.jsonl');
    const { code, err } = await cli(['scan', '--snapshot', snapshot, '--save-snapshot', copy, '--format', 'json', ...ONLY_PINNED_CHECKS]);
    expect(code).toBe(1);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(snapshot, 'utf8'));
    expect(err).toContain('it contains bucket policies');
  });

  it('--output writes the report file and leaves stdout empty and no temp file behind', async () => {
    const snapshot = writeSnapshot([compliant]);
    const dir = tempDir();
    const output = join(dir, 'report.json');
    const { code, out } = await cli(['scan', '--snapshot', snapshot, '--format', 'json', ...ONLY_PINNED_CHECKS, '--output', output]);
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(parseJson<JsonReport>(readFileSync(output, 'utf8')).complete).toBe(true);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('--output into a missing directory is a usage error naming the file', async () => {
    const snapshot = writeSnapshot([compliant]);
    const { code, err } = await cli(['scan', '--snapshot', snapshot, '--output', '/nonexistent/dir/r.json']);
    expect(code).toBe(2);
    expectOneLineError(err, /--output \/nonexistent\/dir\/r.json: cannot write \(ENOENT/);
  });
});

describe('malformed snapshots exit 2 naming the file, the line and the problem', () => {
  const header = JSON.stringify({
    kind: 's3-audit-snapshot', schemaVersion: 1, tool: { name: 's3-audit', version: '0' }, collectedAt: '2026-01-01T00:00:00Z',
    account: { accountId: '123456789012', partition: 'aws', region: 'us-east-1' }, collected: ['versioning'],
  });
  it.each([
    ['an empty file', '', /empty.jsonl: empty file, expected an s3-audit snapshot/],
    ['a file that is not a snapshot', '{"hello":1}\n', /:1: not an s3-audit snapshot/],
    ['a line that is not JSON', `${header}\n{"type":"bucket",\n`, /:2: not valid JSON/],
    ['a newer schema version', header.replace('"schemaVersion":1', '"schemaVersion":2'), /:1: snapshot schema version 2 was written by a newer s3-audit.*upgrade/],
    ['a record of an unknown type', `${header}\n\n{"type":"bucketz"}\n`, /:3: invalid snapshot record: type: /],
    ['a bucket without a region', `${header}\n{"type":"bucket","bucket":{"name":"b"}}\n`, /:2: invalid snapshot record: bucket.region: /],
    ['a bucket with a key the schema does not know', `${header}\n{"type":"bucket","bucket":{"name":"b","region":"r","versionning":{"state":"absent"}}}\n`, /:2: invalid snapshot record: bucket: Unrecognized key: "versionning"/],
    ['a versioning status AWS does not have', `${header}\n{"type":"bucket","bucket":{"name":"b","region":"r","versioning":{"state":"present","value":{"status":"On"}}}}\n`, /:2: invalid snapshot record: bucket.versioning/],
  ])('%s', async (_name, content, message) => {
    const path = join(tempDir(), 'empty.jsonl');
    writeFileSync(path, content);
    const { code, err } = await cli(['scan', '--snapshot', path]);
    expect(code).toBe(2);
    expectOneLineError(err, message);
  });

  it('a malformed snapshot writes no partial --save-snapshot or --output file', async () => {
    const dir = tempDir();
    const path = join(dir, 'bad.jsonl');
    writeFileSync(path, `${header}\n{"type":"bucket","bucket":{"name":"b"}}\n`);
    const { code } = await cli(['scan', '--snapshot', path, '--save-snapshot', join(dir, 'out.jsonl'), '--output', join(dir, 'r.txt')]);
    expect(code).toBe(2);
    expect(existsSync(join(dir, 'out.jsonl'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['bad.jsonl']);
  });
});
