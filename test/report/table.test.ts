import { describe, expect, it } from 'vitest';
import type { Finding, ResourceRef, Severity } from '../../src/checks/types.ts';
import { renderTable } from '../../src/report/table.ts';
import type { RenderOptions } from '../../src/report/types.ts';
import { bucket, finding, FIXTURE_REPORT, reportOf } from './fixture-report.ts';

const PLAIN: RenderOptions = { minSeverity: 'info', color: false, checks: [] };
// eslint-disable-next-line no-control-regex -- looking for escape sequences is the point
const ANSI = /\u001b\[/;
const SEVERITY_WORD = /^ {4}(CRITICAL|HIGH|MEDIUM|LOW|INFO) +(\S+)$/;

/** The non-blank lines of one section: after its title, up to the next unindented line. */
function section(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(title));
  if (start === -1) return [];
  const end = lines.findIndex((line, i) => i > start && /^\S/.test(line));
  return lines.slice(start + 1, end === -1 ? undefined : end).filter((line) => line !== '');
}

/** check ids listed in a section, each with the severity word on its line. */
function listed(text: string, title: string): { severity: string; checkId: string }[] {
  return section(text, title).flatMap((line) => {
    const match = SEVERITY_WORD.exec(line);
    return match?.[1] !== undefined && match[2] !== undefined ? [{ severity: match[1], checkId: match[2] }] : [];
  });
}

