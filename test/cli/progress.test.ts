import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgress, describeProgress, formatDuration, PROGRESS_LINE_INTERVAL_MS, progressMode } from '../../src/cli/progress.ts';
import type { ProgressMode } from '../../src/cli/progress.ts';

function recorder(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { write: (text: string) => writes.push(text), isTTY, columns: 120 }, text: () => writes.join('') };
}

// Terminal control sequences (cursor moves, line clears) are cli-progress's business; tests read the text.
// eslint-disable-next-line no-control-regex -- matching those sequences is the point
const stripControls = (text: string): string => text.replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b[78]/g, '');

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('progress on stderr: a bar on a terminal, lines with --progress elsewhere, never by default off a terminal', () => {
  it.each<[string, boolean, ProgressMode]>([
    ['not a terminal, default', false, 'auto'],
    ['a terminal with --no-progress (or --quiet)', true, 'off'],
    ['not a terminal with --no-progress', false, 'off'],
  ])('writes nothing: %s', (_name, isTTY, mode) => {
    const { stream, text } = recorder(isTTY);
    const progress = createProgress(stream, mode);
    progress.start(10);
    vi.advanceTimersByTime(60_000);
    progress.update(10);
    progress.finish();
    expect(text()).toBe('');
  });

  it.each<ProgressMode>(['auto', 'lines'])('draws a bar with count, rate and ETA on a terminal (%s), and clears it at the end', (mode) => {
    const { stream, text } = recorder(true);
    const progress = createProgress(stream, mode);
    progress.start(40);
    vi.advanceTimersByTime(1000);
    progress.update(10);
    vi.advanceTimersByTime(1000);
    expect(stripControls(text())).toContain('scanning buckets ████████░░░░░░░░░░░░░░░░░░░░░░ 10/40 buckets · 10.0/s · ETA 3s');
    progress.finish();
    expect(text().endsWith('\u001b[2K')).toBe(true);
    expect(text()).not.toContain('\n');
  });

  it('prints one line per interval with --progress when stderr is not a terminal, and a last one at the end', () => {
    const { stream, text } = recorder(false);
    const progress = createProgress(stream, 'lines');
    progress.start(100);
    progress.update(10);
    vi.advanceTimersByTime(PROGRESS_LINE_INTERVAL_MS - 1);
    progress.update(25);
    expect(text()).toBe('s3-audit: progress: 0/100 buckets · 0.0/s · ETA unknown\n');
    vi.advanceTimersByTime(1);
    progress.update(60);
    vi.advanceTimersByTime(PROGRESS_LINE_INTERVAL_MS);
    progress.update(100);
    progress.finish();
    progress.finish();
    expect(text()).toBe(
      [
        's3-audit: progress: 0/100 buckets · 0.0/s · ETA unknown',
        's3-audit: progress: 25/100 buckets · 5.0/s · ETA 15s',
        's3-audit: progress: 60/100 buckets · 6.0/s · ETA 7s',
        's3-audit: progress: 100/100 buckets · 10.0/s · done',
        '',
      ].join('\n'),
    );
  });

  it('finish without start (a replayed snapshot, a failed listing) writes nothing', () => {
    const { stream, text } = recorder(false);
    createProgress(stream, 'lines').finish();
    expect(text()).toBe('');
  });
});

describe('progress flags', () => {
  it.each<[string, boolean | undefined, boolean, ProgressMode]>([
    ['neither flag: a bar on a terminal', undefined, false, 'auto'],
    ['--quiet: none', undefined, true, 'off'],
    ['--progress: also off a terminal', true, false, 'lines'],
    ['--progress --quiet: asked for explicitly, so shown', true, true, 'lines'],
    ['--no-progress: none', false, false, 'off'],
  ])('%s', (_name, flag, quiet, mode) => {
    expect(progressMode(flag, quiet)).toBe(mode);
  });
});

describe('progress texts', () => {
  it.each<[number, string]>([
    [0, '0s'],
    [0.2, '1s'],
    [59, '59s'],
    [75, '1m15s'],
    [3600, '1h00m'],
    [3 * 3600 + 125, '3h02m'],
  ])('formatDuration(%s) = %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each<[number, number, number, string]>([
    [0, 10, 0, '0/10 buckets · 0.0/s · ETA unknown'],
    [5, 10, 2000, '5/10 buckets · 2.5/s · ETA 2s'],
    [10, 10, 4000, '10/10 buckets · 2.5/s · done'],
    [0, 0, 0, '0/0 buckets · 0.0/s · done'],
  ])('%i of %i after %i ms', (value, total, elapsed, text) => {
    expect(describeProgress({ value, total, startTime: 0 }, elapsed)).toBe(text);
  });
});
