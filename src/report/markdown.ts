import { SEVERITIES, type Finding } from '../checks/types.ts';
import { describeSuppression, outcomeOf, tallyOutcomes, type OutcomeTally } from './outcome.ts';
import { compareSeverity, meetsSeverity } from './severity.ts';
import { formatDuration, plural } from './text.ts';
import { accountFacts, showsAccounts } from './account-facts.ts';
import { shardFacts } from './shard-facts.ts';
import type { RenderOptions, Report } from './types.ts';

/**
 * GitHub refuses a step summary over 1 MiB; the budget leaves room for what else the same
 * step appends, and for the truncation note itself.
 */
export const MARKDOWN_MAX_BYTES = 1_000_000;

// Inline syntax only: block syntax (#, -, 1.) cannot start inside a table cell. $ starts math.
const MARKDOWN_SPECIAL = /[\\`*_[\]|~$]/g;

/**
 * Text from AWS (names, policy fragments, error details) rendered literally in a GFM table cell:
 * no markup, no HTML, no line break that would end the row.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_SPECIAL, (char) => `\\${char}`);
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function verdict(tally: OutcomeTally): string {
  const { fail, unknown, pass } = tally.total;
  if (fail > 0) {
    const bySeverity = SEVERITIES.filter((severity) => tally.bySeverity[severity].fail > 0).map(
      (severity) => `${tally.bySeverity[severity].fail} ${severity}`,
    );
    const incomplete = unknown > 0 ? `, ${unknown} unknown (scan incomplete)` : '';
    return `❌ ${fail} failing (${bySeverity.join(', ')})${incomplete}`;
  }
  if (unknown > 0) return `⚠️ No failing findings, but ${unknown} unknown: scan incomplete (${pass} passed)`;
  return `✅ No failing findings (${plural(pass, 'check')} passed)`;
}

function summaryTable(tally: OutcomeTally): string[] {
  const row = (label: string, counts: OutcomeTally['total']): string =>
    `| ${label} | ${counts.fail} | ${counts.unknown} | ${counts.suppressed} | ${counts.pass} |`;
  return [
    '| severity | fail | unknown | suppressed | pass |',
    '|---|--:|--:|--:|--:|',
    ...SEVERITIES.map((severity) => row(severity, tally.bySeverity[severity])),
    row('**total**', tally.total),
  ];
}

function resourceCell(finding: Finding, withAccount: boolean): string {
  const { resource } = finding;
  const account = withAccount && resource.type !== 'account' ? `<br>account ${escapeMarkdown(resource.account)}` : '';
  return `${escapeMarkdown(resource.name)}<br>${escapeMarkdown(resource.arn)}${account}`;
}

function regionCell(finding: Finding): string {
  return finding.resource.region === '' ? 'global' : escapeMarkdown(finding.resource.region);
}

function failingRow(finding: Finding, withAccount: boolean): string {
  const known = finding.baseline === 'known' ? ' (known)' : '';
  return `| ${finding.severity}${known} | \`${finding.checkId}\` | ${resourceCell(finding, withAccount)} | ${regionCell(finding)} | ${escapeMarkdown(finding.message)} |`;
}

function unknownRow(finding: Finding, withAccount: boolean): string {
  return `| \`${finding.checkId}\` | ${resourceCell(finding, withAccount)} | ${escapeMarkdown(finding.message)} |`;
}

function suppressedRow(finding: Finding, withAccount: boolean): string {
  return `| ${finding.status} | \`${finding.checkId}\` | ${resourceCell(finding, withAccount)} | ${escapeMarkdown(describeSuppression(finding))} |`;
}

interface Section {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: readonly string[];
  /** In a collapsed <details> block: for lists a reviewer opens only when needed. */
  readonly collapsed?: boolean;
}

/**
 * Fills sections in order until the byte budget runs out, then says how many rows were left
 * out: a summary that GitHub refuses shows nothing at all.
 */
