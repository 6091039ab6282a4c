// Plain-text helpers for terminal renderers; they know nothing about reports.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const LAYOUT_WHITESPACE = /[\t\n\v\f\r]/g;

/**
 * Makes text from AWS (error details, policy fragments, names from S3-compatible stores) safe
 * to print: a hostile value must not recolor, hide or rewrite terminal output (ESC, OSC, CR).
 * Line breaks become spaces; the renderer decides where lines end.
 */
export function sanitize(text: string): string {
  return text
    .replace(LAYOUT_WHITESPACE, ' ')
    .replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Greedy word wrap to `width` columns. A word longer than the width keeps its own line
 * unbroken: ARNs and policy fragments must stay copy-pasteable.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "850 ms", "12.3s", "2m 05s", "1h 02m"; undefined when the timestamps make no sense. */
export function formatDuration(startedAt: string, finishedAt: string): string | undefined {
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
}

/** Code-unit order, not localeCompare: output must sort the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
