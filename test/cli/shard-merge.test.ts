import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { FIXTURE_REPORT } from '../report/fixture-report.ts';
import { memoryIo } from '../support/memory-io.ts';
import { tempDir } from '../support/snapshot-file.ts';

async function cli(args: readonly string[], cwd = tempDir()) {
  const io = memoryIo({ cwd });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('--shard i/n: shard i of n, counted from 1', () => {
  const invalid = (value: string, reason: string): string =>
    `s3-audit: error: option '--shard <i/n>' argument '${value}' is invalid. ${reason} (see 's3-audit --help')\n`;

  it.each<[string, string]>([
    ['0/4', '--shard counts shards from 1 (1/4 … 4/4); with a 0-based job index such as JOB_COMPLETION_INDEX, pass $((JOB_COMPLETION_INDEX+1))/N.'],
    ['5/4', '--shard 5/4: there are only 4 shards (1/4 … 4/4).'],
    ['1/0', '--shard i/n needs n from 1 to 1000000.'],
    ['1/1000001', '--shard i/n needs n from 1 to 1000000.'],
    ['a/b', '--shard expects i/n, shard i of n counted from 1, e.g. --shard 1/4 (with a 0-based job index such as JOB_COMPLETION_INDEX, pass $((JOB_COMPLETION_INDEX+1))/N).'],
    ['2', '--shard expects i/n, shard i of n counted from 1, e.g. --shard 1/4 (with a 0-based job index such as JOB_COMPLETION_INDEX, pass $((JOB_COMPLETION_INDEX+1))/N).'],
    ['-1/4', '--shard expects i/n, shard i of n counted from 1, e.g. --shard 1/4 (with a 0-based job index such as JOB_COMPLETION_INDEX, pass $((JOB_COMPLETION_INDEX+1))/N).'],
    ['1.5/4', '--shard expects i/n, shard i of n counted from 1, e.g. --shard 1/4 (with a 0-based job index such as JOB_COMPLETION_INDEX, pass $((JOB_COMPLETION_INDEX+1))/N).'],
  ])('refuses --shard %s before any work: exit 2, one line', async (value, reason) => {
    const { code, out, err } = await cli(['scan', '--shard', value, '--snapshot', 'never-read.jsonl']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(invalid(value, reason));
  });

  it('scan --help and merge --help explain sharding', async () => {
    const scan = await cli(['scan', '--help']);
    expect(scan.out).toContain('--shard <i/n>');
    expect(scan.out).toContain("s3-audit merge shard-1.json shard-2.json shard-3.json shard-4.json --report sarif=s3.sarif");
    expect(scan.out).toContain('--progress');
    const merge = await cli(['merge', '--help']);
    expect(merge.code).toBe(0);
    expect(merge.out).toContain("Each report must be the JSON report of 's3-audit scan --shard i/n'");
    expect(merge.out).toContain('--fail-on <min>');
  });
});

describe('merge refuses input that is not a shard report: exit 2, naming the file and the reason', () => {
  const shard = (index: number, count: number) => JSON.stringify({ ...FIXTURE_REPORT, shard: { index, count } });

  // Messages name files as given: here absolute paths in a temporary directory, written DIR/.
  it.each<[string, Record<string, string>, string]>([
    ['a missing file', {}, 's3-audit: error: merge DIR/missing.json: cannot read (ENOENT: no such file or directory'],
    ['not JSON', { 'a.json': '{"schemaVersion": 1,' }, 's3-audit: error: DIR/a.json: not valid JSON ('],
    ['not a report', { 'a.json': '{"kind": "s3-audit-baseline"}' }, "s3-audit: error: DIR/a.json: not an s3-audit JSON report (write one with 's3-audit scan --format json --output FILE')\n"],
    ['a newer report schema', { 'a.json': '{"schemaVersion": 2, "findings": []}' }, 's3-audit: error: DIR/a.json: report schema version 2; this s3-audit reads version 1 (use the s3-audit that wrote it)\n'],
    [
      'a damaged report',
      { 'a.json': JSON.stringify({ ...FIXTURE_REPORT, shard: { index: 1, count: 2 }, findings: [{ ...FIXTURE_REPORT.findings.at(0), status: 'maybe' }] }) },
      's3-audit: error: DIR/a.json: invalid report: findings[0].status: Invalid option: expected one of "pass"|"fail"|"unknown"\n',
    ],
    ['a SARIF file', { 'a.json': '{"version": "2.1.0", "runs": []}' }, "s3-audit: error: DIR/a.json: not an s3-audit JSON report (write one with 's3-audit scan --format json --output FILE')\n"],
    ['a shard missing', { 'a.json': shard(1, 4), 'b.json': shard(2, 4), 'c.json': shard(4, 4) }, 's3-audit: error: shard 3/4 missing: merge needs all 4 shard reports\n'],
    ['an unsharded report', { 'a.json': JSON.stringify(FIXTURE_REPORT) }, "s3-audit: error: DIR/a.json: not a shard report (scanned without --shard); merge joins the JSON reports of 's3-audit scan --shard i/n'\n"],
  ])('%s', async (_name, files, message) => {
    const dir = tempDir();
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    const names = Object.keys(files);
    const { code, out, err } = await cli(['merge', ...(names.length === 0 ? ['missing.json'] : names).map((name) => join(dir, name))], dir);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.replaceAll(dir, 'DIR').slice(0, message.length)).toBe(message);
    expect(err.split('\n')).toHaveLength(2);
  });

  it('needs at least one report', async () => {
    const { code, err } = await cli(['merge']);
    expect(code).toBe(2);
    expect(err).toBe("s3-audit: error: missing required argument 'report.json' (see 's3-audit --help')\n");
  });
});

describe('merge gates like scan', () => {
  it.each<[string, string[], number]>([
    ['a failing finding at the default --fail-on low', [], 1],
    ['--fail-on none with unknown verdicts', ['--fail-on', 'none'], 3],
    ['--fail-on none --allow-incomplete', ['--fail-on', 'none', '--allow-incomplete'], 0],
  ])('%s', async (_name, flags, expected) => {
    const dir = tempDir();
    const only = join(dir, 'only.json');
    writeFileSync(only, JSON.stringify({ ...FIXTURE_REPORT, shard: { index: 1, count: 1 } }));
    const { code, out } = await cli(['merge', only, '--format', 'json', ...flags], dir);
    expect(code).toBe(expected);
    expect(JSON.parse(out)).toMatchObject({ summary: FIXTURE_REPORT.summary, complete: false });
  });
});
