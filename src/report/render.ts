import { renderHtml } from './html.ts';
import { renderJson, renderJsonChunks } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { renderSarif, renderSarifChunks } from './sarif.ts';
import { renderTable, renderTableChunks } from './table.ts';
import type { RenderOptions, Report } from './types.ts';

export const FORMATS = ['table', 'json', 'sarif', 'junit', 'markdown', 'html'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export type Renderer = (report: Report, options: RenderOptions) => string;

// Adding a name to FORMATS fails to compile until its renderer is registered here.
const RENDERERS: Readonly<Record<ReportFormat, Renderer>> = {
  table: renderTable,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
  html: renderHtml,
};

export function render(format: ReportFormat, report: Report, options: RenderOptions): string {
  return RENDERERS[format](report, options);
}

/**
 * The same text as render(), in pieces: JSON (every verdict), the table (every failing one) and
 * SARIF (up to 25,000 results) are written as they render; HTML and Markdown are bounded.
 */
export function renderChunks(format: ReportFormat, report: Report, options: RenderOptions): Iterable<string> {
  if (format === 'json') return renderJsonChunks(report);
  if (format === 'table') return renderTableChunks(report, options);
  if (format === 'sarif') return renderSarifChunks(report, options);
  return [render(format, report, options)];
}
