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
import { finding, FIXTURE_REPORT, reportOf } from './fixture-report.ts';
import type { ResourceRef } from '../../src/checks/types.ts';

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

describe('access points in every format', () => {
  const accessPoint: ResourceRef = {
    type: 'access-point',
    arn: 'arn:aws:s3:eu-west-1:123456789012:accesspoint/partners',
    name: 'partners',
    region: 'eu-west-1',
    account: '123456789012',
    bucket: 'shared-data',
  };
  const report = reportOf([finding(accessPoint, 'access-point-network-origin', 'low', 'fail', 'The access point partners (bucket shared-data) has network origin Internet.')]);
  const options: RenderOptions = { minSeverity: 'info', color: false, checks: FIXTURE_CHECKS };

  it.each([
    ['table', '  access-point partners  eu-west-1  bucket shared-data'],
    ['json', '"bucket": "shared-data"'],
    ['sarif', '"uri": "aws/123456789012/eu-west-1/s3/shared-data/access-point/partners"'],
    ['junit', 'name="arn:aws:s3:eu-west-1:123456789012:accesspoint/partners"'],
    ['markdown', 'arn:aws:s3:eu-west-1:123456789012:accesspoint/partners'],
    ['html', 'Access point partners'],
  ] as const)('%s names the access point', (format, expected) => {
    expect(render(format, report, options)).toContain(expected);
  });
});
