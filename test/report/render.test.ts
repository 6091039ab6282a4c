import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.ts';
import { FORMATS, render } from '../../src/report/render.ts';
import { renderTable } from '../../src/report/table.ts';
import type { RenderOptions } from '../../src/report/types.ts';
import { FIXTURE_REPORT } from './fixture-report.ts';

describe('render', () => {
  const options: RenderOptions = { minSeverity: 'info', color: false };

  it('dispatches each format to its renderer', () => {
    expect(render('table', FIXTURE_REPORT, options)).toBe(renderTable(FIXTURE_REPORT, options));
    expect(render('json', FIXTURE_REPORT, options)).toBe(renderJson(FIXTURE_REPORT));
  });

  it.each(FORMATS)('%s ends with a newline', (format) => {
    expect(render(format, FIXTURE_REPORT, options).endsWith('\n')).toBe(true);
  });
});
