import Table from 'cli-table3';
import type { AnyCheck } from './types.ts';

export const CATALOG_FORMATS = ['table', 'json', 'markdown'] as const;
export type CatalogFormat = (typeof CATALOG_FORMATS)[number];

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}

function catalogMarkdown(checks: readonly AnyCheck[]): string {
  const rows = checks.map(
    (check) =>
      `| \`${check.id}\` | ${check.severity} | ${check.resource} | ${check.enabledByDefault ? 'yes' : 'no'} | ${escapeCell(check.title)} |`,
  );
  return ['| id | severity | resource | default | secure state |', '|---|---|---|---|---|', ...rows].join('\n') + '\n';
}

function catalogJson(checks: readonly AnyCheck[]): string {
  const entries = checks.map((check) => ({
    id: check.id,
    title: check.title,
    severity: check.severity,
    resource: check.resource,
    enabledByDefault: check.enabledByDefault,
    needs: check.needs,
    rationale: check.rationale,
    remediation: check.remediation,
    references: check.references,
  }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}

function catalogTable(checks: readonly AnyCheck[]): string {
  const table = new Table({ head: ['id', 'severity', 'default', 'secure state'], style: { head: [], border: [] } });
  for (const check of checks) table.push([check.id, check.severity, check.enabledByDefault ? 'on' : 'off', check.title]);
  return `${table.toString()}\n`;
}

/** The check catalog for `s3-audit checks`; the markdown form is what the README embeds. */
export function renderCatalog(checks: readonly AnyCheck[], format: CatalogFormat): string {
  const sorted = [...checks].sort((a, b) => a.id.localeCompare(b.id));
  if (format === 'json') return catalogJson(sorted);
  if (format === 'markdown') return catalogMarkdown(sorted);
  return catalogTable(sorted);
}
