import { describe, expect, it } from 'vitest';
import { loggingChain } from '../../src/checks/lib/logging-graph.ts';
import { BucketIndexBuilder } from '../../src/engine/bucket-index.ts';
import { observedError, present } from '../../src/snapshot/observed.ts';
import type { BucketState } from '../../src/snapshot/types.ts';

function bucket(name: string, target?: string): BucketState {
  return { name, region: 'us-east-1', logging: present(target === undefined ? {} : { target: { bucket: target, prefix: '' } }) };
}

function indexOf(buckets: readonly BucketState[]): BucketIndexBuilder {
  const index = new BucketIndexBuilder();
  for (const b of buckets) index.addBucket(b, true);
  return index;
}

describe('logging graph', () => {
  it.each([
    ['self-loop', [bucket('a', 'a')], 'a', { kind: 'loop', chain: 'a → a', length: 1 }],
    ['2-cycle', [bucket('a', 'b'), bucket('b', 'a')], 'b', { kind: 'loop', chain: 'b → a → b', length: 2 }],
    ['3-cycle', [bucket('a', 'b'), bucket('b', 'c'), bucket('c', 'a')], 'c', { kind: 'loop', chain: 'c → a → b → c', length: 3 }],
    ['chain that ends', [bucket('a', 'b'), bucket('b', 'c'), bucket('c')], 'a', { kind: 'ends', chain: 'a → b → c' }],
    ['chain leaving the account', [bucket('a', 'b'), bucket('b', 'x')], 'a', { kind: 'ends', chain: 'a → b → x' }],
    ['tail into a self-loop', [bucket('a', 'b'), bucket('b', 'b')], 'a', { kind: 'feedsLoop', chain: 'a → b', loop: 'b → b' }],
    ['logging off', [bucket('a')], 'a', { kind: 'none' }],
    ['not a bucket of the index', [bucket('a')], 'zzz', { kind: 'none' }],
  ])('%s', (_name, buckets, start, expected) => {
    expect(loggingChain(indexOf(buckets), start)).toEqual(expected);
  });

  it('a chain into a bucket with unreadable logging is unknown at that bucket', () => {
    const index = indexOf([bucket('a', 'b'), bucket('b', 'c'), { name: 'c', region: 'us-east-1', logging: observedError('GetBucketLogging', 'AccessDenied', 'denied') }]);
    const chain = loggingChain(index, 'a');
    expect(chain).toMatchObject({ kind: 'unknown', chain: 'a → b → c', bucket: { name: 'c' } });
    expect(loggingChain(index, 'c')).toEqual({ kind: 'none' });
  });

  it('gives the same answers whatever order the buckets were indexed in', () => {
    const buckets = [bucket('a', 'b'), bucket('b', 'c'), bucket('c', 'b'), bucket('d', 'a'), bucket('e', 'e'), bucket('f')];
    const forward = indexOf(buckets);
    const backward = indexOf([...buckets].reverse());
    for (const { name } of buckets) expect(loggingChain(backward, name)).toEqual(loggingChain(forward, name));
  });

  it('classifies a 10,000-bucket account correctly: chains, a long loop, 2- and 3-cycles, self-loops', () => {
    const name = (i: number) => `b${String(i).padStart(5, '0')}`;
    const buckets: BucketState[] = [];
    // 0…2999: one chain 0 → 1 → … → 2999, which does not log.
    for (let i = 0; i < 3000; i += 1) buckets.push(bucket(name(i), i === 2999 ? undefined : name(i + 1)));
    // 3000…5999: one loop through 3000 buckets.
    for (let i = 3000; i < 6000; i += 1) buckets.push(bucket(name(i), name(i === 5999 ? 3000 : i + 1)));
    // 6000…6999: 500 two-cycles.
    for (let i = 6000; i < 7000; i += 2) buckets.push(bucket(name(i), name(i + 1)), bucket(name(i + 1), name(i)));
    // 7000…8499: 500 three-cycles.
    for (let i = 7000; i < 8500; i += 3) {
      buckets.push(bucket(name(i), name(i + 1)), bucket(name(i + 1), name(i + 2)), bucket(name(i + 2), name(i)));
    }
    // 8500…8999: self-loops; 9000…9999: each logs into the long loop.
    for (let i = 8500; i < 9000; i += 1) buckets.push(bucket(name(i), name(i)));
    for (let i = 9000; i < 10000; i += 1) buckets.push(bucket(name(i), name(3000 + (i % 3000))));
    const index = indexOf(buckets);
    expect(index.size).toBe(10000);

    const kinds = new Map<string, number>();
    const loopLengths = new Map<number, number>();
    for (let i = 0; i < 10000; i += 1) {
      const chain = loggingChain(index, name(i));
      kinds.set(chain.kind, (kinds.get(chain.kind) ?? 0) + 1);
      if (chain.kind === 'loop') loopLengths.set(chain.length, (loopLengths.get(chain.length) ?? 0) + 1);
    }
    expect(Object.fromEntries(kinds)).toEqual({ ends: 2999, none: 1, loop: 6000, feedsLoop: 1000 });
    expect(Object.fromEntries(loopLengths)).toEqual({ 1: 500, 2: 1000, 3: 1500, 3000: 3000 });

    expect(loggingChain(index, name(0))).toEqual({ kind: 'ends', chain: 'b00000 → b00001 → b00002 → b00003 → b00004 → b00005 → b00006 → … (2992 more) → b02999' });
    expect(loggingChain(index, name(4500))).toEqual({
      kind: 'loop',
      chain: 'b04500 → b04501 → b04502 → b04503 → b04504 → b04505 → b04506 → … (2993 more) → b04500',
      length: 3000,
    });
    expect(loggingChain(index, name(7001))).toEqual({ kind: 'loop', chain: 'b07001 → b07002 → b07000 → b07001', length: 3 });
    expect(loggingChain(index, name(9001))).toEqual({
      kind: 'feedsLoop',
      chain: 'b09001 → b03001',
      loop: 'b03001 → b03002 → b03003 → b03004 → b03005 → b03006 → b03007 → … (2993 more) → b03001',
    });
  });
});
