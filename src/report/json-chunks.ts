/** Read by position: an array, or Findings made as they are read. */
export interface Sequence<T> {
  readonly length: number;
  at(index: number): T;
}

/**
 * Items per chunk (~60 KB of report text). Small on purpose: V8 puts a string over 128 KB in its
 * large-object space, freed only by a full collection, so chunks of 2,000 findings (~1.2 MB)
 * piled up to a gigabyte of dead text before the heap was collected at 10^5 buckets.
 */
const ITEMS_PER_CHUNK = 100;

/** Stands in for the long array while the rest of the value is stringified. */
export const ARRAY_MARK = '\u0000items\u0000';

/**
 * `JSON.stringify(value, null, 2)` with `items` where `value` holds ARRAY_MARK, in pieces: the
 * array is stringified ITEMS_PER_CHUNK items at a time, so neither the text nor all the items
 * need to exist at once (a report of 10^5 buckets is longer than the longest string V8 holds).
 * Byte for byte the text of JSON.stringify with the array in place.
 */
export function* stringifyInChunks(value: unknown, items: Sequence<unknown>): Generator<string, void, undefined> {
  const text = JSON.stringify(value, null, 2);
  const mark = JSON.stringify(ARRAY_MARK);
  const at = text.indexOf(mark);
  // The mark is unique unless a string in `value` spells it: then in one piece, correct if large.
  if (at === -1 || at !== text.lastIndexOf(mark)) {
    yield JSON.stringify(value, (_, nested: unknown) => (nested === ARRAY_MARK ? Array.from({ length: items.length }, (__, index) => items.at(index)) : nested), 2);
    return;
  }
  const head = text.slice(0, at);
  const tail = text.slice(at + mark.length);
  if (items.length === 0) {
    yield `${head}[]${tail}`;
    return;
  }
  // A raw newline occurs in JSON text only between tokens: the mark's line starts with its key.
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = ' '.repeat(text.slice(lineStart, at).search(/\S|$/));
  const itemIndent = `${indent}  `;
  yield `${head}[\n`;
  for (let start = 0; start < items.length; start += ITEMS_PER_CHUNK) {
    const end = Math.min(start + ITEMS_PER_CHUNK, items.length);
    const texts: string[] = [];
    for (let index = start; index < end; index += 1) {
      texts.push(`${itemIndent}${JSON.stringify(items.at(index), null, 2).replaceAll('\n', `\n${itemIndent}`)}`);
    }
    const chunk = texts.join(',\n');
    yield end === items.length ? `${chunk}\n${indent}]` : `${chunk},\n`;
  }
  yield tail;
}
