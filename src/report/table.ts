import { Chalk } from 'chalk';
import { SEVERITIES, type Finding, type ResourceRef, type ResourceType, type Severity } from '../checks/types.ts';
import type { Findings } from './findings.ts';
import { compareSeverity, meetsSeverity } from './severity.ts';
import { formatDuration, plural, sanitize, wrap } from './text.ts';
import { accountFacts, showsAccounts } from './account-facts.ts';
import { shardFacts } from './shard-facts.ts';
import type { RenderOptions, Report, StatusCounts } from './types.ts';

// Fixed rather than read from the terminal: renderers are pure, and a report piped into a
// file or a CI log should look the same as on screen.
const WIDTH = 100;
const INDENT = '  ';
const SEVERITY_WIDTH = Math.max(...SEVERITIES.map((severity) => severity.length));
const LABEL_WIDTH = Math.max(SEVERITY_WIDTH, 'severity'.length);
const COLUMNS = ['fail', 'unknown', 'pass', 'total'] as const;
const CELL_WIDTH = Math.max(...COLUMNS.map((column) => column.length)) + 2;
// Messages hang under the check id: ids run up to 45 characters, and a message squeezed into
// what is left beside them wraps into a narrow ribbon that splits every ARN onto its own line.
const MESSAGE_INDENT = ' '.repeat(2 * INDENT.length + SEVERITY_WIDTH + 2);
// Account-wide settings first: one of them exposes every bucket.
const TYPE_ORDER: Readonly<Record<ResourceType, number>> = {
  account: 0,
  bucket: 1,
  'access-point': 2,
  'object-lambda-access-point': 3,
  'multi-region-access-point': 4,
  'glacier-vault': 5,
};

type Paint = (text: string) => string;

function paletteFor(color: boolean) {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const severity: Readonly<Record<Severity, Paint>> = {
    critical: chalk.red.bold,
    high: chalk.red,
    medium: chalk.yellow,
    low: chalk.cyan,
    info: chalk.gray,
  };
  const plain: Paint = (text) => text;
  return { severity, pass: chalk.green, unknown: chalk.magenta, dim: chalk.gray, bold: chalk.bold, plain };
}
type Palette = ReturnType<typeof paletteFor>;

type TableOptions = Pick<RenderOptions, 'minSeverity' | 'color' | 'showSuppressed'>;

/** The terminal report: summary first, then what failed and what could not be evaluated. */
export function renderTable(report: Report, options: TableOptions): string {
  return [...renderTableChunks(report, options)].join('');
}

/**
 * renderTable in pieces, a resource at a time: at 10^5 buckets the failing findings alone are
 * ~150 MB of text, and their Finding objects are made one resource at a time too.
 */
export function* renderTableChunks(report: Report, options: TableOptions): Generator<string, void, undefined> {
  const palette = paletteFor(options.color);
  const blocks: Iterable<string>[] = [[header(report, palette)]];
  if (report.findings.length === 0) {
    blocks.push(['No resources were evaluated: nothing matched the selected buckets, regions and checks.']);
  } else {
    const { failing, unknown, suppressed } = listed(report.findings, options.minSeverity);
    const showSuppressed = options.showSuppressed === true;
    blocks.push([
      [summaryTable(report, palette), hiddenLine(report, options.minSeverity), suppressedLine(report, showSuppressed)]
        .filter(isText)
        .join('\n'),
    ]);
    if (failing.length > 0) blocks.push(findingsSection('Failing findings', report.findings, failing, palette, showsAccounts(report)));
    if (unknown.length > 0) blocks.push(findingsSection('Could not evaluate', report.findings, unknown, palette, showsAccounts(report)));
    if (showSuppressed && suppressed.length > 0) blocks.push(findingsSection('Suppressed', report.findings, suppressed, palette, showsAccounts(report)));
  }
  if (report.notes.length > 0) blocks.push([['Notes', ...report.notes.map((note) => bullet(note))].join('\n')]);
  if (report.errors.length > 0) blocks.push([errorsLine(report)]);
  if (report.findings.length > 0) blocks.push([verdictLine(report, palette)]);
  for (const [index, block] of blocks.entries()) {
    if (index > 0) yield '\n\n';
    yield* block;
  }
  yield '\n';
}

/** The positions of the findings each section lists, at or above `minSeverity`. */
function listed(findings: Findings, minSeverity: Severity): Record<'failing' | 'unknown' | 'suppressed', number[]> {
  const sections = { failing: [] as number[], unknown: [] as number[], suppressed: [] as number[] };
  for (let index = 0; index < findings.length; index += 1) {
    const finding = findings.at(index);
    if (!meetsSeverity(finding.severity, minSeverity)) continue;
    if (finding.status === 'fail' && finding.suppression === undefined) sections.failing.push(index);
    if (finding.status === 'unknown') sections.unknown.push(index);
    if (finding.suppression !== undefined) sections.suppressed.push(index);
  }
  return sections;
}

