import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Baseline } from '../../src/baseline/baseline.ts';
import { main } from '../../src/cli.ts';
import { present } from '../../src/snapshot/observed.ts';
import type { BucketState } from '../../src/snapshot/types.ts';
import type { JsonReport } from '../../src/report/types.ts';
import { parseJson } from '../support/json.ts';
import { memoryIo } from '../support/memory-io.ts';
import { tempDir, writeSnapshot } from '../support/snapshot-file.ts';
import { SKIP_UNPINNED_CHECKS } from '../support/pinned-checks.ts';

const sseS3 = present({ rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] });
const compliant: BucketState = {
  name: 'good',
  region: 'us-east-1',
  encryption: sseS3,
  versioning: present({ status: 'Enabled', mfaDelete: 'Enabled' }),
  lifecycle: { state: 'absent', code: 'NoSuchLifecycleConfiguration' },
};
// Fails bucket-versioning and bucket-mfa-delete (both medium); passes bucket-default-encryption.
const unversioned = (name: string): BucketState => ({ ...compliant, name, versioning: present({}) });

/** A working directory holding a snapshot and, when given, a `.s3-audit.yml`. */
function workspace(buckets: readonly BucketState[], config?: string): { dir: string; snapshot: string } {
  const dir = tempDir();
  if (config !== undefined) writeFileSync(join(dir, '.s3-audit.yml'), config);
  return { dir, snapshot: writeSnapshot(buckets, dir) };
}

async function cli(dir: string, args: readonly string[]) {
  const io = memoryIo({ cwd: dir });
  const code = await main(args[0] === 'scan' && !args.includes('--help') ? [...args, ...SKIP_UNPINNED_CHECKS] : args, io);
  return { code, out: io.out(), err: io.err() };
}

const yaml = (...rows: string[]): string => `${rows.join('\n')}\n`;

const suppressLogs = (expires = '2999-12-31') =>
  yaml(
    'suppressions:',
    '  - check: bucket-*',
    "    resource: 'arn:aws:s3:::logs-*'",
    '    reason: Log buckets are write-once',
    `    expires: ${expires}`,
  );

