import { ARRAY_MARK, stringifyInChunks } from './json-chunks.ts';
import type { Report } from './types.ts';

/**
 * The design §6 JSON contract. It keeps every verdict, pass included, whatever `--severity`
 * says: that option only trims what the table lists, and JSON consumers filter for themselves.
 */
export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}

/** renderJson in pieces, byte for byte the same text: millions of findings are written as they are rendered. */
export function* renderJsonChunks(report: Report): Generator<string, void, undefined> {
  yield* stringifyInChunks({ ...report, findings: ARRAY_MARK }, report.findings);
  yield '\n';
}
