import { createHash } from 'node:crypto';
import { SEVERITIES, type Finding, type ResourceRef, type Severity } from '../checks/types.ts';
import { CHECK_FAMILIES, checkFamily, type CheckFamily } from './check-family.ts';
import { describeSuppression, OUTCOMES, outcomeOf, tallyOutcomes, type Outcome, type OutcomeTally } from './outcome.ts';
import { resourceLabel } from './resource-label.ts';
import { html, SafeHtml } from './safe-html.ts';
import { compareSeverity, severityRank } from './severity.ts';
import { compareStrings, formatDuration, plural } from './text.ts';
import { accountFacts, showsAccounts } from './account-facts.ts';
import { shardFacts } from './shard-facts.ts';
import type { Report } from './types.ts';

// Bounds the file for accounts with 10^5 buckets; the JSON report has everything.
export const HTML_MAX_MATRIX_ROWS = 1000;
export const HTML_MAX_FINDING_ROWS = 10_000;

const STYLE = `
:root { font-family: system-ui, sans-serif; color: #1f2328; background: #fff; }
body { margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { margin-bottom: .25rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #d0d7de; }
.facts { color: #59636e; } .verdict { font-size: 1.2rem; font-weight: 600; }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem 1rem; min-width: 7rem; }
.card .count { display: block; font-size: 1.8rem; font-weight: 700; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
td.detail { overflow-wrap: anywhere; } td.arn { font-family: ui-monospace, monospace; font-size: .8rem; overflow-wrap: anywhere; }
.matrix td { text-align: center; } .matrix td:first-child { text-align: left; }
.sev-critical { background: #8b0000; color: #fff; } .sev-high { background: #d1242f; color: #fff; }
.sev-medium { background: #f0b400; } .sev-low { background: #a8d1ff; } .sev-info { background: #e6e6e6; }
.out-unknown { background: #d8b9ff; } .out-suppressed { background: #eaeef2; color: #59636e; } .out-pass { color: #1a7f37; }
.filters { display: flex; gap: .75rem; align-items: center; margin: 1rem 0; flex-wrap: wrap; }
.filters input { min-width: 20rem; } .note { color: #59636e; font-style: italic; }
`;

const SCRIPT = `
(() => {
  const text = document.getElementById('filter-text');
  const severity = document.getElementById('filter-severity');
  const outcome = document.getElementById('filter-outcome');
  const count = document.getElementById('shown-count');
  const rows = Array.from(document.querySelectorAll('#findings-table tbody tr'));
  const apply = () => {
    const needle = text.value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const visible =
        (severity.value === '' || row.dataset.severity === severity.value) &&
        (outcome.value === '' || row.dataset.outcome === outcome.value) &&
        (needle === '' || row.textContent.toLowerCase().includes(needle));
      row.hidden = !visible;
      if (visible) shown += 1;
    }
    count.textContent = 'Showing ' + shown + ' of ' + rows.length;
  };
  for (const control of [text, severity, outcome]) control.addEventListener('input', apply);
  apply();
})();
`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

