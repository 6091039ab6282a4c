import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, appendFile, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { UserError } from '../errors.ts';

function describeFsError(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return `${error.code}: ${error.message.replace(/^\w+: /, '')}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Devices and pipes (/dev/null, /dev/stdout, a FIFO) cannot be replaced by a rename: write them directly. */
async function isSpecialFile(path: string): Promise<boolean> {
  try {
    return !(await stat(path)).isFile();
  } catch {
    return false;
  }
}

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.s3-audit-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Fails early, naming the flag, when `path` could not be created or replaced later. */
export async function assertWritable(path: string, flag: string): Promise<void> {
  const target = resolve(path);
  try {
    await access((await isSpecialFile(target)) ? target : dirname(target), constants.W_OK);
  } catch (error) {
    throw new UserError(`${flag} ${path}: cannot write (${describeFsError(error)})`);
  }
}

/** Writes pieces as they come: a report can be larger than one string may be. */
async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path);
  try {
    await once(stream, 'open');
    for (const chunk of chunks) {
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    stream.end();
    await once(stream, 'finish');
  } catch (error) {
    stream.destroy();
    throw error;
  }
}

/** Writes the whole file or nothing: readers never see a half-written report. */
export async function writeFileAtomic(path: string, content: string | Iterable<string>, flag: string): Promise<void> {
  const target = resolve(path);
  const write = (to: string): Promise<void> => (typeof content === 'string' ? writeFile(to, content) : writeChunks(to, content));
  try {
    if (await isSpecialFile(target)) {
      await write(target);
      return;
    }
    const temp = tempPathFor(target);
    try {
      await write(temp);
      await rename(temp, target);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  } catch (error) {
    throw new UserError(`${flag} ${path}: cannot write (${describeFsError(error)})`);
  }
}

/** Adds to the end of a file others write too, such as GitHub's step summary. */
export async function appendText(path: string, content: string, flag: string): Promise<void> {
  try {
    await appendFile(resolve(path), content);
  } catch (error) {
    throw new UserError(`${flag} ${path}: cannot write (${describeFsError(error)})`);
  }
}

export interface LineWriter {
  write(line: string): Promise<void>;
  /** Makes the file appear under its final name. */
  commit(): Promise<void>;
  /** Removes the partial file. */
  abort(): Promise<void>;
}

/** A streamed file that appears under its name only once complete; owner-only, as snapshots hold policies. */
export async function openAtomicLineWriter(path: string, flag: string): Promise<LineWriter> {
  const target = resolve(path);
  const direct = await isSpecialFile(target);
  const temp = direct ? target : tempPathFor(target);
  const stream = createWriteStream(temp, { mode: 0o600 });
  const fail = (error: unknown): never => {
    throw new UserError(`${flag} ${path}: cannot write (${describeFsError(error)})`);
  };
  await once(stream, 'open').catch(fail);
  return {
    async write(line) {
      if (!stream.write(line)) await once(stream, 'drain').catch(fail);
    },
    async commit() {
      stream.end();
      await once(stream, 'finish').catch(fail);
      if (!direct) await rename(temp, target).catch(fail);
    },
    async abort() {
      // Writes still queued fail once the stream is destroyed; nothing should hear of them.
      stream.on('error', () => undefined);
      stream.destroy();
      if (!direct) await unlink(temp).catch(() => undefined);
    },
  };
}

/** Sizes past which an input file is refused rather than read (docs/reliability.md, Input limits). */
export const MAX_FILE_BYTES = {
  config: 1024 * 1024,
  baseline: 256 * 1024 * 1024,
  /** A shard's JSON report for merge: read whole, so bounded by V8's longest string (~512 MiB). */
  report: 512 * 1024 * 1024,
  /** Per line: a snapshot streams, but one line is held whole (a bucket record is far below this). */
  snapshotLine: 16 * 1024 * 1024,
} as const;

function formatBytes(bytes: number): string {
  const mib = 1024 * 1024;
  return bytes >= mib && bytes % mib === 0 ? `${bytes / mib} MiB` : `${bytes} bytes`;
}

/**
 * Lines of a text file, read as a stream; a missing or unreadable file, or a line longer than
 * `maxLineBytes` (a binary or foreign file), is a UserError naming the flag, the path and the line.
 */
export async function readLines(path: string, flag: string, maxLineBytes: number = MAX_FILE_BYTES.snapshotLine): Promise<AsyncIterable<string>> {
  const stream = createReadStream(resolve(path), { encoding: 'utf8' });
  await once(stream, 'open').catch((error: unknown) => {
    throw new UserError(`${flag} ${path}: cannot read (${describeFsError(error)})`);
  });
  return splitLines(stream, maxLineBytes, {
    tooLong: (line) => `${flag} ${path}:${line}: a line longer than ${formatBytes(maxLineBytes)}; not a file s3-audit wrote`,
    unreadable: (error) => `${flag} ${path}: cannot read (${describeFsError(error)})`,
  });
}

async function* splitLines(
  chunks: AsyncIterable<string>,
  maxLength: number,
  problem: { tooLong(line: number): string; unreadable(error: unknown): string },
): AsyncGenerator<string> {
  let pending = '';
  let line = 0;
  try {
    for await (const chunk of chunks) {
      const parts = (pending + chunk).split('\n');
      pending = parts.pop() ?? '';
      for (const part of parts) {
        line++;
        if (part.length > maxLength) throw new UserError(problem.tooLong(line));
        yield part.endsWith('\r') ? part.slice(0, -1) : part;
      }
      if (pending.length > maxLength) throw new UserError(problem.tooLong(line + 1));
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(problem.unreadable(error));
  }
  if (pending !== '') yield pending;
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

async function readBounded(path: string, flag: string, maxBytes: number): Promise<string> {
  const target = resolve(path);
  const { size } = await stat(target);
  if (size > maxBytes) {
    throw new UserError(`${flag} ${path}: ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} s3-audit reads from such a file`);
  }
  return readFile(target, 'utf8');
}

/** A whole (small) text file; a missing, unreadable or too large one is a UserError naming the flag and the path. */
export async function readText(path: string, flag: string, maxBytes: number): Promise<string> {
  try {
    return await readBounded(path, flag, maxBytes);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${flag} ${path}: cannot read (${describeFsError(error)})`);
  }
}

/** Like readText, but a file that does not exist is `undefined`: for files that are read when present. */
export async function readTextIfPresent(path: string, flag: string, maxBytes: number): Promise<string | undefined> {
  try {
    return await readBounded(path, flag, maxBytes);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    if (error instanceof UserError) throw error;
    throw new UserError(`${flag} ${path}: cannot read (${describeFsError(error)})`);
  }
}
