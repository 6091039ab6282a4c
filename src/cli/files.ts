import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, appendFile, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
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

/** Lines of a text file, read as a stream; a missing or unreadable file is a UserError naming it. */
export async function readLines(path: string, flag: string): Promise<AsyncIterable<string>> {
  const stream = createReadStream(resolve(path), { encoding: 'utf8' });
  await once(stream, 'open').catch((error: unknown) => {
    throw new UserError(`${flag} ${path}: cannot read (${describeFsError(error)})`);
  });
  return createInterface({ input: stream, crlfDelay: Infinity });
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/** A whole (small) text file; a missing or unreadable one is a UserError naming the flag and the path. */
export async function readText(path: string, flag: string): Promise<string> {
  try {
    return await readFile(resolve(path), 'utf8');
  } catch (error) {
    throw new UserError(`${flag} ${path}: cannot read (${describeFsError(error)})`);
  }
}

/** Like readText, but a file that does not exist is `undefined`: for files that are read when present. */
export async function readTextIfPresent(path: string, flag: string): Promise<string | undefined> {
  try {
    return await readFile(resolve(path), 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw new UserError(`${flag} ${path}: cannot read (${describeFsError(error)})`);
  }
}
