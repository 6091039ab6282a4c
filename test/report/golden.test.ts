import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.ts';
import { renderJson } from '../../src/report/json.ts';
import { renderJunit } from '../../src/report/junit.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { renderSarif } from '../../src/report/sarif.ts';
import { renderTable } from '../../src/report/table.ts';
import type { RenderOptions } from '../../src/report/types.ts';
import { sarifProblems } from '../support/sarif-validation.ts';
import { FIXTURE_CHECKS } from './fixture-checks.ts';
import { FIXTURE_REPORT } from './fixture-report.ts';

const OPTIONS: RenderOptions = { minSeverity: 'info', color: false, checks: FIXTURE_CHECKS };

describe('golden files', () => {
  it('table, color off', async () => {
    await expect(renderTable(FIXTURE_REPORT, { minSeverity: 'info', color: false })).toMatchFileSnapshot('golden/table.txt');
  });

  it('table, color on', async () => {
    await expect(renderTable(FIXTURE_REPORT, { minSeverity: 'info', color: true })).toMatchFileSnapshot('golden/table-color.txt');
  });

  it('table, --severity medium', async () => {
    await expect(renderTable(FIXTURE_REPORT, { minSeverity: 'medium', color: false })).toMatchFileSnapshot(
      'golden/table-medium.txt',
    );
  });

  it('json', async () => {
    await expect(renderJson(FIXTURE_REPORT)).toMatchFileSnapshot('golden/report.json');
  });

  it('sarif, valid for the schema and for GitHub', async () => {
    const sarif = renderSarif(FIXTURE_REPORT, OPTIONS);
    expect(sarifProblems(sarif)).toEqual([]);
    await expect(sarif).toMatchFileSnapshot('golden/report.sarif');
  });

  it('junit', async () => {
    await expect(renderJunit(FIXTURE_REPORT, OPTIONS)).toMatchFileSnapshot('golden/report.junit.xml');
  });

  it('markdown', async () => {
    await expect(renderMarkdown(FIXTURE_REPORT, OPTIONS)).toMatchFileSnapshot('golden/report.md');
  });

  it('markdown, --severity medium', async () => {
    await expect(renderMarkdown(FIXTURE_REPORT, { ...OPTIONS, minSeverity: 'medium' })).toMatchFileSnapshot('golden/report-medium.md');
  });

  it('html', async () => {
    await expect(renderHtml(FIXTURE_REPORT)).toMatchFileSnapshot('golden/report.html');
  });
});