describe('renderTable', () => {
  it('prints no ANSI escapes when color is off', () => {
    expect(renderTable(FIXTURE_REPORT, PLAIN)).not.toMatch(ANSI);
    expect(renderTable(FIXTURE_REPORT, { ...PLAIN, color: true })).toMatch(ANSI);
  });

  it('escapes control characters from AWS-supplied text instead of passing them to the terminal', () => {
    const hostile = finding(bucket('b', 'us-east-1'), 'bucket-policy-public', 'high', 'fail', 'bad \u001b[2J\u001b]8;;http://x\u0007 end\r\nnext');
    const text = renderTable(reportOf([hostile]), PLAIN);
    expect(text).not.toMatch(ANSI);
    expect(text).not.toContain('\u0007');
    expect(text).not.toContain('\r');
    expect(text).toContain('bad \\u001b[2J\\u001b]8;;http://x\\u0007 end next');
  });

  it('prints the severity word on the line of every failing finding', () => {
    const failing = FIXTURE_REPORT.findings.filter((f) => f.status === 'fail');
    const lines = listed(renderTable(FIXTURE_REPORT, PLAIN), 'Failing findings');
    expect(lines).toHaveLength(failing.length);
    for (const f of failing) expect(lines).toContainEqual({ severity: f.severity.toUpperCase(), checkId: f.checkId });
  });

  it('lists unknown verdicts under "Could not evaluate" with their messages', () => {
    const text = renderTable(FIXTURE_REPORT, PLAIN);
    const unknown = FIXTURE_REPORT.findings.filter((f) => f.status === 'unknown');
    expect(listed(text, 'Could not evaluate').map((l) => l.checkId).sort()).toEqual(unknown.map((f) => f.checkId).sort());
    expect(section(text, 'Could not evaluate').join(' ')).toContain('GetBucketPolicy failed with AccessDenied');
  });

  it.each<[Severity, number, string | undefined]>([
    ['info', 13, undefined],
    ['low', 12, '  Not listed (below low): 1 failing.'],
    ['medium', 8, '  Not listed (below medium): 4 failing, 1 unknown.'],
    ['critical', 2, '  Not listed (below critical): 10 failing, 1 unknown.'],
  ])('minSeverity %s lists %i findings and says what it hid, but the summary counts everything', (min, count, hiddenLine) => {
    const text = renderTable(FIXTURE_REPORT, { ...PLAIN, minSeverity: min });
    const shown = [...listed(text, 'Failing findings'), ...listed(text, 'Could not evaluate')];
    expect(shown).toHaveLength(count);
    expect(text).toMatch(/^ {2}total +11 +2 +7 +20$/m);
    expect(text).toContain('✗ 11 failing (1 critical, 3 high, 3 medium, 3 low, 1 info), 2 unknown — scan incomplete');
    if (hiddenLine === undefined) expect(text).not.toContain('Not listed');
    else expect(text.split('\n')).toContain(hiddenLine);
  });

  it('groups findings by resource with its region, account first, worst finding first', () => {
    const text = renderTable(FIXTURE_REPORT, PLAIN);
    const headings = section(text, 'Failing findings').filter((line) => /^ {2}\S/.test(line));
    expect(headings).toEqual([
      '  account 123456789012  us-east-1',
      '  acme-eu-backups  eu-west-1',
      '  acme-eu-website  eu-west-1',
      '  acme-prod-assets  us-east-1',
      '  acme-prod-logs  us-east-1',
      '  multi-region-access-point acme-global',
    ]);
    const assets = section(text, 'Failing findings').join('\n').split('acme-prod-assets  us-east-1')[1] ?? '';
    expect([...assets.matchAll(/^ {4}([A-Z]+) /gm)].map((m) => m[1]).slice(0, 4)).toEqual(['CRITICAL', 'HIGH', 'LOW', 'INFO']);
  });

  it('shows access points under their bucket, and names the bucket of one whose bucket has no failing finding', () => {
    const accessPoint = (name: string, bucketName: string): ResourceRef => ({
      type: 'access-point',
      arn: `arn:aws:s3:us-east-1:123456789012:accesspoint/${name}`,
      name,
      region: 'us-east-1',
      account: '123456789012',
      bucket: bucketName,
    });
    const findings = [
      finding(accessPoint('team-z', 'acme-a'), 'access-point-network-origin', 'low', 'fail'),
      finding(bucket('acme-b', 'us-east-1'), 'bucket-versioning', 'medium', 'fail'),
      finding(accessPoint('team-b', 'acme-b'), 'access-point-policy-public', 'high', 'fail'),
      finding(bucket('acme-c', 'us-east-1'), 'bucket-versioning', 'medium', 'fail'),
    ];
    expect(section(renderTable(reportOf(findings), PLAIN), 'Failing findings')).toEqual([
      '  access-point team-z  us-east-1  bucket acme-a',
      '    LOW       access-point-network-origin',
      '              access-point-network-origin is fail on team-z.',
      '  acme-b  us-east-1',
      '    MEDIUM    bucket-versioning',
      '              bucket-versioning is fail on acme-b.',
      '    access-point team-b  us-east-1',
      '      HIGH      access-point-policy-public',
      '                access-point-policy-public is fail on team-b.',
      '  acme-c  us-east-1',
      '    MEDIUM    bucket-versioning',
      '              bucket-versioning is fail on acme-c.',
    ]);
  });

  it('keeps lines within 100 columns, except words that cannot be split', () => {
    const arn = `arn:aws:s3:::${'x'.repeat(90)}`;
    const long = finding(bucket('b', 'us-east-1'), 'bucket-tls-only', 'high', 'fail', `${'word '.repeat(60)}${arn} tail`);
    const text = renderTable(reportOf([...FIXTURE_REPORT.findings, long]), PLAIN);
    for (const line of text.split('\n')) {
      if (!line.includes(arn)) expect(line.length).toBeLessThanOrEqual(100);
    }
    expect(text.split('\n')).toContain(`              ${arn}`);
  });

  it.each<[string, Finding[], string]>([
    ['all pass', [finding(bucket('b', 'us-east-1'), 'bucket-versioning', 'medium', 'pass')], '✓ No failing findings (1 check passed)'],
    [
      'unknown but nothing failing',
      [finding(bucket('b', 'us-east-1'), 'bucket-versioning', 'medium', 'pass'), finding(bucket('b', 'us-east-1'), 'bucket-tls-only', 'high', 'unknown')],
      '! No failing findings, but 1 unknown — scan incomplete (1 passed)',
    ],
    ['failing and complete', [finding(bucket('b', 'us-east-1'), 'bucket-tls-only', 'high', 'fail')], '✗ 1 failing (1 high)'],
  ])('ends with one verdict line: %s', (_, findings, verdict) => {
    const lines = renderTable(reportOf(findings), PLAIN).trimEnd().split('\n');
    expect(lines.at(-1)).toBe(verdict);
  });

  it('renders an empty report (no buckets) as a sentence, not an empty table', () => {
    const text = renderTable(reportOf([]), PLAIN);
    expect(text).toBe(
      's3-audit 0.1.0 · account 123456789012 · partition aws · 0 resources · 0 checks · 12.4s\n\n' +
        'No resources were evaluated: nothing matched the selected buckets, regions and checks.\n',
    );
  });

  it('shows notes and the error count by code', () => {
    const text = renderTable(FIXTURE_REPORT, PLAIN);
    expect(section(text, 'Notes')).toEqual(['  • Bucket acme-tmp-upload was deleted during the scan; it is not in this report.']);
    expect(text).toContain('2 collection errors (AccessDenied ×2); details in the JSON report.');
  });

  it('leaves out the duration when the timestamps are unusable', () => {
    const text = renderTable(reportOf([], { finishedAt: 'not a date' }), PLAIN);
    expect(text.split('\n')[0]).toBe('s3-audit 0.1.0 · account 123456789012 · partition aws · 0 resources · 0 checks');
  });

  it('names the shard of a --shard report in the header', () => {
    const text = renderTable(reportOf([], { finishedAt: 'not a date', shard: { index: 2, count: 4 } }), PLAIN);
    expect(text.split('\n')[0]).toBe('s3-audit 0.1.0 · account 123456789012 · partition aws · shard 2/4 · 0 resources · 0 checks');
  });
});

