import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.ts';
import { escapeMarkdown, MARKDOWN_MAX_BYTES, renderMarkdown } from '../../src/report/markdown.ts';
import { bucket, finding, reportOf } from './fixture-report.ts';

const LOGS = bucket('acme-prod-logs', 'us-east-1');
const ALL = { minSeverity: 'info' } as const;

function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(heading));
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line.startsWith('### ') || line.startsWith('<details>'));
  return start === -1 ? [] : rest.slice(0, end === -1 ? undefined : end).filter((line) => line.startsWith('| '));
}

describe('Markdown report', () => {
  it('names the shard of a --shard report among its facts (one job summary per matrix job)', () => {
    const markdown = renderMarkdown(reportOf([], { finishedAt: 'not a date', shard: { index: 3, count: 8 } }), ALL);
    expect(markdown.split('\n')[2]).toBe('account 123456789012 · partition aws · shard 3/8 · 0 resources · 0 checks · s3-audit 0.1.0');
  });

  it('counts suppressed findings in their own column and lists them apart, never as failures', () => {
    const accepted: Finding = {
      ...finding(LOGS, 'bucket-versioning', 'medium', 'fail'),
      suppression: { reason: 'logs are re-creatable', expires: '2026-12-31' },
    };
    const markdown = renderMarkdown(reportOf([accepted, finding(LOGS, 'bucket-tls-only', 'high', 'pass')]), ALL);
    expect(markdown).toContain('## S3 audit: ✅ No failing findings (1 check passed)');
    expect(markdown).toContain('| medium | 0 | 0 | 1 | 0 |');
    expect(markdown).not.toContain('### Failing findings');
    expect(markdown).toContain(
      '<details><summary>Suppressed (1)</summary>\n\n| verdict | check | resource | reason |\n|---|---|---|---|\n' +
        '| fail | `bucket-versioning` | acme-prod-logs<br>arn:aws:s3:::acme-prod-logs | logs are re-creatable (until 2026-12-31) |\n\n</details>',
    );
  });

  it('marks failing findings known from the baseline', () => {
    const markdown = renderMarkdown(
      reportOf([{ ...finding(LOGS, 'bucket-versioning', 'medium', 'fail', 'Versioning was never enabled.'), baseline: 'known' }]),
      ALL,
    );
    expect(markdown).toContain('1 of the failing findings are known from the baseline and marked (known).');
    expect(section(markdown, '### Failing findings')).toEqual([
      '| severity | check | resource | region | detail |',
      '| medium (known) | `bucket-versioning` | acme-prod-logs<br>arn:aws:s3:::acme-prod-logs | us-east-1 | Versioning was never enabled. |',
    ]);
  });

  it('lists only findings at or above --severity and says how many it left out', () => {
    const markdown = renderMarkdown(
      reportOf([finding(LOGS, 'bucket-versioning', 'medium', 'fail'), finding(LOGS, 'bucket-key-enabled', 'low', 'fail')]),
      { minSeverity: 'medium' },
    );
    expect(markdown).toContain('1 failing or unknown finding below medium not listed.');
    expect(section(markdown, '### Failing findings').map((row) => row.split(' | ')[1])).toEqual(['check', '`bucket-versioning`']);
  });

  it.each([
    ['HTML', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['a pipe that would split the cell', 'a | b', 'a \\| b'],
    ['a line break that would end the row', 'a\nb\r\nc', 'a b c'],
    ['emphasis, links and code', '*x* _y_ [z](http://e) `c`', '\\*x\\* \\_y\\_ \\[z\\](http://e) \\`c\\`'],
    ['math and an existing entity', '$x$ &amp;', '\\$x\\$ &amp;amp;'],
  ])('renders %s from AWS literally', (_, text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  it(`stays under GitHub's 1 MiB step-summary limit and says how many rows it left out`, () => {
    const many = Array.from({ length: 6000 }, (_, i) =>
      finding(bucket(`bucket-${String(i).padStart(5, '0')}`, 'us-east-1'), 'bucket-versioning', 'medium', 'fail', 'x'.repeat(200)),
    );
    const markdown = renderMarkdown(reportOf(many, { notes: ['A note that must survive truncation.'] }), ALL);
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
    const shown = section(markdown, '### Failing findings').length - 1;
    expect(shown).toBeGreaterThan(3000);
    expect(markdown).toContain(`**${6000 - shown} more rows not shown:** the summary must stay under GitHub's 1 MiB limit.`);
    expect(markdown).toContain('- A note that must survive truncation.');
  });
});
