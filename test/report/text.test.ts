import { describe, expect, it } from 'vitest';
import { formatDuration, wrap } from '../../src/report/text.ts';

describe('formatDuration', () => {
  it.each([
    ['2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.850Z', '850 ms'],
    ['2025-01-01T00:00:00.000Z', '2025-01-01T00:00:12.400Z', '12.4s'],
    ['2025-01-01T00:00:00.000Z', '2025-01-01T00:02:05.000Z', '2m 05s'],
    ['2025-01-01T00:00:00.000Z', '2025-01-01T01:02:10.000Z', '1h 02m'],
    ['2025-01-01T00:00:10.000Z', '2025-01-01T00:00:00.000Z', undefined],
    ['garbage', '2025-01-01T00:00:00.000Z', undefined],
  ])('%s → %s is %s', (start, end, expected) => {
    expect(formatDuration(start, end)).toBe(expected);
  });
});

describe('wrap', () => {
  it.each([
    ['fits', 'a b c', 10, ['a b c']],
    ['breaks at spaces', 'aaa bbb ccc', 7, ['aaa bbb', 'ccc']],
    ['keeps a long word whole on its own line', 'a arn:aws:s3:::long-bucket b', 8, ['a', 'arn:aws:s3:::long-bucket', 'b']],
    ['collapses runs of whitespace', '  a   b  ', 10, ['a b']],
    ['empty text is one empty line', '', 10, ['']],
  ])('%s', (_, text, width, lines) => {
    expect(wrap(text, width)).toEqual(lines);
  });
});
