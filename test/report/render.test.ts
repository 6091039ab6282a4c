import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.ts';
import { renderJson } from '../../src/report/json.ts';
import { renderJunit } from '../../src/report/junit.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { FORMATS, render } from '../../src/report/render.ts';
import { renderSarif } from '../../src/report/sarif.ts';
import { renderTable } from '../../src/report/table.ts';
import type { RenderOptions } from '../../src/report/types.ts';
import { FIXTURE_CHECKS } from './fixture-checks.ts';
import { FIXTURE_REPORT } from './fixture-report.ts';

describe('render', () => {
  const options: RenderOptions = { minSeverity: 'info', color: false, checks: FIXTURE_CHECKS };

  it('dispatches each format to its renderer', () => {
    expect(render('table', FIXTURE_REPORT, options)).toBe(renderTable(FIXTURE_REPORT, options));
    expect(render('json', FIXTURE_REPORT, options)).toBe(renderJson(FIXTURE_REPORT));
    expect(render('sarif', FIXTURE_REPORT, options)).toBe(renderSarif(FIXTURE_REPORT, options));
    expect(render('junit', FIXTURE_REPORT, options)).toBe(renderJunit(FIXTURE_REPORT, options));
    expect(render('markdown', FIXTURE_REPORT, options)).toBe(renderMarkdown(FIXTURE_REPORT, options));
    expect(render('html', FIXTURE_REPORT, options)).toBe(renderHtml(FIXTURE_REPORT));
  });

  it.each(FORMATS)('%s ends with a newline', (format) => {
    expect(render(format, FIXTURE_REPORT, options).endsWith('\n')).toBe(true);
  });
});
