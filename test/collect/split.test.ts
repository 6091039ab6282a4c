import { describe, expect, it } from 'vitest';
import { partitionOf } from '../../src/engine/partition.ts';
import { deal, shares } from '../../src/collect/split.ts';

describe('deal: buckets over worker threads', () => {
  it('hands out every item once, in order, round-robin', () => {
    expect(deal(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([
      ['a', 'c', 'e'],
      ['b', 'd'],
    ]);
  });

  it("spreads one shard's buckets evenly, although they share their hash modulo the shard count", () => {
    const names = Array.from({ length: 4000 }, (_, i) => `bucket-${String(i)}`);
    const shardOne = names.filter((name) => partitionOf(name, 4) === 0);
    expect(shardOne.every((name) => partitionOf(name, 2) === 0)).toBe(true);
    const lists = deal(shardOne, 2);
    expect(Math.abs((lists[0]?.length ?? 0) - (lists[1]?.length ?? 0))).toBeLessThanOrEqual(1);
  });
});

describe('shares: a global limit split over workers', () => {
  it.each([
    [32, 2, [16, 16]],
    [33, 2, [17, 16]],
    [10, 4, [3, 3, 2, 2]],
    [1, 3, [1, 1, 1]],
  ])('%d over %d workers is %j', (total, parts, expected) => {
    expect(shares(total, parts)).toEqual(expected);
  });
});
