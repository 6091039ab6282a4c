import type { Finding, ResourceRef, ResourceType, Severity } from '../checks/types.ts';
import { buildReport } from './build.ts';
import { checkLookup } from './check-lookup.ts';
import { findingsOf } from './findings.ts';
import { ARRAY_MARK, stringifyInChunks } from './json-chunks.ts';
import { outcomeOf } from './outcome.ts';
import { resourceLabel } from './resource-label.ts';
import { compareSeverity } from './severity.ts';
import { compareStrings } from './text.ts';
import type { CheckInfo, RenderOptions, Report } from './types.ts';

/** GitHub code scanning rejects a run with more results than this (sarif-github.md §1.3). */
export const SARIF_MAX_RESULTS = 25_000;
/** GitHub code scanning refuses an upload of more runs (one per account of a multi-account scan). */
export const SARIF_MAX_RUNS = 20;
const MAX_DESCRIPTION = 1024;

type Level = 'error' | 'warning' | 'note';
const LEVEL: Readonly<Record<Severity, Level>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
// Mid-band values, so GitHub's critical/high/medium/low bands never hinge on a boundary. Info gets
// none: GitHub would show any score from 0.1 up as at least "low".
const SECURITY_SEVERITY: Readonly<Record<Severity, string | undefined>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  info: undefined,
};
// Not a file path prefix GitHub classifies (test/, docs/, vendor/): see sarif-github.md §1.6.
const SERVICE_PATH: Readonly<Record<ResourceType, string>> = {
  account: 's3-account',
  bucket: 's3',
  'access-point': 's3-access-point',
  'object-lambda-access-point': 's3-object-lambda-access-point',
  'multi-region-access-point': 's3-multi-region-access-point',
  'glacier-vault': 'glacier',
};

const BUCKET_CHILD_PATH: Readonly<Record<ResourceType, string>> = {
  ...SERVICE_PATH,
  'access-point': 'access-point',
  'object-lambda-access-point': 'object-lambda-access-point',
};

/**
 * The scheme-less path GitHub files the alert under. GitHub rejects the whole upload for a URI
 * with a scheme (arn:, s3://), so the ARN goes to logicalLocations instead. Stable across scans.
 */
export function artifactUri(resource: ResourceRef): string {
  const region = resource.region === '' ? 'global' : resource.region;
  // An access point is filed under the bucket behind it: aws/<account>/<region>/s3/<bucket>/access-point/<name>.
  const segments =
    resource.bucket === undefined
      ? ['aws', resource.account, region, SERVICE_PATH[resource.type]]
      : ['aws', resource.account, region, SERVICE_PATH.bucket, resource.bucket, BUCKET_CHILD_PATH[resource.type]];
  if (resource.type !== 'account') segments.push(resource.name);
  return segments.map(encodeURIComponent).join('/');
}


function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function helpMarkdown(check: CheckInfo): string {
  const { remediation, references } = check;
  const parts = [`**${check.title}** (severity ${check.severity})`, check.rationale, '## How to fix', remediation.text];
  if (remediation.cli !== undefined) parts.push('AWS CLI:', `\`\`\`sh\n${remediation.cli}\n\`\`\``);
  if (remediation.terraform !== undefined) parts.push('Terraform:', `\`\`\`hcl\n${remediation.terraform}\n\`\`\``);
  if (references.url.length > 0) parts.push('## References', references.url.map((url) => `- ${url}`).join('\n'));
  return parts.join('\n\n');
}

function helpText(check: CheckInfo): string {
  const { remediation, references } = check;
  const parts = [check.rationale, `How to fix: ${remediation.text}`];
  if (remediation.cli !== undefined) parts.push(`AWS CLI:\n${remediation.cli}`);
  if (remediation.terraform !== undefined) parts.push(`Terraform:\n${remediation.terraform}`);
  if (references.url.length > 0) parts.push(`References:\n${references.url.join('\n')}`);
  return parts.join('\n\n');
}

function rule(check: CheckInfo) {
  const securitySeverity = SECURITY_SEVERITY[check.severity];
  return {
    id: check.id,
    shortDescription: { text: clip(check.title, MAX_DESCRIPTION) },
    fullDescription: { text: clip(check.rationale, MAX_DESCRIPTION) },
    help: { text: helpText(check), markdown: helpMarkdown(check) },
    ...(check.references.url[0] === undefined ? {} : { helpUri: check.references.url[0] }),
    defaultConfiguration: { level: LEVEL[check.severity] },
    properties: {
      tags: ['security', 's3', check.resource, `severity/${check.severity}`],
      precision: 'very-high',
      ...(securitySeverity === undefined ? {} : { 'security-severity': securitySeverity }),
    },
  };
}

function location(resource: ResourceRef) {
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(resource) },
      region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    },
    logicalLocations: [{ fullyQualifiedName: resource.arn, kind: 'resource' }],
  };
}

/**
 * Failing findings GitHub should see (suppressed ones would open alerts, since GitHub ignores
 * SARIF suppressions), how many there are and the first SARIF_MAX_RESULTS of them most severe
 * first, so a truncated run keeps what matters; ties keep report order.
 */
function reportable(report: Report): { readonly failing: number; readonly kept: Finding[] } {
  // Only the first SARIF_MAX_RESULTS of a severity can be kept: a report may hold millions.
  const candidates = new Map<Severity, Finding[]>();
  let failing = 0;
  for (const finding of report.findings) {
    if (outcomeOf(finding) !== 'fail') continue;
    failing += 1;
    const sameSeverity = candidates.get(finding.severity);
    if (sameSeverity === undefined) candidates.set(finding.severity, [finding]);
    else if (sameSeverity.length < SARIF_MAX_RESULTS) sameSeverity.push(finding);
  }
  const kept = [...candidates.values()].flat().sort((a, b) => compareSeverity(a.severity, b.severity));
  return { failing, kept: kept.slice(0, SARIF_MAX_RESULTS) };
}

