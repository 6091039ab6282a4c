import type { Finding } from '../checks/types.ts';
import { UserError } from '../errors.ts';
import { buildReport } from './build.ts';
import { findingsOf } from './findings.ts';
import type { Report, ScanError } from './types.ts';

/** A shard's JSON report and where it came from (its file name, for messages). */
export interface ShardReport {
  readonly source: string;
  readonly report: Report;
}

type Shard = NonNullable<Report['shard']>;

function shardOf({ source, report }: ShardReport): Shard {
  if (report.shard === undefined) {
    throw new UserError(`${source}: not a shard report (scanned without --shard); merge joins the JSON reports of 's3-audit scan --shard i/n'`);
  }
  return report.shard;
}

function describeShard(shard: Shard): string {
  return `${String(shard.index)}/${String(shard.count)}`;
}

/** Every input must be a shard of the same account, by the same version, split the same way, each shard once. */
function validate(inputs: readonly ShardReport[]): void {
  const [first, ...rest] = inputs;
  if (first === undefined) throw new UserError('merge: no reports given');
  const firstShard = shardOf(first);
  const same = (what: string, of: (report: Report) => string, advice: string): void => {
    const other = rest.find((input) => of(input.report) !== of(first.report));
    if (other !== undefined) {
      throw new UserError(`${first.source} is ${what} ${of(first.report)}, ${other.source} ${what} ${of(other.report)}: ${advice}`);
    }
  };
  same('of account', (report) => report.account, 'merge joins the shards of one account');
  same('in partition', (report) => report.partition, 'merge joins the shards of one account');
  same('by', (report) => `${report.tool.name} ${report.tool.version}`, 'run every shard with the same s3-audit version');
  const withBaseline = (report: Report): boolean => report.summary.baseline !== undefined;
  const mixed = rest.find((input) => withBaseline(input.report) !== withBaseline(first.report));
  if (mixed !== undefined) {
    const [scannedWith, scannedWithout] = withBaseline(first.report) ? [first, mixed] : [mixed, first];
    throw new UserError(`${scannedWith.source} was scanned with --baseline, ${scannedWithout.source} without: run every shard with the same --baseline, or none`);
  }
  const bySlot = new Map<number, string>();
  for (const input of inputs) {
    const shard = shardOf(input);
    if (shard.count !== firstShard.count) {
      throw new UserError(
        `${first.source} is shard ${describeShard(firstShard)}, ${input.source} shard ${describeShard(shard)}: every shard must split the account into the same number of shards`,
      );
    }
    const earlier = bySlot.get(shard.index);
    if (earlier !== undefined) throw new UserError(`${earlier} and ${input.source} are both shard ${describeShard(shard)}`);
    bySlot.set(shard.index, input.source);
  }
  const missing: string[] = [];
  for (let index = 1; index <= firstShard.count; index += 1) {
    if (!bySlot.has(index)) missing.push(describeShard({ index, count: firstShard.count }));
  }
  if (missing.length > 0) {
    const list = missing.length > 10 ? `${missing.slice(0, 10).join(', ')} and ${String(missing.length - 10)} more` : missing.join(', ');
    throw new UserError(`shard ${list} missing: merge needs all ${String(firstShard.count)} shard reports`);
  }
}

function unique<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

function* allFindings(reports: readonly Report[]): Generator<Finding, void, undefined> {
  for (const report of reports) yield* report.findings;
}

function earliest(a: string, b: string): string {
  return Date.parse(b) < Date.parse(a) ? b : a;
}

function latest(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * One report for the whole account from the reports of all its shards: findings joined in the
 * stable order, summary counted again over them (the sum of the shards' counts, without counting
 * a check twice that ran in several shards), errors and notes once each (every shard reads the
 * account's settings), startedAt the earliest, finishedAt the latest, complete when every shard is.
 */
export function mergeReports(inputs: readonly ShardReport[]): Report {
  validate(inputs);
  const reports = inputs.map((input) => input.report);
  const [first] = reports;
  if (first === undefined) throw new UserError('merge: no reports given');
  const errorKey = (error: ScanError): string => JSON.stringify([error.operation, error.resource, error.code, error.message]);
  return buildReport({
    tool: first.tool,
    account: first.account,
    partition: first.partition,
    startedAt: reports.map((report) => report.startedAt).reduce(earliest),
    finishedAt: reports.map((report) => report.finishedAt).reduce(latest),
    findings: findingsOf(allFindings(reports)),
    errors: unique(reports.flatMap((report) => report.errors), errorKey),
    notes: unique(reports.flatMap((report) => report.notes), (note) => note),
    baselineGiven: first.summary.baseline !== undefined,
  });
}
