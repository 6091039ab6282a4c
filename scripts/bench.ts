// `npm run bench`: the built CLI against the local AWS endpoint (a separate process) serving a
// synthetic account, with injected latency and throttling; compared with a bare SDK loop making
// the same calls. See docs/performance.md. Not part of `npm test`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { SYNTHETIC_ACCOUNT_ID } from '../test/support/aws-endpoint/synthetic.ts';

const root = join(import.meta.dirname, '..');
const recordUsage = join(root, 'scripts', 'bench', 'record-usage.js');

const { values } = parseArgs({
  options: {
    buckets: { type: 'string', default: '1000' },
    'latency-ms': { type: 'string', default: '20' },
    'throttle-every': { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '32' },
    workers: { type: 'string', default: '1,2' },
    repeat: { type: 'string', default: '1' },
    checks: { type: 'string' },
    output: { type: 'string' },
    'no-bare': { type: 'boolean', default: false },
    // Also evaluate a snapshot of this many copies of the account (--snapshot, no API calls): the
    // memory of evaluation and report at 10^5 buckets without 10^6 calls.
    replay: { type: 'string', default: '0' },
  },
  strict: true,
});

function count(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${flag} must be an integer >= ${min}, got ${text}`);
  return n;
}

const buckets = count('buckets', values.buckets, 1);
const latencyMs = count('latency-ms', values['latency-ms'], 0);
const throttleEvery = count('throttle-every', values['throttle-every'], 0);
const concurrency = count('concurrency', values.concurrency, 1);
const repeat = count('repeat', values.repeat, 1);
const replayCopies = count('replay', values.replay, 0);
const workDir = mkdtempSync(join(tmpdir(), 's3-audit-bench-'));
const savedSnapshot = join(workDir, 'scan.jsonl');
const workerCounts = values.workers.split(',').map((text) => (text === 'auto' ? availableParallelism() : count('workers', text, 1)));

const ENV = {
  PATH: process.env.PATH ?? '',
  HOME: tmpdir(),
  // Dummy credentials: the local endpoint reads only the signing scope.
  AWS_ACCESS_KEY_ID: 'AKIABENCHBENCHBENCH1',
  AWS_SECRET_ACCESS_KEY: 'bench-secret-for-the-local-endpoint',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_CONFIG_FILE: join(tmpdir(), 's3-audit-bench-no-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 's3-audit-bench-no-credentials'),
  BENCH_ACCOUNT_ID: SYNTHETIC_ACCOUNT_ID,
};

interface Endpoint {
  readonly url: string;
  command(line: 'counts'): Promise<{ counts: Record<string, number>; cpuMs: number }>;
  reset(): void;
  stop(): void;
}

async function startEndpoint(): Promise<Endpoint> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'test', 'support', 'aws-endpoint', 'cli.ts'),
      '--synthetic',
      String(buckets),
      '--latency-ms',
      String(latencyMs),
      '--throttle-every',
      String(throttleEvery),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'], cwd: root },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const line = await lines.next();
    if (line.done === true) throw new Error('aws-endpoint exited');
    return line.value;
  };
  const { url } = JSON.parse(await next()) as { url: string };
  return {
    url,
    async command(line) {
      child.stdin.write(`${line}\n`);
      return JSON.parse(await next()) as { counts: Record<string, number>; cpuMs: number };
    },
    reset() {
      child.stdin.write('reset\n');
    },
    stop() {
      child.kill('SIGTERM');
    },
  };
}

interface Usage {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMb: number;
  readonly exitCode: number | null;
  readonly stdout: string;
}

/** Runs `node [args]` with the usage recorder preloaded; resolves with wall, CPU and peak RSS. */
async function measure(args: readonly string[]): Promise<Usage> {
  const dir = mkdtempSync(join(tmpdir(), 's3-audit-bench-'));
  const usageFile = join(dir, 'usage.json');
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', recordUsage, ...args], {
    cwd: root,
    env: { ...ENV, BENCH_USAGE_FILE: usageFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { userCPUTime: number; systemCPUTime: number; maxRSS: number };
  rmSync(dir, { recursive: true, force: true });
  return { wallMs, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMb: usage.maxRSS / 1024, exitCode, stdout };
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, n) => total + n, 0);
}

/** The per-bucket S3 operations the scan made (what the bare loop repeats). */
function bucketOperations(counts: Record<string, number>): string[] {
  return Object.keys(counts)
    .filter((key) => key.startsWith('s3:') && key !== 's3:ListBuckets')
    .map((key) => key.slice('s3:'.length))
    .sort();
}

interface Run {
  readonly label: string;
  readonly workers: number;
  readonly calls: number;
  readonly usage: Usage;
  readonly endpointCpuMs: number;
}

async function runCli(endpoint: Endpoint, workers: number, saveSnapshot: boolean): Promise<Run> {
  const output = values.output ?? '/dev/null';
  endpoint.reset();
  const before = await endpoint.command('counts');
  const usage = await measure([
    join(root, 'bin', 's3-audit.js'),
    'scan',
    '--endpoint-url',
    endpoint.url,
    '--format',
    'json',
    '--output',
    output,
    '--concurrency',
    String(concurrency),
    '--workers',
    String(workers),
    '--fail-on',
    'none',
    '--no-config',
    '--no-progress',
    '--quiet',
    ...(values.checks === undefined ? [] : ['--checks', values.checks]),
    ...(saveSnapshot ? ['--save-snapshot', savedSnapshot] : []),
  ]);
  // exit 3: complete=false, some verdict unknown (the scan gave up on a call).
  if (usage.exitCode !== 0 && usage.exitCode !== 3) throw new Error(`s3-audit exited ${String(usage.exitCode)}`);
  const after = await endpoint.command('counts');
  lastCounts = after.counts;
  return {
    label: `cli --workers ${workers}${usage.exitCode === 3 ? ' (UNKNOWN verdicts)' : ''}`,
    workers,
    calls: sum(after.counts),
    usage,
    endpointCpuMs: after.cpuMs - before.cpuMs,
  };
}

async function runBare(endpoint: Endpoint, operations: readonly string[]): Promise<Run> {
  endpoint.reset();
  const before = await endpoint.command('counts');
  const usage = await measure([join(root, 'scripts', 'bench', 'bare-loop.js'), endpoint.url, String(concurrency), operations.join(',')]);
  if (usage.exitCode !== 0) throw new Error(`bare loop exited ${String(usage.exitCode)}`);
  const after = await endpoint.command('counts');
  return { label: 'bare SDK loop', workers: 1, calls: sum(after.counts), usage, endpointCpuMs: after.cpuMs - before.cpuMs };
}

let lastCounts: Record<string, number> = {};

function median(numbers: readonly number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function medianRun(runs: readonly Run[]): Run {
  const first = runs[0];
  if (first === undefined) throw new Error('no runs');
  return {
    ...first,
    calls: median(runs.map((r) => r.calls)),
    endpointCpuMs: median(runs.map((r) => r.endpointCpuMs)),
    usage: {
      ...first.usage,
      wallMs: median(runs.map((r) => r.usage.wallMs)),
      cpuMs: median(runs.map((r) => r.usage.cpuMs)),
      maxRssMb: median(runs.map((r) => r.usage.maxRssMb)),
    },
  };
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(
  `s3-audit bench: ${buckets} buckets, latency ${latencyMs} ms, throttle ${throttleEvery === 0 ? 'off' : `every ${throttleEvery}th request`}, concurrency ${concurrency}, ${repeat} run(s) each (medians)\n` +
    `machine: ${availableParallelism()} cores (${cpuModel}), node ${process.version}\n`,
);
const endpoint = await startEndpoint();
try {
  const cliRuns: Run[] = [];
  for (const workers of workerCounts) {
    const runs: Run[] = [];
    for (let i = 0; i < repeat; i += 1) runs.push(await runCli(endpoint, workers, replayCopies > 0 && cliRuns.length === 0 && i === 0));
    cliRuns.push(medianRun(runs));
  }
  let bare: Run | undefined;
  if (!values['no-bare']) {
    const runs: Run[] = [];
    for (let i = 0; i < repeat; i += 1) runs.push(await runBare(endpoint, bucketOperations(lastCounts)));
    bare = medianRun(runs);
  }
  const replayRuns: Run[] = [];
  if (replayCopies > 0) {
    const scaled = join(workDir, 'scaled.jsonl');
    const scale = await measure(['--import', 'tsx', join(root, 'scripts', 'bench', 'scale-snapshot.ts'), savedSnapshot, String(replayCopies), scaled]);
    if (scale.exitCode !== 0) throw new Error('scale-snapshot failed');
    const usage = await measure([
      join(root, 'bin', 's3-audit.js'),
      'scan',
      '--snapshot',
      scaled,
      '--format',
      'json',
      '--output',
      values.output ?? '/dev/null',
      '--fail-on',
      'none',
      '--no-config',
      '--quiet',
      ...(values.checks === undefined ? [] : ['--checks', values.checks]),
    ]);
    if (usage.exitCode !== 0 && usage.exitCode !== 3) throw new Error(`s3-audit --snapshot exited ${String(usage.exitCode)}`);
    replayRuns.push({ label: `cli --snapshot (${replayCopies} copies: ${(buckets - 4) * replayCopies + 4} buckets)`, workers: 1, calls: 0, usage, endpointCpuMs: 0 });
  }
  const header = '| run | buckets | API calls | wall s | CPU s | peak RSS MB | calls/s | endpoint CPU s | latency bound s | ratio | CPU ÷ bare |';
  process.stdout.write(`\n${header}\n|${'---|'.repeat(11)}\n`);
  for (const run of [...cliRuns, ...(bare === undefined ? [] : [bare]), ...replayRuns]) {
    const latencyBoundMs = (run.calls * latencyMs) / concurrency;
    const cpuBoundMs = bare === undefined ? 0 : bare.usage.cpuMs / run.workers;
    // A replayed snapshot makes no calls: no bound to compare with.
    const bound = run.calls === 0 ? 0 : Math.max(latencyBoundMs, cpuBoundMs);
    const cells = [
      run.label,
      run.calls === 0 ? String((buckets - 4) * replayCopies + 4) : String(buckets),
      String(run.calls),
      seconds(run.usage.wallMs),
      seconds(run.usage.cpuMs),
      run.usage.maxRssMb.toFixed(0),
      ((run.calls * 1000) / run.usage.wallMs).toFixed(0),
      seconds(run.endpointCpuMs),
      seconds(latencyBoundMs),
      bound === 0 ? '–' : (run.usage.wallMs / bound).toFixed(2),
      bare === undefined || run.calls === 0 ? '–' : (run.usage.cpuMs / bare.usage.cpuMs).toFixed(2),
    ];
    process.stdout.write(`| ${cells.join(' | ')} |\n`);
  }
  process.stdout.write(
    '\nratio = wall ÷ max(calls × latency ÷ concurrency, bare-loop CPU ÷ workers); CPU ÷ bare = the run\'s CPU time ÷ the bare SDK loop\'s.\n',
  );
  const perOperation = Object.entries(lastCounts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([operation, n]) => `${operation} ${n}`);
  process.stdout.write(`calls of the last scan: ${perOperation.join(', ')}\n`);
  const single = cliRuns.find((run) => run.workers === 1);
  for (const run of cliRuns) {
    if (single !== undefined && run !== single) {
      process.stdout.write(`--workers ${run.workers} wall ÷ --workers 1 wall = ${(run.usage.wallMs / single.usage.wallMs).toFixed(2)}\n`);
    }
  }
} finally {
  endpoint.stop();
  rmSync(workDir, { recursive: true, force: true });
}