describe('renderTable with suppressions and a baseline', () => {
  const logs = bucket('logs', 'us-east-1');
  const data = bucket('data', 'eu-west-1');
  const suppressed: Finding = {
    ...finding(logs, 'bucket-versioning', 'medium', 'fail', 'Versioning was never enabled.'),
    suppression: { reason: 'Log buckets are write-once.', expires: '2027-01-31' },
  };
  const failing = finding(data, 'bucket-versioning', 'medium', 'fail', 'Versioning is Suspended.');
  const passing = finding(data, 'bucket-mfa-delete', 'medium', 'pass');

  it('counts suppressed findings apart, says how to list them, and keeps them out of the failing list', () => {
    const report = reportOf([suppressed, failing, passing]);
    const text = renderTable(report, PLAIN);
    expect(text).toMatch(/^ {2}total +1 +- +1 +2$/m);
    expect(text).toContain('  Suppressed by the config file, not counted above: 1 failing finding (list them with --show-suppressed).');
    expect(listed(text, 'Failing findings')).toEqual([{ severity: 'MEDIUM', checkId: 'bucket-versioning' }]);
    expect(section(text, 'Failing findings').join('\n')).not.toContain('logs');
    expect(text).not.toContain('Suppressed (');
    expect(text.trimEnd().split('\n').at(-1)).toBe('✗ 1 failing (1 medium), 1 suppressed');
  });

  it('--show-suppressed lists them with their reason and date', () => {
    const text = renderTable(reportOf([suppressed, failing]), { ...PLAIN, showSuppressed: true });
    expect(text).toContain('  Suppressed by the config file, not counted above: 1 failing finding (listed below).');
    expect(section(text, 'Suppressed (1 on 1 resource)')).toEqual([
      '  logs  us-east-1',
      '    MEDIUM    bucket-versioning',
      '              Versioning was never enabled.',
      '              Suppressed: Log buckets are write-once. (until 2027-01-31)',
    ]);
  });

  it('a scan whose only failures are suppressed ends as a pass', () => {
    const text = renderTable(reportOf([suppressed, passing]), PLAIN);
    expect(text.trimEnd().split('\n').at(-1)).toBe('✓ No failing findings (1 check passed, 1 suppressed)');
  });

  const known: Finding = { ...failing, baseline: 'known' };
  const fresh: Finding = { ...finding(data, 'bucket-tls-only', 'high', 'fail', 'No TLS deny.'), baseline: 'new' };

  it('marks the failing findings a baseline does not know as (new), and counts them in the verdict', () => {
    const text = renderTable(reportOf([known, fresh], { baselineGiven: true }), PLAIN);
    expect(section(text, 'Failing findings')).toEqual([
      '  data  eu-west-1',
      '    HIGH      bucket-tls-only  (new)',
      '              No TLS deny.',
      '    MEDIUM    bucket-versioning',
      '              Versioning is Suspended.',
    ]);
    expect(text.trimEnd().split('\n').at(-1)).toBe('✗ 2 failing (1 high, 1 medium), 1 new since the baseline');
  });

  it('says so when every failing finding is in the baseline', () => {
    const text = renderTable(reportOf([known, passing], { baselineGiven: true }), PLAIN);
    expect(text.trimEnd().split('\n').at(-1)).toBe('✓ No new failing findings (1 failing, all in the baseline)');
  });
});
