import type { Report } from './types.ts';

/** "shard 2/4" in a report's header when it covers one `--shard`; the whole account's report has none. */
export function shardFacts(report: Pick<Report, 'shard'>): string[] {
  return report.shard === undefined ? [] : [`shard ${String(report.shard.index)}/${String(report.shard.count)}`];
}
