import { isOneOf } from '../../src/is-one-of.ts';
import { describe, expect, it } from 'vitest';
import { SEVERITIES, type Severity } from '../../src/checks/types.ts';
import { compareSeverity, meetsSeverity, severityRank } from '../../src/report/severity.ts';

describe('meetsSeverity', () => {
  it.each<[Severity, Severity, boolean]>([
    ['critical', 'low', true],
    ['high', 'high', true],
    ['medium', 'high', false],
    ['info', 'info', true],
    ['info', 'low', false],
    ['low', 'info', true],
  ])('%s meets minimum %s: %s', (severity, min, expected) => {
    expect(meetsSeverity(severity, min)).toBe(expected);
  });
});

describe('severity ranking', () => {
  it('ranks critical > high > medium > low > info', () => {
    const mostSevereFirst: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
    const ranks = mostSevereFirst.map(severityRank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(new Set(ranks).size).toBe(5);
  });

  it('sorts most severe first', () => {
    expect(['low', 'critical', 'info', 'medium', 'high'].filter((value) => isOneOf(SEVERITIES, value)).sort(compareSeverity)).toEqual(SEVERITIES);
  });
});
