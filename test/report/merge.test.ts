import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.ts';
import { partitionOf } from '../../src/engine/partition.ts';
import { buildReport } from '../../src/report/build.ts';
import type { ReportInput } from '../../src/report/build.ts';
import { findingsOf } from '../../src/report/findings.ts';
import { mergeReports } from '../../src/report/merge.ts';
import type { ShardReport } from '../../src/report/merge.ts';
import type { Report } from '../../src/report/types.ts';
import { FIXTURE_INPUT, FIXTURE_REPORT } from './fixture-report.ts';

const COUNT = 3;
const ACCOUNT_ERROR = { operation: 'GetPublicAccessBlock', resource: 'arn:aws:s3:us-east-1:123456789012:account', code: 'AccessDenied', message: 'Access Denied' };

/** Splits the fixture the way `scan --shard i/3` does: buckets by partition, everything else in shard 1. */
function inShard(index: number) {
  return (finding: Finding): boolean =>
    finding.resource.type === 'bucket' ? partitionOf(finding.resource.name, COUNT) === index - 1 : index === 1;
}

function shardReports(input: ReportInput = FIXTURE_INPUT): ShardReport[] {
  return [1, 2, 3].map((index) => ({
    source: `shard-${String(index)}.json`,
    report: buildReport({
      ...input,
      startedAt: `2025-03-14T09:2${String(index)}:00.000Z`,
      finishedAt: `2025-03-14T09:3${String(4 - index)}:00.000Z`,
      findings: findingsOf(input.findings.filter(inShard(index))),
      // Every shard reads the account's settings, so an account-level error is in each of them.
      errors: [ACCOUNT_ERROR, ...input.errors.filter((error) => partitionOf(error.resource.replace('arn:aws:s3:::', ''), COUNT) === index - 1)],
      notes: index === 2 ? input.notes : [],
      shard: { index, count: COUNT },
    }),
  }));
}

function withShard(report: Report, shard: Report['shard'], overrides: Partial<Report> = {}): Report {
  return { ...report, ...overrides, ...(shard === undefined ? {} : { shard }) };
}

describe('mergeReports: the shards of a scan make the report of the unsharded scan', () => {
  it('joins findings in the stable order, counts the summary over all of them, keeps each error and note once', () => {
    const shards = shardReports();
    // Each shard holds some findings: the split is real.
    expect(shards.map((shard) => shard.report.findings.length)).toEqual([8, 8, 4]);
    const merged = mergeReports(shards);
    expect(merged).toEqual({
      ...FIXTURE_REPORT,
      startedAt: '2025-03-14T09:21:00.000Z',
      finishedAt: '2025-03-14T09:33:00.000Z',
      errors: buildReport({ ...FIXTURE_INPUT, errors: [...FIXTURE_INPUT.errors, ACCOUNT_ERROR] }).errors,
    });
    expect(merged).not.toHaveProperty('shard');
  });

  it('counts suppressed findings and baseline states of every shard', () => {
    const findings = FIXTURE_INPUT.findings.map((finding, index): Finding => {
      if (finding.status !== 'fail') return finding;
      if (index % 3 === 0) return { ...finding, suppression: { reason: 'accepted' } };
      return { ...finding, baseline: index % 3 === 1 ? 'known' : 'new' };
    });
    const input: ReportInput = { ...FIXTURE_INPUT, findings: findingsOf(findings), baselineGiven: true };
    const merged = mergeReports(shardReports(input));
    const unsharded = buildReport(input);
    expect(merged.summary).toEqual(unsharded.summary);
    expect(merged.summary.suppressed).toBeGreaterThan(0);
    expect(merged.summary.baseline?.known).toBeGreaterThan(0);
    expect(merged.summary.baseline?.new).toBeGreaterThan(0);
  });

  it('is complete only when every shard is', () => {
    const shards = shardReports();
    expect(shards.map((shard) => shard.report.complete)).toEqual([true, false, false]);
    expect(mergeReports(shards).complete).toBe(false);
    const passing = { ...FIXTURE_INPUT, findings: findingsOf(FIXTURE_INPUT.findings.filter((finding) => finding.status !== 'unknown')) };
    expect(mergeReports(shardReports(passing)).complete).toBe(true);
  });
});

describe('mergeReports refuses inputs that are not all shards of one scan', () => {
  const [one, two, three] = shardReports();
  if (one === undefined || two === undefined || three === undefined) throw new Error('three shards expected');
  const unsharded: ShardReport = { source: 'full.json', report: FIXTURE_REPORT };

  it.each<[string, ShardReport[], string]>([
    ['an unsharded report', [one, two, unsharded], "full.json: not a shard report (scanned without --shard); merge joins the JSON reports of 's3-audit scan --shard i/n'"],
    ['a missing shard', [one, two], 'shard 3/3 missing: merge needs all 3 shard reports'],
    ['several missing shards', [two], 'shard 1/3, 3/3 missing: merge needs all 3 shard reports'],
    ['the same shard twice', [one, two, { ...two, source: 'copy.json' }, three], 'shard-2.json and copy.json are both shard 2/3'],
    [
      'shards of different splits',
      [one, two, { source: 'other.json', report: withShard(three.report, { index: 3, count: 4 }) }],
      'shard-1.json is shard 1/3, other.json shard 3/4: every shard must split the account into the same number of shards',
    ],
    [
      'another account',
      [one, two, { source: 'other.json', report: withShard(three.report, three.report.shard, { account: '210987654321' }) }],
      'shard-1.json is of account 123456789012, other.json of account 210987654321: merge joins the shards of one account',
    ],
    [
      'another s3-audit version',
      [one, two, { source: 'other.json', report: withShard(three.report, three.report.shard, { tool: { name: 's3-audit', version: '0.2.0' } }) }],
      'shard-1.json is by s3-audit 0.1.0, other.json by s3-audit 0.2.0: run every shard with the same s3-audit version',
    ],
    [
      'a baseline in some shards only',
      [one, two, { source: 'other.json', report: withShard(three.report, three.report.shard, { summary: { ...three.report.summary, baseline: { new: 0, known: 0 } } }) }],
      'other.json was scanned with --baseline, shard-1.json without: run every shard with the same --baseline, or none',
    ],
    ['nothing', [], 'merge: no reports given'],
  ])('%s', (_name, inputs, message) => {
    expect(() => mergeReports(inputs)).toThrow(message);
  });
});
