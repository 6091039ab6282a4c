import { describe, expect, it } from 'vitest';
import { ARRAY_MARK, stringifyInChunks } from '../../src/report/json-chunks.ts';

const items = Array.from({ length: 250 }, (_, index) => ({ index, name: `item ${String(index)}`, nested: { list: [index, 'x'], empty: {} } }));

/** The value with the array where the mark is, as JSON.stringify would see it. */
function withArray(value: unknown, array: readonly unknown[]): unknown {
  return JSON.parse(JSON.stringify(value), (_, nested: unknown) => (nested === ARRAY_MARK ? array : nested));
}

describe('stringifyInChunks: JSON.stringify(value, null, 2) with a long array, in pieces', () => {
  it.each<[string, unknown, readonly unknown[]]>([
    ['the array at the top level of an object', { before: 1, list: ARRAY_MARK, after: 'end' }, items],
    ['the array deep inside objects and arrays', { runs: [{ tool: { name: 't' }, results: ARRAY_MARK, properties: { a: 1 } }] }, items],
    ['an array of one item', { list: ARRAY_MARK }, [items[0]]],
    ['an empty array', { list: ARRAY_MARK, after: [] }, []],
    ['strings, numbers and null as items', { list: ARRAY_MARK }, ['a', 1, null, 'multi\nline']],
  ])('gives the text JSON.stringify gives: %s', (_, value, array) => {
    const chunks = [...stringifyInChunks(value, array)];
    expect(chunks.join('')).toBe(JSON.stringify(withArray(value, array), null, 2));
  });

  it('writes a long array in several pieces rather than one', () => {
    expect([...stringifyInChunks({ list: ARRAY_MARK }, items)].length).toBeGreaterThan(3);
  });

  it('when a string in the value spells the mark too, writes one piece with every such string replaced', () => {
    const value = { note: ARRAY_MARK, list: ARRAY_MARK };
    expect([...stringifyInChunks(value, [1, 2])].join('')).toBe(JSON.stringify({ note: [1, 2], list: [1, 2] }, null, 2));
  });
});
