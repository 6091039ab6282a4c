import { describe, expect, it } from 'vitest';
import { renderJson, renderJsonChunks } from '../../src/report/json.ts';
import { FIXTURE_REPORT, reportOf } from './fixture-report.ts';

describe('renderJson', () => {
  it.each([
    ['fixture report', FIXTURE_REPORT],
    ['empty report', reportOf([])],
  ])('round-trips: JSON.parse(renderJson(r)) deep-equals r (%s)', (_, report) => {
    expect(JSON.parse(renderJson(report))).toStrictEqual({ ...report, findings: [...report.findings] });
  });

  it('keeps every verdict, pass included', () => {
    const parsed: unknown = JSON.parse(renderJson(FIXTURE_REPORT));
    expect(parsed).toMatchObject({ findings: [...FIXTURE_REPORT.findings] });
    expect(FIXTURE_REPORT.findings.some((f) => f.status === 'pass')).toBe(true);
  });

  it('has the design §6 top-level keys in order, 2-space indent and a trailing newline', () => {
    const text = renderJson(FIXTURE_REPORT);
    const keys = [...text.matchAll(/^ {2}"(\w+)":/gm)].map((match) => match[1]);
    expect(keys).toEqual(['schemaVersion', 'tool', 'account', 'partition', 'startedAt', 'finishedAt', 'complete', 'summary', 'findings', 'errors', 'notes']);
    expect(text.startsWith('{\n  "schemaVersion": 1,\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('is rendered in pieces that add up to JSON.stringify of the report, also for thousands of findings', () => {
    const finding = FIXTURE_REPORT.findings.at(0);
    const many = reportOf(Array.from({ length: 4500 }, (_, i) => ({ ...finding, message: `finding ${i}` })));
    for (const report of [FIXTURE_REPORT, reportOf([]), many]) {
      const chunks = [...renderJsonChunks(report)];
      expect(chunks.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    }
    expect([...renderJsonChunks(many)].length).toBeGreaterThan(3);
  });
});
