import { describe, expect, it } from 'vitest';
import { partitionOf } from '../../src/engine/partition.ts';

describe('partitionOf: the public, stable bucket → partition contract', () => {
  // Expected values computed outside s3-audit with the documented shell recipe
  // ($(( 0x$(printf %s NAME | sha256sum | cut -c1-8) % PARTS ))): a change here breaks users' shard assignment.
  it.each<[string, number, number]>([
    ['alpha', 4, 1],
    ['alpha', 1000, 917],
    ['beta', 4, 3],
    ['beta', 1000, 343],
    ['logs-us-east-1', 4, 0],
    ['logs-us-east-1', 1000, 76],
    ['a.b-c', 4, 3],
    ['ünïcode', 1000, 759],
  ])('%s in %i parts is partition %i', (name, parts, expected) => {
    expect(partitionOf(name, parts)).toBe(expected);
  });

  it('puts everything in partition 0 of 1', () => {
    expect(['alpha', 'beta', 'gamma'].map((name) => partitionOf(name, 1))).toEqual([0, 0, 0]);
  });

  it('spreads many names roughly evenly', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i += 1) {
      const part = partitionOf(`bucket-${String(i)}`, 4);
      counts[part] = (counts[part] ?? 0) + 1;
    }
    for (const count of counts) expect(count).toBeGreaterThan(800);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s parts', (parts) => {
    expect(() => partitionOf('alpha', parts)).toThrow(RangeError);
  });
});
