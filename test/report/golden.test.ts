import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.ts';
import { renderTable } from '../../src/report/table.ts';
import { FIXTURE_REPORT } from './fixture-report.ts';

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
});