function fitSections(sections: readonly Section[], budget: number): { text: string[]; omitted: number } {
  const text: string[] = [];
  let used = 0;
  let omitted = 0;
  for (const section of sections) {
    if (section.rows.length === 0) continue;
    const open = section.collapsed === true ? [`<details><summary>${section.title}</summary>`, ''] : [`### ${section.title}`, ''];
    const close = section.collapsed === true ? ['', '</details>'] : [];
    const frame = [...open, ...section.head, ...close];
    let size = bytes(frame.join('\n')) + 2;
    const rows: string[] = [];
    for (const row of section.rows) {
      size += bytes(row) + 1;
      if (used + size > budget) break;
      rows.push(row);
    }
    omitted += section.rows.length - rows.length;
    if (rows.length === 0) continue;
    used += bytes([...frame, ...rows].join('\n')) + 2;
    text.push(...open, ...section.head, ...rows, ...close, '');
  }
  return { text, omitted };
}

/**
 * Markdown for `$GITHUB_STEP_SUMMARY` and PR comments: verdict, counts by severity, then the
 * failing findings worst first. Suppressed findings are counted and listed apart, never as failures.
 */
export function renderMarkdown(report: Report, options: Pick<RenderOptions, 'minSeverity'>): string {
  const tally = tallyOutcomes(report.findings);
  const listed = (outcome: ReturnType<typeof outcomeOf>): Finding[] =>
    report.findings.filter((finding) => outcomeOf(finding) === outcome);
  const shown = (finding: Finding): boolean => meetsSeverity(finding.severity, options.minSeverity);
  const failing = listed('fail').filter(shown).sort((a, b) => compareSeverity(a.severity, b.severity));
  const unknown = listed('unknown').filter(shown);
  const suppressed = listed('suppressed');
  const hidden = listed('fail').length - failing.length + listed('unknown').length - unknown.length;

  const withAccount = showsAccounts(report);
  const duration = formatDuration(report.startedAt, report.finishedAt);
  const facts = [
    `account ${escapeMarkdown(report.account)}`,
    `partition ${escapeMarkdown(report.partition)}`,
    ...shardFacts(report),
    ...accountFacts(report),
    plural(report.summary.resources, 'resource'),
    plural(report.summary.checks, 'check'),
    ...(duration === undefined ? [] : [duration]),
    `${escapeMarkdown(report.tool.name)} ${escapeMarkdown(report.tool.version)}`,
  ];
  const head = [`## S3 audit: ${verdict(tally)}`, '', facts.join(' · '), '', ...summaryTable(tally), ''];
  const known = failing.filter((finding) => finding.baseline === 'known').length;
  if (known > 0) head.push(`${known} of the failing findings are known from the baseline and marked (known).`, '');
  if (hidden > 0) head.push(`${plural(hidden, 'failing or unknown finding')} below ${options.minSeverity} not listed.`, '');

  const tail: string[] = [];
  if (report.notes.length > 0) tail.push('### Notes', '', ...report.notes.map((note) => `- ${escapeMarkdown(note)}`), '');
  if (report.errors.length > 0) tail.push(`${plural(report.errors.length, 'collection error')}: details in the JSON report.`, '');

  const budget = MARKDOWN_MAX_BYTES - bytes([...head, ...tail].join('\n')) - 200;
  const { text, omitted } = fitSections(
    [
      {
        title: `Failing findings (${failing.length})`,
        head: ['| severity | check | resource | region | detail |', '|---|---|---|---|---|'],
        rows: failing.map((finding) => failingRow(finding, withAccount)),
      },
      {
        title: `Could not evaluate (${unknown.length})`,
        head: ['| check | resource | detail |', '|---|---|---|'],
        rows: unknown.map((finding) => unknownRow(finding, withAccount)),
      },
      {
        title: `Suppressed (${suppressed.length})`,
        head: ['| verdict | check | resource | reason |', '|---|---|---|---|'],
        rows: suppressed.map((finding) => suppressedRow(finding, withAccount)),
        collapsed: true,
      },
    ],
    budget,
  );
  const truncated =
    omitted === 0
      ? []
      : [`**${plural(omitted, 'more row')} not shown:** the summary must stay under GitHub's 1 MiB limit. The JSON and SARIF reports list every finding.`, ''];
  return `${[...head, ...text, ...truncated, ...tail].join('\n').trimEnd()}\n`;
}
