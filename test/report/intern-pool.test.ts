import { describe, expect, it } from 'vitest';
import { InternPool } from '../../src/report/intern-pool.ts';

describe('InternPool: one shared copy of values that repeat', () => {
  it('hands back the value first pooled under a key', () => {
    const pool = new InternPool<{ readonly enabled: boolean }>(10);
    const first = { enabled: false };
    pool.intern('{"enabled":false}', first);
    expect(pool.intern('{"enabled":false}', { enabled: false })).toBe(first);
  });

  it('keeps values under different keys apart', () => {
    const pool = new InternPool<{ readonly enabled: boolean }>(10);
    const off = pool.intern('{"enabled":false}', { enabled: false });
    const on = pool.intern('{"enabled":true}', { enabled: true });
    expect([off, on]).toEqual([{ enabled: false }, { enabled: true }]);
    expect(on).not.toBe(off);
  });

  it('never holds more than its size: when full it starts over, then pools again', () => {
    const pool = new InternPool<object>(3);
    for (let i = 0; i < 10; i += 1) pool.intern(`bucket-${String(i)}`, { i });
    expect(pool.size).toBeLessThanOrEqual(3);
    const again = { again: true };
    pool.intern('late', again);
    expect(pool.intern('late', { again: true })).toBe(again);
  });
});
