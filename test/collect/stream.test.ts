import { describe, expect, it } from 'vitest';
import { drain, mapUnordered } from '../../src/collect/stream.ts';
import { readAll, sleep } from './support.ts';

describe('mapUnordered', () => {
  it('yields each result when it is ready, not in input order', async () => {
    const delays = [30, 1, 15];
    const out = await readAll(mapUnordered(delays, 3, async (ms) => {
      await sleep(ms);
      return ms;
    }));
    expect(out).toEqual([1, 15, 30]);
  });

  it('keeps at most `window` items started and not yet consumed', async () => {
    let running = 0;
    let maxRunning = 0;
    const out = await readAll(
      mapUnordered(Array.from({ length: 40 }, (_, index) => index), 4, async (item) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await sleep(1);
        running -= 1;
        return item;
      }),
    );
    expect(out.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index));
    expect(maxRunning).toBeLessThanOrEqual(4);
  });

  it('reads its input lazily: nothing beyond the window is pulled while the consumer waits', async () => {
    let pulled = 0;
    function* items(): Generator<number> {
      for (let index = 0; index < 1_000; index += 1) {
        pulled += 1;
        yield index;
      }
    }
    const iterator = mapUnordered(items(), 3, (item) => Promise.resolve(item));
    await iterator.next();
    await sleep(5);
    expect(pulled).toBeLessThanOrEqual(4);
    await iterator.return();
  });

  it('ends with the error of a failed item', async () => {
    const run = readAll(
      mapUnordered([1, 2, 3], 2, (item) => (item === 2 ? Promise.reject(new Error('bad item')) : Promise.resolve(item))),
    );
    await expect(run).rejects.toThrow('bad item');
  });

  it('gets through many more items than its window', async () => {
    const items = Array.from({ length: 50_000 }, (_, index) => index);
    const out = await readAll(mapUnordered(items, 64, (item) => Promise.resolve(item)));
    expect(out).toHaveLength(50_000);
  });
});

describe('drain', () => {
  it('yields every element and clears the array behind it', () => {
    const items: (string | undefined)[] = ['a', 'b', 'c'];
    expect([...drain(items)]).toEqual(['a', 'b', 'c']);
    expect(items).toEqual([undefined, undefined, undefined]);
  });
});
