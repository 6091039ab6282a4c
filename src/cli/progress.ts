import { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import type { Params } from 'cli-progress';
import type { OutputStream } from './io.ts';

/**
 * `auto` (the default): a bar when stderr is a terminal, unless --quiet. `lines` (--progress):
 * the bar on a terminal, otherwise a line every few seconds, for CI logs. `off` (--no-progress).
 */
export type ProgressMode = 'auto' | 'lines' | 'off';

/** --progress asks for it even with --quiet or off a terminal; --no-progress never; by default a bar on a terminal unless --quiet. */
export function progressMode(flag: boolean | undefined, quiet: boolean): ProgressMode {
  if (flag === true) return 'lines';
  if (flag === false || quiet) return 'off';
  return 'auto';
}

export interface Progress {
  /** Collection starts: `total` buckets to collect. */
  start(total: number): void;
  update(done: number): void;
  /** Clears the bar (or prints the last line); safe to call more than once, or without start. */
  finish(): void;
}

/** How often --progress prints a line when stderr is not a terminal. */
export const PROGRESS_LINE_INTERVAL_MS = 5_000;

const SILENT: Progress = { start: () => undefined, update: () => undefined, finish: () => undefined };

/** 75 → "1m15s": short enough for a status line. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  if (whole < 60) return `${String(whole)}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${String(minutes)}m${String(whole % 60).padStart(2, '0')}s`;
  return `${String(Math.floor(minutes / 60))}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** "120/1000 buckets · 40.0/s · ETA 22s": the overall average rate, so the ETA does not jump around. */
export function describeProgress(params: Pick<Params, 'value' | 'total' | 'startTime'>, now: number): string {
  const seconds = (now - params.startTime) / 1000;
  const rate = seconds > 0 ? params.value / seconds : 0;
  const eta = params.value >= params.total ? 'done' : rate > 0 ? `ETA ${formatDuration((params.total - params.value) / rate)}` : 'ETA unknown';
  return `${String(params.value)}/${String(params.total)} buckets · ${rate.toFixed(1)}/s · ${eta}`;
}

/** cli-progress writes to a Node stream; the CLI's streams are injected (tests) and may be plain objects. */
function nodeStream(stream: OutputStream): NodeJS.WritableStream {
  const writable = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      stream.write(chunk.toString());
      callback();
    },
  });
  return Object.assign(writable, { isTTY: stream.isTTY === true, columns: stream.columns ?? 80 });
}

/** Progress on stderr only, never on stdout: stdout carries the report. */
export function createProgress(stream: OutputStream, mode: ProgressMode): Progress {
  const terminal = stream.isTTY === true;
  if (mode === 'off' || (mode === 'auto' && !terminal)) return SILENT;
  const bar = new cliProgress.SingleBar({
    stream: nodeStream(stream),
    // A bar redrawn in place on a terminal; elsewhere one line per interval (cli-progress "noTTY" mode).
    noTTYOutput: !terminal,
    notTTYSchedule: PROGRESS_LINE_INTERVAL_MS,
    clearOnComplete: true,
    barsize: 30,
    barCompleteChar: '\u2588',
    barIncompleteChar: '\u2591',
    format: (options, params) =>
      terminal
        ? `scanning buckets ${cliProgress.Format.BarFormat(params.progress, options)} ${describeProgress(params, Date.now())}`
        : `s3-audit: progress: ${describeProgress(params, Date.now())}`,
  });
  let running = false;
  return {
    start(total) {
      running = true;
      bar.start(total, 0);
    },
    update(done) {
      if (running) bar.update(done);
    },
    finish() {
      if (!running) return;
      running = false;
      bar.stop();
    },
  };
}
