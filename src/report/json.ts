import type { Report } from './types.ts';

/**
 * The design §6 JSON contract. It keeps every verdict, pass included, whatever `--severity`
 * says: that option only trims what the table lists, and JSON consumers filter for themselves.
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
