import type { AnyCheck } from '../checks/types.ts';
import { closeMatches } from '../engine/close-matches.ts';
import { UserError } from '../errors.ts';
import { DATA_SOURCES } from '../snapshot/data-sources.ts';

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/** `s3-audit explain <id>`: everything a reader needs to judge and fix a finding of this check. */
export function renderExplanation(checks: readonly AnyCheck[], id: string): string {
  const check = checks.find((candidate) => candidate.id === id);
  if (check === undefined) {
    const suggestions = closeMatches(id, checks.map((candidate) => candidate.id));
    const hint = suggestions.length > 0 ? `did you mean ${suggestions.join(', ')}?` : "run 's3-audit checks' for the list";
    throw new UserError(`explain: unknown check id '${id}' — ${hint}`);
  }
  const { remediation, references } = check;
  const mappings = [
    references.securityHub === undefined ? undefined : `AWS Security Hub ${references.securityHub}`,
    references.cis === undefined ? undefined : `CIS AWS Foundations ${references.cis}`,
    references.awsConfig === undefined ? undefined : `AWS Config ${references.awsConfig}`,
    references.prowler === undefined ? undefined : `Prowler ${references.prowler}`,
  ].filter((item) => item !== undefined);
  const lines = [
    `${check.id} — ${check.title}`,
    '',
    `  severity   ${check.severity}`,
    `  resource   ${check.resource}`,
    `  default    ${check.enabledByDefault ? 'runs by default' : "off by default (select it with --checks)"}`,
    `  reads      ${check.needs.map((key) => `${DATA_SOURCES[key].operation} (${DATA_SOURCES[key].iamAction})`).join(', ')}`,
    '',
    'Why it matters',
    indent(check.rationale),
    '',
    'How to fix',
    indent(remediation.text),
  ];
  if (remediation.cli !== undefined) lines.push('', '  AWS CLI:', indent(remediation.cli));
  if (remediation.terraform !== undefined) lines.push('', '  Terraform:', indent(remediation.terraform));
  lines.push('', 'References', ...references.url.map((url) => `    ${url}`));
  if (mappings.length > 0) lines.push(`    Same control: ${mappings.join('; ')}`);
  return `${lines.join('\n')}\n`;
}
