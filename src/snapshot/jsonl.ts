import { UserError } from '../errors.ts';
import { describeFirstIssue } from '../format-path.ts';
import { headerSchema, recordSchema, SNAPSHOT_SCHEMA_VERSION } from './schema.ts';
import type { SnapshotHeader, SnapshotRecord } from './types.ts';

export function serializeSnapshotLine(line: SnapshotHeader | SnapshotRecord): string {
  return `${JSON.stringify(line)}\n`;
}

export interface ParsedSnapshot {
  readonly header: SnapshotHeader;
  readonly records: AsyncIterable<SnapshotRecord>;
}

function parseJsonLine(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(`${where}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function checkHeader(value: unknown, where: string): SnapshotHeader {
  if (typeof value !== 'object' || value === null || !('kind' in value) || value.kind !== 's3-audit-snapshot') {
    throw new UserError(`${where}: not an s3-audit snapshot (the first line must be the snapshot header)`);
  }
  const version = 'schemaVersion' in value ? value.schemaVersion : undefined;
  if (typeof version === 'number' && version > SNAPSHOT_SCHEMA_VERSION) {
    throw new UserError(
      `${where}: snapshot schema version ${version} was written by a newer s3-audit; this version reads version ${SNAPSHOT_SCHEMA_VERSION} — upgrade s3-audit`,
    );
  }
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success) throw new UserError(`${where}: invalid snapshot header: ${describeFirstIssue(parsed.error)}`);
  return parsed.data;
}

/**
 * Reads a JSON Lines snapshot as it streams: the header first, then one record per line.
 * Any malformed line stops the read with a UserError naming the source, the line and the problem.
 */
export async function parseSnapshot(lines: AsyncIterable<string>, source: string): Promise<ParsedSnapshot> {
  const iterator = lines[Symbol.asyncIterator]();
  let lineNumber = 0;
  let first = await iterator.next();
  lineNumber++;
  while (first.done !== true && first.value.trim() === '') {
    first = await iterator.next();
    lineNumber++;
  }
  if (first.done === true) throw new UserError(`${source}: empty file, expected an s3-audit snapshot`);
  const header = checkHeader(parseJsonLine(first.value, `${source}:${lineNumber}`), `${source}:${lineNumber}`);

  async function* records(): AsyncGenerator<SnapshotRecord> {
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      lineNumber++;
      if (next.value.trim() === '') continue;
      const where = `${source}:${lineNumber}`;
      const parsed = recordSchema.safeParse(parseJsonLine(next.value, where));
      if (!parsed.success) throw new UserError(`${where}: invalid snapshot record: ${describeFirstIssue(parsed.error)}`);
      yield parsed.data;
    }
  }
  return { header, records: records() };
}
