import { closeSync, mkdirSync, openSync, readdirSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.ts';
import { MAX_FILE_BYTES } from '../../src/cli/files.ts';
import { present } from '../../src/snapshot/observed.ts';
import { useFakeCredentials } from '../collect/support.ts';
import { startAwsEndpoint } from '../support/aws-endpoint/index.ts';
import { memoryIo } from '../support/memory-io.ts';
import { ONLY_PINNED_CHECKS } from '../support/pinned-checks.ts';
import { tempDir, writeSnapshot } from '../support/snapshot-file.ts';

/** Input files s3-audit refuses: exit 2, one line naming the flag, the file and the reason, nothing written. */

const bucket = {
  name: 'b',
  region: 'us-east-1',
  encryption: present({ rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] }),
  versioning: present({ status: 'Enabled' as const, mfaDelete: 'Enabled' as const }),
  lifecycle: { state: 'absent' as const },
};

/** A file of `size` bytes that takes no disk space (its content reads as NUL bytes). */
function sparseFile(path: string, size: number): string {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
  return path;
}

async function scanIn(dir: string, args: readonly string[]) {
  const io = memoryIo({ cwd: dir });
  // The snapshot lives elsewhere: `dir` must hold only what the test put there.
  const code = await main(['scan', '--snapshot', writeSnapshot([bucket]), ...ONLY_PINNED_CHECKS, ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('input files that are too large, unreadable or not what they claim exit 2', () => {
  it.each<[string, (dir: string) => string[], RegExp]>([
    [
      'a --config file over 1 MiB',
      (dir) => ['--config', sparseFile(join(dir, 'big.yml'), MAX_FILE_BYTES.config + 1)],
      /^s3-audit: error: --config \S+big\.yml: 1048577 bytes, more than the 1 MiB s3-audit reads from such a file$/,
    ],
    [
      'a .s3-audit.yml over 1 MiB',
      (dir) => (sparseFile(join(dir, '.s3-audit.yml'), MAX_FILE_BYTES.config + 1), []),
      /^s3-audit: error: config file \S+\.s3-audit\.yml: 1048577 bytes, more than the 1 MiB s3-audit reads from such a file$/,
    ],
    [
      'a --baseline over 256 MiB',
      (dir) => ['--baseline', sparseFile(join(dir, 'baseline.json'), MAX_FILE_BYTES.baseline + 1)],
      /^s3-audit: error: --baseline \S+baseline\.json: 268435457 bytes, more than the 256 MiB s3-audit reads from such a file$/,
    ],
    [
      'a --config that is a directory',
      (dir) => (mkdirSync(join(dir, 'conf.d')), ['--config', join(dir, 'conf.d')]),
      /^s3-audit: error: --config \S+conf\.d: cannot read \(EISDIR/,
    ],
    [
      'a --config of binary bytes',
      (dir) => (writeFileSync(join(dir, 'bin.yml'), Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x5b, 0x0a, 0x3a, 0x3a])), ['--config', join(dir, 'bin.yml')]),
      /^s3-audit: error: \S+bin\.yml:\d+:\d+: /,
    ],
    [
      'a baseline from a newer s3-audit',
      (dir) => (writeFileSync(join(dir, 'b.json'), JSON.stringify({ kind: 's3-audit-baseline', schemaVersion: 99, entries: [] })), ['--baseline', join(dir, 'b.json')]),
      /^s3-audit: error: --baseline \S+b\.json: baseline schema version 99 was written by a newer s3-audit; upgrade s3-audit$/,
    ],
    [
      'a baseline entry with a field of the wrong type',
      (dir) => {
        const baseline = { kind: 's3-audit-baseline', schemaVersion: 1, tool: { name: 's3-audit', version: '0' }, createdAt: '2026-01-01T00:00:00Z', account: '123456789012', entries: [{ fingerprint: 42 }] };
        writeFileSync(join(dir, 'b.json'), JSON.stringify(baseline));
        return ['--baseline', join(dir, 'b.json')];
      },
      /^s3-audit: error: --baseline \S+b\.json: invalid baseline: entries\[0\]\.fingerprint: /,
    ],
  ])('%s', async (_case, setUp, message) => {
    const dir = tempDir();
    const args = setUp(dir);
    const before = readdirSync(dir).sort();
    const { code, out, err } = await scanIn(dir, [...args, '--output', join(dir, 'report.txt')]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trimEnd()).toMatch(message);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('a --snapshot whose line exceeds 16 MiB (not a file s3-audit wrote): exit 2 naming the line', async () => {
    const dir = tempDir();
    const path = sparseFile(join(dir, 'huge.jsonl'), MAX_FILE_BYTES.snapshotLine + 1024);
    const io = memoryIo({ cwd: dir });
    const code = await main(['scan', '--snapshot', path], io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/^s3-audit: error: --snapshot \S+huge\.jsonl:1: a line longer than 16 MiB; not a file s3-audit wrote\n$/);
  });

  it('a --snapshot that is a directory: exit 2, cannot read', async () => {
    const io = memoryIo();
    const code = await main(['scan', '--snapshot', tempDir()], io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/^s3-audit: error: --snapshot \S+: cannot read \(EISDIR/);
  });
});

describe('a bug or an interrupt inside main()', () => {
  it('an unexpected error prints one line saying it is a bug and where to report it: exit 2, no stack trace', async () => {
    const dir = tempDir();
    const io = memoryIo();
    const failing = { ...io, stdout: { write: () => { throw new TypeError('stdout exploded'); } } };
    const code = await main(['scan', '--snapshot', writeSnapshot([bucket], dir), ...ONLY_PINNED_CHECKS], failing);
    expect(code).toBe(2);
    expect(io.err()).toBe(
      "s3-audit: internal error: TypeError: stdout exploded — this is a bug in s3-audit; please report it to the project's issue tracker with the command you ran (never your credentials)\n",
    );
  });

  it('an interrupt during a replay: exit 130, no report and no snapshot written', async () => {
    const dir = tempDir();
    const snapshot = writeSnapshot([bucket], dir);
    const interrupt = new AbortController();
    interrupt.abort();
    const io = { ...memoryIo(), interrupt: interrupt.signal };
    const code = await main(['scan', '--snapshot', snapshot, '--output', join(dir, 'r.json'), '--save-snapshot', join(dir, 'copy.jsonl')], io);
    expect(code).toBe(130);
    expect(io.err()).toBe('s3-audit: interrupted: the scan stopped before it finished; no report, snapshot or baseline was written\n');
    expect(readdirSync(dir)).toEqual(['snapshot.jsonl']);
  });

  it('an interrupt during collection clears the progress line before saying it stopped: exit 130', async () => {
    useFakeCredentials();
    const slow = { GetBucketVersioning: { kind: 'delay', ms: 10_000 } } as const;
    const endpoint = await startAwsEndpoint({ accountId: '123456789012', buckets: [{ name: 'quick', region: 'us-east-1' }, { name: 'stuck', region: 'us-east-1', faults: slow }] });
    try {
      const interrupt = new AbortController();
      const io = { ...memoryIo({ tty: true }), interrupt: interrupt.signal };
      const running = main(['scan', '--endpoint-url', endpoint.url, '--region', 'us-east-1', '--checks', 'bucket-versioning'], io);
      while (!io.err().includes('1/2 buckets')) await new Promise((resolve) => setTimeout(resolve, 20));
      interrupt.abort();
      expect(await running).toBe(130);
      // cli-progress clears its bar (cursor to column 1, erase the line) before the message.
      const clearLine = '\u001b[1G\u001b[2K';
      expect(io.err()).toContain('1/2 buckets');
      expect(io.err().endsWith(`${clearLine}s3-audit: interrupted: the scan stopped before it finished; no report, snapshot or baseline was written\n`)).toBe(true);
      expect(io.out()).toBe('');
    } finally {
      await endpoint.close();
    }
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
});
