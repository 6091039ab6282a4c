import type { OutputStream } from './io.ts';

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

const SILENT: Progress = { update: () => undefined, finish: () => undefined };

/** A single self-overwriting status line on an interactive stderr; silent otherwise, never on stdout. */
export function createProgress(stream: OutputStream, enabled: boolean, now: () => number = Date.now): Progress {
  if (!enabled || stream.isTTY !== true) return SILENT;
  const startedAt = now();
  let lastDrawn = 0;
  let drawn = false;
  return {
    update(done, total) {
      const time = now();
      if (done < total && time - lastDrawn < 100) return;
      lastDrawn = time;
      drawn = true;
      const seconds = Math.max((time - startedAt) / 1000, 0.001);
      const rate = done / seconds;
      const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
      stream.write(`\r\x1b[2Kscanning buckets ${done}/${total} · ${rate.toFixed(1)}/s · ETA ${eta}s`);
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