// Nothing may load from anywhere, and only this file's own style and script run: even a value
// that escaped escaping could not execute or phone home.
const CSP = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; base-uri 'none'; form-action 'none'`;

const OUTCOME_LABEL: Readonly<Record<Outcome, string>> = { fail: 'failing', unknown: 'unknown', suppressed: 'suppressed', pass: 'passed' };
const OUTCOME_FILL: Readonly<Record<Outcome, string>> = { fail: '#d1242f', unknown: '#8250df', suppressed: '#afb8c1', pass: '#1a7f37' };

function verdict(tally: OutcomeTally): string {
  const { fail, unknown } = tally.total;
  if (fail > 0) return `✗ ${plural(fail, 'failing finding')}${unknown > 0 ? `, ${unknown} unknown (scan incomplete)` : ''}`;
  if (unknown > 0) return `! No failing findings, but ${unknown} unknown: scan incomplete`;
  return '✓ No failing findings';
}

function cards(tally: OutcomeTally): SafeHtml {
  return html`<div class="cards">${OUTCOMES.map(
    (outcome) =>
      html`<div class="card out-${outcome}" data-outcome="${outcome}"><span class="count">${tally.total[outcome]}</span>${OUTCOME_LABEL[outcome]}</div>`,
  )}</div>`;
}

/** Inline SVG: one stacked bar per severity, scaled to the largest row, counts spelled out. */
function severityChart(tally: OutcomeTally): SafeHtml {
  const rowHeight = 30;
  const labelWidth = 80;
  const barWidth = 420;
  const totals = SEVERITIES.map((severity) => OUTCOMES.reduce((sum, outcome) => sum + tally.bySeverity[severity][outcome], 0));
  const scale = barWidth / Math.max(1, ...totals);
  const rows = SEVERITIES.map((severity, index) => {
    const counts = tally.bySeverity[severity];
    const y = index * rowHeight;
    let x = labelWidth;
    const segments = OUTCOMES.filter((outcome) => counts[outcome] > 0).map((outcome) => {
      const width = counts[outcome] * scale;
      const rect = html`<rect x="${x.toFixed(1)}" y="${y + 6}" width="${width.toFixed(1)}" height="18" fill="${OUTCOME_FILL[outcome]}"><title>${`${counts[outcome]} ${OUTCOME_LABEL[outcome]}`}</title></rect>`;
      x += width;
      return rect;
    });
    const words = OUTCOMES.filter((outcome) => counts[outcome] > 0).map((outcome) => `${counts[outcome]} ${OUTCOME_LABEL[outcome]}`);
    return html`<g class="chart-row" data-severity="${severity}"><text x="0" y="${y + 20}">${severity}</text>${segments}<text class="chart-counts" x="${(labelWidth + barWidth + 10).toFixed(0)}" y="${y + 20}">${words.length === 0 ? 'none' : words.join(', ')}</text></g>`;
  });
  const height = SEVERITIES.length * rowHeight;
  return html`<svg id="severity-chart" role="img" aria-label="Findings by severity and outcome" width="820" height="${height}" viewBox="0 0 820 ${height}" font-size="13">${rows}</svg>`;
}

interface MatrixRow {
  readonly resource: ResourceRef;
  readonly cells: ReadonlyMap<CheckFamily, readonly Finding[]>;
  readonly rank: number;
}

// Resources with the worst failures first; unknowns next; clean ones last.
function rankOf(findings: readonly Finding[]): number {
  let rank = 0;
  for (const finding of findings) {
    const outcome = outcomeOf(finding);
    if (outcome === 'fail') rank = Math.max(rank, 10 + severityRank(finding.severity));
    else if (outcome === 'unknown') rank = Math.max(rank, 5);
  }
  return rank;
}

function matrixCell(findings: readonly Finding[] | undefined): SafeHtml {
  if (findings === undefined) return html`<td class="out-none" title="not evaluated"></td>`;
  const failing = findings.filter((finding) => outcomeOf(finding) === 'fail').sort((a, b) => compareSeverity(a.severity, b.severity));
  const worst = failing[0];
  const list = (items: readonly Finding[]): string => items.map((finding) => finding.checkId).join(', ');
  if (worst !== undefined) {
    return html`<td class="sev-${worst.severity}" title="${`failing: ${list(failing)}`}">${failing.length}</td>`;
  }
  const unknown = findings.filter((finding) => outcomeOf(finding) === 'unknown');
  if (unknown.length > 0) return html`<td class="out-unknown" title="${`unknown: ${list(unknown)}`}">?</td>`;
  const suppressed = findings.filter((finding) => outcomeOf(finding) === 'suppressed');
  if (suppressed.length > 0) return html`<td class="out-suppressed" title="${`suppressed: ${list(suppressed)}`}">S</td>`;
  return html`<td class="out-pass" title="${`passed: ${list(findings)}`}">✓</td>`;
}

function matrix(report: Report): SafeHtml {
  const byResource = new Map<string, { resource: ResourceRef; findings: Finding[] }>();
  for (const finding of report.findings) {
    const entry = byResource.get(finding.resource.arn);
    if (entry === undefined) byResource.set(finding.resource.arn, { resource: finding.resource, findings: [finding] });
    else entry.findings.push(finding);
  }
  const present = new Set(report.findings.map((finding) => checkFamily(finding.checkId)));
  const families = CHECK_FAMILIES.filter((family) => present.has(family));
  const rows: MatrixRow[] = [...byResource.values()].map(({ resource, findings }) => {
    const cells = new Map<CheckFamily, Finding[]>();
    for (const finding of findings) {
      const family = checkFamily(finding.checkId);
      cells.set(family, [...(cells.get(family) ?? []), finding]);
    }
    return { resource, cells, rank: rankOf(findings) };
  });
  rows.sort((a, b) => b.rank - a.rank || compareStrings(a.resource.arn, b.resource.arn));
  const shown = rows.slice(0, HTML_MAX_MATRIX_ROWS);
  const more =
    rows.length > shown.length
      ? html`<p class="note">${`${rows.length - shown.length} more resources, all with fewer problems, are not shown.`}</p>`
      : html``;
  return html`<table class="matrix" id="matrix"><thead><tr><th>resource</th>${families.map((family) => html`<th>${family}</th>`)}</tr></thead><tbody>${shown.map(
    (row) =>
      html`<tr><td title="${row.resource.arn}">${resourceLabel(row.resource)}</td>${families.map((family) => matrixCell(row.cells.get(family)))}</tr>`,
  )}</tbody></table>${more}<p class="note">Cells: number of failing checks (colored by the worst severity), ? unknown, S suppressed, ✓ passed, empty: not evaluated.</p>`;
}

function findingRow(finding: Finding, withAccount: boolean): SafeHtml {
  const outcome = outcomeOf(finding);
  const detail = outcome === 'suppressed' ? `${finding.message} Suppressed: ${describeSuppression(finding)}` : finding.message;
  const region = finding.resource.region === '' ? 'global' : finding.resource.region;
  return html`<tr data-severity="${finding.severity}" data-outcome="${outcome}"><td class="sev-${finding.severity}">${finding.severity}</td><td class="out-${outcome}">${OUTCOME_LABEL[outcome]}</td><td>${finding.checkId}</td><td class="arn">${withAccount && finding.resource.type !== 'account' ? `${finding.resource.arn} (account ${finding.resource.account})` : finding.resource.arn}</td><td>${region}</td><td class="detail">${detail}</td></tr>`;
}

function findingsTable(report: Report): SafeHtml {
  const order: Readonly<Record<Outcome, number>> = { fail: 0, unknown: 1, suppressed: 2, pass: 3 };
  const listed = report.findings
    .filter((finding) => outcomeOf(finding) !== 'pass')
    .sort((a, b) => order[outcomeOf(a)] - order[outcomeOf(b)] || compareSeverity(a.severity, b.severity));
  const shown = listed.slice(0, HTML_MAX_FINDING_ROWS);
  const passed = report.findings.length - listed.length;
  const notes = [
    listed.length > shown.length ? `${listed.length - shown.length} less severe findings are not listed.` : undefined,
    passed > 0 ? `${plural(passed, 'passing verdict')} counted above; the JSON report lists them.` : undefined,
  ].filter((note) => note !== undefined);
  const option = (value: string, label: string): SafeHtml => html`<option value="${value}">${label}</option>`;
  return html`<div class="filters">
