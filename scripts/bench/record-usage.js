// Preloaded (`node --import`) into a benchmarked process: on exit, writes the whole process's
// resource usage (every thread's CPU time, peak RSS) as JSON to $BENCH_USAGE_FILE.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_USAGE_FILE;
if (isMainThread && file !== undefined && file !== '') {
  process.on('exit', () => {
    writeFileSync(file, JSON.stringify(process.resourceUsage()));
  });
}
