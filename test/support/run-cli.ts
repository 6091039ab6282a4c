import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from './snapshot-file.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 's3-audit.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The built CLI as a user runs it, in a clean environment: never the developer's own AWS
 * credentials or config, only what the test passes. Async, so an in-process endpoint keeps serving.
 */
export function runBuiltCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  options: { readonly cwd?: string } = {},
): Promise<CliRun> {
  return startBuiltCli(args, env, options).done;
}

export interface StartedCli {
  readonly child: ChildProcess;
  readonly done: Promise<CliRun>;
}

/** runBuiltCli with a handle on the process, to signal it while it runs. */
export function startBuiltCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  options: { readonly cwd?: string } = {},
): StartedCli {
  const home = tempDir();
  const child = spawn(process.execPath, [BIN, ...args], {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_REGION: 'us-east-1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
  return { child, done };
}

/** Static dummy keys: the local endpoint never checks signatures, only reads their scope. */
export const TEST_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAE2ETESTE2ETESTE2',
  AWS_SECRET_ACCESS_KEY: 'e2e-canary-secret-0f3c9a7d',
} as const;