<label>Search <input type="search" id="filter-text" placeholder="check, resource or message"></label>
<label>Severity <select id="filter-severity">${option('', 'all')}${SEVERITIES.map((severity: Severity) => option(severity, severity))}</select></label>
<label>Outcome <select id="filter-outcome">${option('', 'all')}${OUTCOMES.filter((outcome) => outcome !== 'pass').map((outcome) => option(outcome, OUTCOME_LABEL[outcome]))}</select></label>
<span id="shown-count">${`Showing ${shown.length} of ${shown.length}`}</span>
</div>
<table id="findings-table"><thead><tr><th>severity</th><th>outcome</th><th>check</th><th>resource</th><th>region</th><th>detail</th></tr></thead>
<tbody>${shown.map((finding) => findingRow(finding, showsAccounts(report)))}</tbody></table>
${notes.map((note) => html`<p class="note">${note}</p>`)}`;
}

/**
 * One self-contained HTML file: summary chart, resource × check-family matrix and a filterable
 * findings table. No network access; every value from the report is escaped.
 */
export function renderHtml(report: Report): string {
  const tally = tallyOutcomes(report.findings);
  const duration = formatDuration(report.startedAt, report.finishedAt);
  const facts = [
    `account ${report.account}`,
    `partition ${report.partition}`,
    ...shardFacts(report),
    ...accountFacts(report),
    plural(report.summary.resources, 'resource'),
    plural(report.summary.checks, 'check'),
    `started ${report.startedAt}`,
    ...(duration === undefined ? [] : [duration]),
    `${report.tool.name} ${report.tool.version}`,
  ].join(' · ');
  const notes =
    report.notes.length === 0 ? html`` : html`<h2>Notes</h2><ul>${report.notes.map((note) => html`<li>${note}</li>`)}</ul>`;
  const errors =
    report.errors.length === 0
      ? html``
      : html`<p class="note">${`${plural(report.errors.length, 'collection error')}; details in the JSON report.`}</p>`;
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${`S3 audit of account ${report.account}`}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<h1>S3 audit</h1>
<p class="facts">${facts}</p>
<p class="verdict" id="verdict">${verdict(tally)}</p>
<h2>Summary</h2>
${cards(tally)}
${severityChart(tally)}
<h2>Resources × check families</h2>
${matrix(report)}
<h2>Findings</h2>
${findingsTable(report)}
${errors}
${notes}
<script>${new SafeHtml(SCRIPT)}</script>
</body>
</html>
`;
  return page.value;
}