function header(report: Report, palette: Palette): string {
  const parts = [
    `account ${sanitize(report.account)}`,
    `partition ${sanitize(report.partition)}`,
    ...shardFacts(report),
    ...accountFacts(report),
    plural(report.summary.resources, 'resource'),
    plural(report.summary.checks, 'check'),
    formatDuration(report.startedAt, report.finishedAt),
  ].filter(isText);
  const tool = palette.bold(`${sanitize(report.tool.name)} ${sanitize(report.tool.version)}`);
  return [tool, ...parts].join(palette.dim(' · '));
}

// Plain aligned text rather than a boxed grid: six rows read fine without borders, and the
// rules keep the totals row apart even without color.
function summaryTable(report: Report, palette: Palette): string {
  const { bold, dim } = palette;
  const line = (label: string, paintLabel: Paint, cells: readonly string[]): string =>
    INDENT + paintLabel(label) + ' '.repeat(LABEL_WIDTH - label.length) + cells.join('');
  // Zeros print as a dim dash so the counts that matter stand out, with or without color.
  const cell = (n: number, paint: Paint): string =>
    n === 0 ? dim('-'.padStart(CELL_WIDTH)) : paint(String(n).padStart(CELL_WIDTH));
  const cells = (counts: StatusCounts, failPaint: Paint, totalPaint: Paint): string[] => [
    cell(counts.fail, failPaint),
    cell(counts.unknown, palette.unknown),
    cell(counts.pass, palette.pass),
    cell(counts.fail + counts.unknown + counts.pass, totalPaint),
  ];
  const rule = INDENT + dim('─'.repeat(LABEL_WIDTH + CELL_WIDTH * COLUMNS.length));
  return [
    line('severity', bold, COLUMNS.map((column) => bold(column.padStart(CELL_WIDTH)))),
    rule,
    ...SEVERITIES.map((severity) => {
      const paint = palette.severity[severity];
      return line(severity, paint, cells(report.summary.bySeverity[severity], paint, palette.plain));
    }),
    rule,
    line('total', bold, cells(report.summary.byStatus, bold, bold)),
  ].join('\n');
}

/** Says what `--severity` left out, so a short list is never mistaken for a clean account. */
function hiddenLine(report: Report, minSeverity: Severity): string | undefined {
  const below = SEVERITIES.filter((severity) => !meetsSeverity(severity, minSeverity)).map(
    (severity) => report.summary.bySeverity[severity],
  );
  const fail = sum(below.map((counts) => counts.fail));
  const unknown = sum(below.map((counts) => counts.unknown));
  if (fail + unknown === 0) return undefined;
  const hidden = [fail > 0 ? `${fail} failing` : undefined, unknown > 0 ? `${unknown} unknown` : undefined];
  return `${INDENT}Not listed (below ${minSeverity}): ${hidden.filter(isText).join(', ')}.`;
}

/** Suppressed findings are outside the counts above: say how many, and how to see them. */
function suppressedLine(report: Report, showSuppressed: boolean): string | undefined {
  const { suppressed } = report.summary;
  if (suppressed === 0) return undefined;
  const how = showSuppressed ? 'listed below' : 'list them with --show-suppressed';
  return `${INDENT}Suppressed by the config file, not counted above: ${plural(suppressed, 'failing finding')} (${how}).`;
}

/** The title line, then one piece per resource: its heading and its findings, worst first. */
function* findingsSection(
  title: string,
  findings: Findings,
  positions: readonly number[],
  palette: Palette,
  withAccount: boolean,
): Generator<string, void, undefined> {
  const groups = groupByResource(findings, positions);
  yield `${palette.bold(title)} ${palette.dim(`(${positions.length} on ${plural(groups.length, 'resource')})`)}`;
  let bucketShown: string | undefined;
  for (const { resource, positions: members } of groups) {
    // An access point right under its bucket's findings is indented there instead of naming the bucket again.
    const underBucket = resource.type !== 'bucket' && resource.bucket !== undefined && resource.bucket === bucketShown;
    const lines = ['', (underBucket ? INDENT + INDENT : INDENT) + resourceHeading(resource, palette, underBucket, withAccount)];
    if (resource.type === 'bucket') bucketShown = resource.name;
    else if (!underBucket) bucketShown = undefined;
    const worstFirst = members.map((position) => findings.at(position)).sort((a, b) => compareSeverity(a.severity, b.severity));
    for (const finding of worstFirst) lines.push(...findingLines(finding, palette, underBucket ? INDENT : ''));
    yield `\n${lines.join('\n')}`;
  }
}

/** A resource and the positions of its listed findings. */
interface Group {
  readonly resource: ResourceRef;
  readonly positions: number[];
}

/** The bucket a resource belongs with: a bucket is its own, an access point the one behind it. */
function bucketOf(resource: ResourceRef): string | undefined {
  return resource.type === 'bucket' ? resource.name : resource.bucket;
}

/**
 * Account first; then each bucket followed by its access points (Object Lambda ones last), in
 * bucket name order; then whatever stands alone (Multi-Region Access Points, …) by type. Within
 * a rank, the report's (ARN) order.
 */
