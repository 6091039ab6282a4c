import type { Report } from './types.ts';

/**
 * Findings per chunk (~60 KB of text). Small on purpose: V8 puts a string over 128 KB in its
 * large-object space, freed only by a full collection, so chunks of 2,000 findings (~1.2 MB)
 * piled up to a gigabyte of dead text before the heap was collected at 10^5 buckets.
 */
const FINDINGS_PER_CHUNK = 100;

/** Stands in for the findings array while the rest of the report is stringified. */
const FINDINGS_MARK = '\u0000findings\u0000';

/**
 * The design §6 JSON contract. It keeps every verdict, pass included, whatever `--severity`
 * says: that option only trims what the table lists, and JSON consumers filter for themselves.
 */
export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}

/**
 * renderJson in pieces, byte for byte the same text: a report of 10^5 buckets (millions of
 * findings, pass included) is larger than the longest string V8 can hold, so it is written as it
 * is rendered.
 */
export function* renderJsonChunks(report: Report): Generator<string, void, undefined> {
  const { findings } = report;
  if (findings.length === 0) {
    yield `${JSON.stringify(report, null, 2)}\n`;
    return;
  }
  const text = JSON.stringify({ ...report, findings: FINDINGS_MARK }, null, 2);
  // A raw newline occurs in JSON text only between tokens: this is the top-level key.
  const key = `\n  "findings": `;
  const at = text.indexOf(`${key}${JSON.stringify(FINDINGS_MARK)}`);
  const head = text.slice(0, at + key.length);
  const tail = text.slice(at + key.length + JSON.stringify(FINDINGS_MARK).length);
  yield `${head}[\n`;
  for (let start = 0; start < findings.length; start += FINDINGS_PER_CHUNK) {
    const end = Math.min(start + FINDINGS_PER_CHUNK, findings.length);
    const texts: string[] = [];
    for (let index = start; index < end; index += 1) {
      texts.push(`    ${JSON.stringify(findings.at(index), null, 2).replaceAll('\n', '\n    ')}`);
    }
    const chunk = texts.join(',\n');
    yield end === findings.length ? `${chunk}\n  ]` : `${chunk},\n`;
  }
  yield `${tail}\n`;
}
