import Table from 'cli-table3';
import { stringify } from 'yaml';
import { z } from 'zod';
import type { AnyCheck } from '../checks/types.ts';
import { CONFIG_FILE_NAME } from '../config/config.ts';
import { DATA_SOURCES } from '../snapshot/data-sources.ts';
import { compareStrings, wrap } from './text.ts';

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
  const table = new Table({ head: ['id', 'severity', 'default', 'secure state'], style: { head: [], border: [], compact: true } });
  for (const check of checks) table.push([check.id, check.severity, check.enabledByDefault ? 'on' : 'off', check.title]);
  return `${table.toString()}\n`;
}

/** The check catalog for `s3-audit checks`; the markdown form is what the README embeds. */
export function renderCatalog(checks: readonly AnyCheck[], format: CatalogFormat): string {
  const sorted = [...checks].sort((a, b) => compareStrings(a.id, b.id));
  if (format === 'json') return catalogJson(sorted);
  if (format === 'markdown') return catalogMarkdown(sorted);
  return catalogTable(sorted);
}

const TEXT_WIDTH = 96;

function paragraph(text: string): string[] {
  return wrap(text, TEXT_WIDTH).map((line) => `    ${line}`);
}

function verbatim(text: string): string[] {
  return text.split('\n').map((line) => `    ${line}`);
}

/** The defaults as a snippet to paste into the config file, then what each option means where the schema says. */
function optionLines(check: AnyCheck): string[] {
  const spec = check.options;
  if (spec === undefined) return [];
  const defaults: unknown = spec.defaults;
  const snippet = stringify({ checks: { [check.id]: { options: defaults } } }).trimEnd();
  const schema: unknown = spec.schema;
  const fields: [string, unknown][] = schema instanceof z.ZodObject ? Object.entries(schema.shape) : [];
  const meanings = fields.flatMap(([key, field]) =>
    field instanceof z.ZodType && field.description !== undefined ? paragraph(`${key}: ${field.description}`) : [],
  );
  return ['', `Options (defaults shown; set them in ${CONFIG_FILE_NAME})`, ...verbatim(snippet), ...(meanings.length > 0 ? ['', ...meanings] : [])];
}

/** `s3-audit explain <id>`: everything a reader needs to judge and fix a finding of this check. */
export function renderExplanation(check: AnyCheck): string {
  const { remediation, references } = check;
  const mappings = [
    references.securityHub === undefined ? undefined : `AWS Security Hub ${references.securityHub}`,
    references.cis === undefined ? undefined : `CIS AWS Foundations ${references.cis}`,
    references.awsConfig === undefined ? undefined : `AWS Config ${references.awsConfig}`,
    references.prowler === undefined ? undefined : `Prowler ${references.prowler}`,
  ].filter((item) => item !== undefined);
  const reads = check.needs.flatMap((key) => {
    const source = DATA_SOURCES[key];
    return [source, ...(source.perItem ?? [])].map((call) => `${call.operation} (${call.iamAction})`);
  });
  const lines = [
    `${check.id} — ${check.title}`,
    '',
    `  severity   ${check.severity}`,
    `  resource   ${check.resource}`,
    `  default    ${check.enabledByDefault ? 'runs by default' : `off by default (select it with ${check.enabledBy ?? '--checks'})`}`,
    ...reads.map((read, index) => `  ${index === 0 ? 'reads' : ''}`.padEnd(13) + read),
    ...(check.scope === 'bucket-index' ? ['  across     every bucket of the account: it runs once all of them are indexed'] : []),
    '',
    'Why it matters',
    ...paragraph(check.rationale),
    '',
    'How to fix',
    ...paragraph(remediation.text),
  ];
  if (remediation.cli !== undefined) lines.push('', '  AWS CLI:', ...verbatim(remediation.cli));
  if (remediation.terraform !== undefined) lines.push('', '  Terraform:', ...verbatim(remediation.terraform));
  lines.push(...optionLines(check));
  lines.push('', 'References', ...references.url.map((url) => `    ${url}`));
  if (mappings.length > 0) lines.push('', ...paragraph(`Same control elsewhere: ${mappings.join('; ')}`));
  return `${lines.join('\n')}\n`;
}