function groupByResource(findings: Findings, positions: readonly number[]): Group[] {
  const groups = new Map<string, Group>();
  for (const position of positions) {
    const { resource } = findings.at(position);
    const group = groups.get(resource.arn);
    if (group === undefined) groups.set(resource.arn, { resource, positions: [position] });
    else group.positions.push(position);
  }
  const rank = (resource: ResourceRef): number => {
    if (resource.type === 'account') return 0;
    return bucketOf(resource) === undefined ? 2 : 1;
  };
  return [...groups.values()].sort(({ resource: a }, { resource: b }) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    const bucketA = bucketOf(a) ?? '';
    const bucketB = bucketOf(b) ?? '';
    if (bucketA !== bucketB) return bucketA < bucketB ? -1 : 1;
    return TYPE_ORDER[a.type] - TYPE_ORDER[b.type];
  });
}

function resourceHeading(resource: ResourceRef, palette: Palette, underBucket: boolean, withAccount: boolean): string {
  const { type, name, region, bucket } = resource;
  const account = withAccount && type !== 'account' ? `  ${palette.dim(`account ${sanitize(resource.account)}`)}` : '';
  // Buckets are the common case; other resource types say what they are.
  const label = type === 'bucket' ? '' : palette.dim(`${type} `);
  const where = region === '' ? '' : `  ${palette.dim(sanitize(region))}`;
  const behind = type === 'bucket' || underBucket || bucket === undefined ? '' : `  ${palette.dim(`bucket ${sanitize(bucket)}`)}`;
  return `${label}${palette.bold(sanitize(name))}${account}${where}${behind}`;
}

/**
 * `SEVERITY  check-id`, marked `(new)` when a baseline does not know it, then the message
 * wrapped beneath the check id, then why it is suppressed if it is.
 */
function findingLines(finding: Finding, palette: Palette, nested: string): string[] {
  const word = palette.severity[finding.severity](finding.severity.toUpperCase());
  const gap = ' '.repeat(SEVERITY_WIDTH - finding.severity.length + 2);
  const mark = finding.baseline === 'new' ? `  ${palette.bold('(new)')}` : '';
  const indent = nested + MESSAGE_INDENT;
  const width = WIDTH - indent.length;
  const message = wrap(sanitize(finding.message), width);
  const { suppression } = finding;
  const why =
    suppression === undefined
      ? []
      : wrap(`Suppressed: ${sanitize(suppression.reason)}${suppression.expires === undefined ? '' : ` (until ${suppression.expires})`}`, width);
  return [`${nested}${INDENT}${INDENT}${word}${gap}${finding.checkId}${mark}`, ...[...message, ...why].map((line) => indent + line)];
}

function bullet(text: string): string {
  const [first = '', ...rest] = wrap(sanitize(text), WIDTH - INDENT.length - 2);
  return [`${INDENT}• ${first}`, ...rest.map((line) => `${INDENT}  ${line}`)].join('\n');
}

function errorsLine(report: Report): string {
  const byCode = new Map<string, number>();
  for (const error of report.errors) byCode.set(error.code, (byCode.get(error.code) ?? 0) + 1);
  const codes = [...byCode]
    .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))
    .map(([code, n]) => `${sanitize(code)} ×${n}`);
  return `${plural(report.errors.length, 'collection error')} (${codes.join(', ')}); details in the JSON report.`;
}

function verdictLine(report: Report, palette: Palette): string {
  const { fail, unknown, pass } = report.summary.byStatus;
  const { baseline, suppressed } = report.summary;
  const incomplete = `${unknown} unknown — scan incomplete`;
  const andSuppressed = suppressed > 0 ? `, ${suppressed} suppressed` : '';
  if (baseline !== undefined && fail > 0 && baseline.new === 0) {
    const known = palette.pass(`✓ No new failing findings (${fail} failing, all in the baseline${andSuppressed})`);
    return unknown > 0 ? `${known}, ${palette.unknown(incomplete)}` : known;
  }
  if (fail > 0) {
    const bySeverity = SEVERITIES.map((severity) => ({ severity, n: report.summary.bySeverity[severity].fail }))
      .filter(({ n }) => n > 0)
      .map(({ severity, n }) => palette.severity[severity](`${n} ${severity}`));
    const isNew = baseline === undefined ? '' : `, ${palette.bold(`${baseline.new} new`)} since the baseline`;
    const failing = `${palette.severity.critical(`✗ ${fail} failing`)} (${bySeverity.join(', ')})${isNew}${andSuppressed}`;
    return unknown > 0 ? `${failing}, ${palette.unknown(incomplete)}` : failing;
  }
  if (unknown > 0) return palette.unknown(`! No failing findings, but ${incomplete} (${pass} passed${andSuppressed})`);
  return palette.pass(`✓ No failing findings (${plural(pass, 'check')} passed${andSuppressed})`);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function isText(value: string | undefined): value is string {
  return value !== undefined;
}
