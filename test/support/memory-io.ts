import type { CliIo } from '../../src/cli/io.ts';

export interface MemoryIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

/** An in-memory CliIo: main() runs in-process and the test reads what it wrote. */
export function memoryIo(options: { env?: Record<string, string>; tty?: boolean; cwd?: string } = {}): MemoryIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (err += text), isTTY: options.tty ?? false },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}
