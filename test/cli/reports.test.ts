import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import type { JsonReport } from '../../src/report/types.ts';
import { present } from '../../src/snapshot/observed.ts';
import type { BucketState } from '../../src/snapshot/types.ts';
import { parseJson } from '../support/json.ts';
import { assertWellFormedXml } from '../support/well-formed-xml.ts';
import { memoryIo } from '../support/memory-io.ts';
import { sarifProblems } from '../support/sarif-validation.ts';
import { tempDir, writeSnapshot } from '../support/snapshot-file.ts';
import { ONLY_PINNED_CHECKS } from '../support/pinned-checks.ts';

const unversioned: BucketState = {
  name: 'unversioned',
  region: 'us-east-1',
  encryption: present({ rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] }),
  versioning: present({}),
  lifecycle: { state: 'absent', code: 'NoSuchLifecycleConfiguration' },
};

async function cli(args: readonly string[], env: Record<string, string> = {}) {
  const io = memoryIo({ env });
  const code = await main(args[0] === 'scan' ? [...args, ...ONLY_PINNED_CHECKS] : args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('scan --report <format>=<file>', () => {
  it('writes a table to the terminal and SARIF, JSON, JUnit, Markdown and HTML files from one scan', async () => {
    const dir = tempDir();
    const snapshot = writeSnapshot([unversioned]);
    const path = (name: string) => join(dir, name);
    const { code, out, err } = await cli([
      'scan',
      '--snapshot', snapshot,
      '--no-progress',
      '--report', `sarif=${path('s3.sarif')}`,
      '--report', `json=${path('s3.json')}`,
      '--report', `junit=${path('s3.xml')}`,
      '--report', `markdown=${path('s3.md')}`,
      '--report', `html=${path('s3.html')}`,
    ]);
    expect(code).toBe(1);
    expect(out).toContain('Failing findings');
    expect(err).toBe(
      ['sarif s3.sarif', 'json s3.json', 'junit s3.xml', 'markdown s3.md', 'html s3.html']
        .map((pair) => pair.split(' '))
        .map(([format = '', file = '']) => `s3-audit: wrote ${format} report to ${path(file)}\n`)
        .join(''),
    );
    const sarif = readFileSync(path('s3.sarif'), 'utf8');
    expect(sarifProblems(sarif)).toEqual([]);
    // Rules come from the checks that ran, not only from those that failed.
    expect(parseJson<{ runs: { tool: { driver: { rules: { id: string }[] } } }[] }>(sarif).runs[0]?.tool.driver.rules.map((r) => r.id)).toEqual([
      'bucket-default-encryption',
      'bucket-mfa-delete',
      'bucket-versioning',
    ]);
    expect(parseJson<JsonReport>(readFileSync(path('s3.json'), 'utf8')).summary.byStatus).toEqual({ pass: 1, fail: 2, unknown: 0 });
    assertWellFormedXml(readFileSync(path('s3.xml'), 'utf8'));
    expect(readFileSync(path('s3.md'), 'utf8')).toMatch(/^## S3 audit: ❌ 2 failing \(2 medium\)\n/);
    expect(readFileSync(path('s3.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readdirSync(dir).sort()).toEqual(['s3.html', 's3.json', 's3.md', 's3.sarif', 's3.xml']);
  });

  it('--output keeps its --format while --report adds another file, and stdout stays empty', async () => {
    const dir = tempDir();
    const { code, out } = await cli([
      'scan', '--snapshot', writeSnapshot([unversioned]), '--format', 'junit', '--output', join(dir, 'out.xml'), '--report', `sarif=${join(dir, 'out.sarif')}`,
      '--sarif-category', 's3-audit/org-prod',
    ]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(readFileSync(join(dir, 'out.xml'), 'utf8')).toMatch(/^<\?xml/);
    const sarif = readFileSync(join(dir, 'out.sarif'), 'utf8');
    expect(sarifProblems(sarif)).toEqual([]);
    expect(parseJson<{ runs: { automationDetails: { id: string } }[] }>(sarif).runs[0]?.automationDetails.id).toBe('s3-audit/org-prod/');
  });

  it("warns on stderr, even with --quiet, when the SARIF report must leave findings out for GitHub's limit", async () => {
    // Two failing checks per bucket: 12,501 buckets make 25,002 failing findings.
    const buckets = Array.from({ length: 12_501 }, (_, i) => ({ ...unversioned, name: `b${String(i).padStart(5, '0')}` }));
    const sarif = join(tempDir(), 's3.sarif');
    const { code, err } = await cli(['scan', '--snapshot', writeSnapshot(buckets), '--quiet', '--format', 'json', '--output', join(tempDir(), 's3.json'), '--report', `sarif=${sarif}`]);
    expect(code).toBe(1);
    expect(err).toBe(
      's3-audit: warning: the SARIF report leaves out the 2 least severe failing findings: GitHub code scanning takes at most 25000 results per run; the other reports list them all\n',
    );
    expect(sarifProblems(readFileSync(sarif, 'utf8'))).toEqual([]);
  });

  it.each([
    ['no "="', ['--report', 'sarif'], '--report sarif: expected <format>=<file> with a format of table, json, sarif, junit, markdown, html'],
    ['an unknown format', ['--report', 'xml=r.xml'], '--report xml=r.xml: expected <format>=<file> with a format of table, json, sarif, junit, markdown, html'],
    ['no file name', ['--report', 'json='], '--report json=: expected <format>=<file> with a format of table, json, sarif, junit, markdown, html'],
    ['a directory that does not exist', ['--report', 'sarif=/nonexistent/dir/s3.sarif'], /^--report \/nonexistent\/dir\/s3.sarif: cannot write \(ENOENT/],
    ['a --sarif-category with a trailing slash', ['--sarif-category', 's3-audit/'], '--sarif-category s3-audit/: expected letters, digits, . _ - separated by /, e.g. s3-audit/org-prod'],
    ['one file for two reports', ['--output', 'same.json', '--report', 'sarif=same.json'], '--report same.json: --output writes that file already'],
  ])('refuses %s before any work, with one line and exit 2', async (_, args, message) => {
    const { code, out, err } = await cli(['scan', '--snapshot', '/nonexistent/never-read.jsonl', ...args]);
    expect(code).toBe(2);
    expect(out).toBe('');
    const line = err.trimEnd();
    expect(line.split('\n')).toHaveLength(1);
    expect(line.replace(/^s3-audit: error: /, '')).toMatch(typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message);
  });
});

describe('scan --github-summary', () => {
  it('appends the Markdown summary to $GITHUB_STEP_SUMMARY, keeping what earlier steps wrote', async () => {
    const summary = join(tempDir(), 'step_summary');
    writeFileSync(summary, '# Earlier step\n');
    const { code } = await cli(['scan', '--snapshot', writeSnapshot([unversioned]), '--github-summary', '--quiet'], {
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(code).toBe(1);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# Earlier step\n## S3 audit: ❌ 2 failing (2 medium)\n')).toBe(true);
    expect(text).toContain('| medium | `bucket-versioning` | unversioned<br>arn:aws:s3:::unversioned | us-east-1 |');
  });

  it('says it wrote nothing outside GitHub Actions', async () => {
    const { code, err } = await cli(['scan', '--snapshot', writeSnapshot([]), '--github-summary', '--format', 'json']);
    expect(code).toBe(0);
    expect(err).toBe('s3-audit: note: --github-summary: GITHUB_STEP_SUMMARY is not set (not a GitHub Actions step); no summary written\n');
  });

  it('fails early when the summary file cannot be written', async () => {
    const { code, err } = await cli(['scan', '--snapshot', writeSnapshot([]), '--github-summary'], {
      GITHUB_STEP_SUMMARY: '/nonexistent/dir/summary',
    });
    expect(code).toBe(2);
    expect(err).toMatch(/^s3-audit: error: --github-summary: GITHUB_STEP_SUMMARY \/nonexistent\/dir\/summary: cannot write \(ENOENT/);
    expect(existsSync('/nonexistent/dir/summary')).toBe(false);
  });
});