/** How many failing findings a SARIF report of `report` leaves out for GitHub's per-run limit. */
export function sarifOmittedResults(report: Report): number {
  const { failing, kept } = reportable(report);
  return failing - kept.length;
}

/**
 * SARIF 2.1.0 for GitHub code scanning (design §6, sarif-github.md §1.7): one rule per check
 * that ran, one result per unsuppressed failing finding, unknown verdicts as notifications.
 */
export function renderSarif(report: Report, options: RenderOptions): string {
  return [...renderSarifChunks(report, options)].join('');
}

/**
 * renderSarif in pieces, byte for byte the same text: up to SARIF_MAX_RESULTS results are written as they are made.
 * A multi-account report gets one run per account, each with its own category (`<category>/<account>/`),
 * so that GitHub keeps each account's alerts apart and under its limits.
 */
export function* renderSarifChunks(report: Report, options: RenderOptions): Generator<string, void, undefined> {
  if (report.accounts === undefined) {
    yield* renderRunChunks(report, options);
    return;
  }
  const base = options.sarifCategory ?? report.tool.name;
  yield `{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n  "runs": [\n`;
  for (const [index, account] of report.accounts.entries()) {
    const findings = findingsOf(report.findings.filter((finding) => finding.resource.account === account.id));
    const accountReport = buildReport({
      tool: report.tool,
      account: account.id,
      partition: report.partition,
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      findings,
      errors: [],
      notes: account.error === undefined ? [] : [`Account ${account.id} was not scanned: ${account.error.message}`],
      baselineGiven: report.summary.baseline !== undefined,
    });
    if (index > 0) yield ',\n';
    for (const chunk of renderRunChunks(accountReport, { ...options, sarifCategory: `${base}/${account.id}` }, true)) yield chunk;
  }
  yield '\n  ]\n}\n';
}

/** A SARIF log of one run, or (inside a multi-account log) the run itself. */
function* renderRunChunks(report: Report, options: RenderOptions, runOnly = false): Generator<string, void, undefined> {
  const lookup = checkLookup(options);
  const { failing, kept } = reportable(report);
  const catalog = new Map(options.checks.map((check) => [check.id, check]));
  for (const finding of report.findings) {
    if (!catalog.has(finding.checkId)) catalog.set(finding.checkId, lookup(finding));
  }
  const checks = [...catalog.values()].sort((a, b) => compareStrings(a.id, b.id));
  const ruleIndex = new Map(checks.map((check, index) => [check.id, index]));
  const ruleRef = (checkId: string) => ({ id: checkId, index: ruleIndex.get(checkId) ?? 0 });

  kept.sort((a, b) => compareStrings(a.resource.arn, b.resource.arn) || compareStrings(a.checkId, b.checkId));
  const result = (finding: Finding) => ({
      ruleId: finding.checkId,
      ruleIndex: ruleRef(finding.checkId).index,
      level: LEVEL[finding.severity],
      // GitHub titles the alert with the first sentence: it names the resource.
      message: { text: `${resourceLabel(finding.resource)}: ${finding.message}` },
      locations: [location(finding.resource)],
      partialFingerprints: { primaryLocationLineHash: `${finding.fingerprint.slice(0, 16)}:1` },
      ...(finding.baseline === undefined ? {} : { baselineState: finding.baseline === 'new' ? 'new' : 'unchanged' }),
      properties: {
        arn: finding.resource.arn,
        accountId: finding.resource.account,
        region: finding.resource.region,
        resourceType: finding.resource.type,
        severity: finding.severity,
        fingerprint: finding.fingerprint,
      },
    });

  // Every unknown verdict, suppressed or not: they say the execution was incomplete, not that a finding stands.
  const unknown = report.findings
    .filter((finding) => finding.status === 'unknown')
    .map((finding) => ({
      level: 'error',
      message: { text: `${resourceLabel(finding.resource)}: ${finding.message}` },
      associatedRule: ruleRef(finding.checkId),
      locations: [location(finding.resource)],
    }));
  const omitted = failing - kept.length;
  const truncation =
    omitted === 0
      ? []
      : [
          {
            level: 'warning',
            message: {
              text:
                `${failing} failing findings exceed GitHub's limit of ${SARIF_MAX_RESULTS} results per run: ` +
                `the ${omitted} least severe are left out. The JSON report lists every finding.`,
            },
          },
        ];
  const notes = report.notes.map((note) => ({ level: 'note', message: { text: note } }));

  const run = {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: checks.map(rule),
          },
        },
        // Everything before the last "/" is the category: uploads of one category replace each other.
        automationDetails: { id: `${options.sarifCategory ?? `${report.tool.name}/${report.account}`}/` },
        invocations: [
          {
            executionSuccessful: report.complete,
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
            toolExecutionNotifications: [...truncation, ...unknown, ...notes],
          },
        ],
        results: ARRAY_MARK,
        properties: { account: report.account, partition: report.partition },
      };
  const results = { length: kept.length, at: (index: number) => result(kept[index] ?? missingResult(index)) };
  if (runOnly) {
    yield* stringifyInChunks(run, results);
    return;
  }
  yield* stringifyInChunks({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] }, results);
  yield '\n';
}

function missingResult(index: number): never {
  throw new RangeError(`no SARIF result ${String(index)}`);
}