describe('scan with a config file (through main)', () => {
  it.each<[string, BucketState[], string, string[], number]>([
    ['a failure that a suppression covers → 0', [unversioned('logs-2024')], suppressLogs(), [], 0],
    ['a failure next to a suppressed one → 1', [unversioned('logs-2024'), unversioned('data')], suppressLogs(), [], 1],
    ['an expired suppression covers nothing → 1', [unversioned('logs-2024')], suppressLogs('2020-01-01'), [], 1],
    ['enabled: false turns the failing checks off → 0', [unversioned('data')], yaml('checks:', '  bucket-versioning: {enabled: false}', '  bucket-mfa-delete: {enabled: false}'), [], 0],
    ['--checks wins over enabled: false → 1', [unversioned('data')], yaml('checks:', '  bucket-versioning: {enabled: false}'), ['--checks', 'bucket-versioning'], 1],
    ['a lowered severity drops below --fail-on → 0', [unversioned('data')], yaml('checks:', '  bucket-versioning: {severity: low}', '  bucket-mfa-delete: {severity: low}'), ['--fail-on', 'medium'], 0],
    ['a raised severity reaches --fail-on → 1', [unversioned('data')], yaml('checks:', '  bucket-versioning: {severity: critical}'), ['--fail-on', 'critical'], 1],
    ['--no-config ignores .s3-audit.yml → 1', [unversioned('logs-2024')], suppressLogs(), ['--no-config'], 1],
  ])('%s', async (_name, buckets, config, args, expected) => {
    const { dir, snapshot } = workspace(buckets, config);
    const { code } = await cli(dir, ['scan', '--snapshot', snapshot, '--format', 'json', ...args]);
    expect(code).toBe(expected);
  });

  it('JSON keeps suppressed findings with their reason and counts them in the summary', async () => {
    const { dir, snapshot } = workspace([unversioned('logs-2024')], suppressLogs());
    const { out, err } = await cli(dir, ['scan', '--snapshot', snapshot, '--format', 'json']);
    expect(err).toBe('');
    const report = parseJson<JsonReport>(out);
    expect(report.findings.filter((f) => f.status === 'fail').map((f) => [f.checkId, f.suppression])).toEqual([
      ['bucket-mfa-delete', { reason: 'Log buckets are write-once', expires: '2999-12-31' }],
      ['bucket-versioning', { reason: 'Log buckets are write-once', expires: '2999-12-31' }],
    ]);
    expect(report.summary).toMatchObject({ suppressed: 2, byStatus: { fail: 0, pass: 1, unknown: 0 } });
  });

  it('warns on stderr, at the entry, when a suppression has expired', async () => {
    const { dir, snapshot } = workspace([unversioned('logs-2024')], suppressLogs('2020-01-01'));
    const { err } = await cli(dir, ['scan', '--snapshot', snapshot, '--format', 'json', '--quiet']);
    expect(err).toBe(
      "s3-audit: warning: .s3-audit.yml:2:5: suppression of bucket-* on arn:aws:s3:::logs-* expired on 2020-01-01; its findings count again (renew the date or fix them)\n",
    );
  });

  it('warns when a suppression matched no failing finding, but not when --bucket narrowed the scan', async () => {
    const { dir, snapshot } = workspace([compliant, unversioned('data')], suppressLogs());
    const whole = await cli(dir, ['scan', '--snapshot', snapshot, '--format', 'json']);
    expect(whole.err).toBe(
      's3-audit: warning: .s3-audit.yml:2:5: suppression of bucket-* on arn:aws:s3:::logs-* matched no failing finding; remove it if the issue is fixed\n',
    );
    const narrowed = await cli(dir, ['scan', '--snapshot', snapshot, '--format', 'json', '--bucket', 'data']);
    expect(narrowed.err).toBe('');
  });

  it('the table counts suppressed findings; --show-suppressed lists them with the reason', async () => {
    const { dir, snapshot } = workspace([unversioned('logs-2024')], suppressLogs());
    const plain = await cli(dir, ['scan', '--snapshot', snapshot]);
    expect(plain.out).toContain('Suppressed by the config file, not counted above: 2 failing findings (list them with --show-suppressed).');
    expect(plain.out).not.toContain('Log buckets are write-once');
    const shown = await cli(dir, ['scan', '--snapshot', snapshot, '--show-suppressed']);
    expect(shown.out).toContain('Suppressed (2 on 1 resource)');
    expect(shown.out).toContain('Suppressed: Log buckets are write-once (until 2999-12-31)');
    expect(shown.code).toBe(0);
  });

  it('--config reads another file, and its mistakes exit 2 with file:line:col before anything is scanned', async () => {
    const { dir, snapshot } = workspace([unversioned('data')]);
    writeFileSync(join(dir, 'audit.yml'), yaml('checks:', '  bucket-versioning:', '    severity: urgent'));
    const { code, out, err } = await cli(dir, ['scan', '--snapshot', snapshot, '--config', join(dir, 'audit.yml')]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(
      `s3-audit: error: ${join(dir, 'audit.yml')}:3:15: checks.bucket-versioning.severity: expected one of critical, high, medium, low, info, got 'urgent'\n`,
    );
  });

  it.each([
    ['a missing --config file', ['--config', '/nonexistent/audit.yml'], undefined, /^s3-audit: error: --config \/nonexistent\/audit.yml: cannot read \(ENOENT/],
    ['an unknown check id in .s3-audit.yml', [], yaml('checks:', '  bucket-versoning: {enabled: false}'), /^s3-audit: error: \.s3-audit\.yml:2:3: checks\.bucket-versoning: unknown check id \(did you mean bucket-versioning\?\)\n$/],
    ['invalid YAML in .s3-audit.yml', [], 'checks: [\n', /^s3-audit: error: \.s3-audit\.yml:2:1: invalid YAML: /],
  ])('%s → exit 2, one line', async (_name, args, config, message) => {
    const { dir, snapshot } = workspace([compliant], config);
    const { code, err } = await cli(dir, ['scan', '--snapshot', snapshot, ...args]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('scan with a baseline (through main)', () => {
  it('--write-baseline records the failing findings, leaves the exit code alone, and --baseline then gates on new ones only', async () => {
    const { dir, snapshot } = workspace([compliant, unversioned('legacy')]);
    const baselinePath = join(dir, 'baseline.json');
    const written = await cli(dir, ['scan', '--snapshot', snapshot, '--format', 'json', '--write-baseline', baselinePath]);
    expect(written.code).toBe(1);
    expect(written.err).toBe(`s3-audit: wrote baseline of 2 failing findings to ${baselinePath}\n`);
    const baseline = parseJson<Baseline>(readFileSync(baselinePath, 'utf8'));
    expect(baseline).toMatchObject({ kind: 's3-audit-baseline', schemaVersion: 1, tool: { name: 's3-audit' }, account: '123456789012' });
    expect(baseline.entries.map((entry) => [entry.checkId, entry.resource])).toEqual([
      ['bucket-mfa-delete', 'arn:aws:s3:::legacy'],
      ['bucket-versioning', 'arn:aws:s3:::legacy'],
    ]);
    expect(readdirSync(dir).sort()).toEqual(['baseline.json', 'snapshot.jsonl']);

    const same = await cli(dir, ['scan', '--snapshot', snapshot, '--format', 'json', '--baseline', baselinePath]);
    expect(same.code).toBe(0);
    const report = parseJson<JsonReport>(same.out);
    expect(report.summary.baseline).toEqual({ new: 0, known: 2 });
    expect(report.findings.filter((f) => f.status === 'fail').map((f) => f.baseline)).toEqual(['known', 'known']);

    const grown = workspace([compliant, unversioned('legacy'), unversioned('added')]);
    const table = await cli(grown.dir, ['scan', '--snapshot', grown.snapshot, '--baseline', baselinePath]);
    expect(table.code).toBe(1);
    expect(table.out).toMatch(/ {2}added {2}us-east-1\n {4}MEDIUM {4}bucket-mfa-delete {2}\(new\)\n/);
    expect(table.out).toContain('✗ 4 failing (4 medium), 2 new since the baseline');
  });

  it('--baseline and --write-baseline may name the same file: it gates on the old one, then replaces it', async () => {
    const { dir, snapshot } = workspace([unversioned('legacy')]);
    const path = join(dir, 'baseline.json');
    writeFileSync(path, JSON.stringify({ kind: 's3-audit-baseline', schemaVersion: 1, tool: { name: 's3-audit', version: '0' }, createdAt: 'x', account: '123456789012', entries: [] }));
    const { code } = await cli(dir, ['scan', '--snapshot', snapshot, '--baseline', path, '--write-baseline', path, '--quiet']);
    expect(code).toBe(1);
    expect(parseJson<Baseline>(readFileSync(path, 'utf8')).entries).toHaveLength(2);
  });

  it('warns when the baseline was written for another account', async () => {
    const { dir, snapshot } = workspace([compliant]);
    const path = join(dir, 'baseline.json');
    writeFileSync(path, JSON.stringify({ kind: 's3-audit-baseline', schemaVersion: 1, tool: { name: 's3-audit', version: '0' }, createdAt: 'x', account: '999999999999', entries: [] }));
    const { err } = await cli(dir, ['scan', '--snapshot', snapshot, '--format', 'json', '--baseline', path]);
    expect(err).toBe(`s3-audit: warning: --baseline ${path} was written for account 999999999999, this scan is of 123456789012: every failing finding counts as new\n`);
  });

  it.each([
    ['a missing baseline', undefined, /^s3-audit: error: --baseline \S+missing\.json: cannot read \(ENOENT/],
    ['a baseline that is not JSON', 'not json', /^s3-audit: error: --baseline \S+missing\.json: not valid JSON \(/],
    ['a JSON report given as a baseline', '{"schemaVersion":1,"findings":[]}', /^s3-audit: error: --baseline \S+missing\.json: not an s3-audit baseline/],
  ])('%s → exit 2 with the path and the reason', async (_name, content, message) => {
    const { dir, snapshot } = workspace([unversioned('legacy')]);
    const path = join(dir, 'missing.json');
    if (content !== undefined) writeFileSync(path, content);
    const { code, out, err } = await cli(dir, ['scan', '--snapshot', snapshot, '--baseline', path]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('--write-baseline into a missing directory fails before the scan, writing nothing', async () => {
    const { dir, snapshot } = workspace([unversioned('legacy')]);
    const { code, out, err } = await cli(dir, ['scan', '--snapshot', snapshot, '--write-baseline', '/nonexistent/dir/b.json']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^s3-audit: error: --write-baseline \/nonexistent\/dir\/b.json: cannot write \(ENOENT/);
    expect(existsSync('/nonexistent/dir/b.json')).toBe(false);
  });
});

describe('scan --help explains the config file and baselines', () => {
  it('names the options, the default file and the precedence rule', async () => {
    const { code, out } = await cli(tempDir(), ['scan', '--help']);
    expect(code).toBe(0);
    for (const text of ['--config <file>', '.s3-audit.yml in the working directory', '--no-config', '--show-suppressed', '--baseline <file>', '--write-baseline <file>', '--checks and --skip-checks win over', 'expires: 2026-12-31']) {
      expect(out).toContain(text);
    }
  });
});
