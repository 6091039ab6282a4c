import { describe, expect, it } from 'vitest';
import { partition, partitionOf, shares } from '../../src/engine/partition.ts';

describe('partitionOf: a stable hash of the bucket name', () => {
  it.each([
    // FNV-1a 32-bit of the UTF-8 name, mod parts: pinned, because shards of one account may run different versions.
    ['', 4, 0x811c9dc5 % 4],
    ['a', 1000, 0xe40c292c % 1000],
    ['foobar', 7, 0xbf9cf968 % 7],
  ])('%j of %d parts is %d', (name, parts, expected) => {
    expect(partitionOf(name, parts)).toBe(expected);
  });

  it('depends only on the name, not on the other buckets or their order', () => {
    const names = Array.from({ length: 200 }, (_, i) => ({ name: `bucket-${i}` }));
    const forward = partition(names, 3).map((list) => list.map((b) => b.name).sort());
    const backward = partition([...names].reverse(), 3).map((list) => list.map((b) => b.name).sort());
    expect(backward).toEqual(forward);
  });

  it('splits buckets into disjoint partitions that together hold every bucket, each a fair share', () => {
    const names = Array.from({ length: 1000 }, (_, i) => ({ name: `synthetic-${String(i).padStart(7, '0')}` }));
    const lists = partition(names, 4);
    expect(lists.flat().map((b) => b.name).sort()).toEqual(names.map((b) => b.name).sort());
    for (const list of lists) expect(list.length).toBeGreaterThan(200);
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
