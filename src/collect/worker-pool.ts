import { Worker } from 'node:worker_threads';
import { deal, shares } from './split.ts';
import type { BucketOutcome, ListedBucket } from './s3.ts';
import type { CollectWorkerInput, TakenMessage, WorkerMessage } from './worker-protocol.ts';

export type WorkerSetup = Omit<CollectWorkerInput, 'buckets' | 'window' | 'maxUntaken'>;

/** Outcomes a worker may run ahead of the main thread; acknowledged in batches of half that. */
const MAX_UNTAKEN = 256;
const ACK_BATCH = MAX_UNTAKEN / 2;

// Built, this module is dist/collect/worker-pool.js next to collect-worker.js; run from source
// (tests, tsx) the worker is TypeScript and needs tsx's loader.
const fromSource = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(fromSource ? './collect-worker.ts' : './collect-worker.js', import.meta.url);

/**
 * Collects `buckets` in `workers` worker threads, each dealt an equal share of them (split.ts)
 * and an even share of the concurrency limit. Yields each outcome as it
 * arrives, in no particular order (the report sorts). Ending the iteration stops the workers.
 */
export async function* collectInWorkers(
  setup: WorkerSetup,
  buckets: Iterable<ListedBucket>,
  workers: number,
  bucketsPerCallSlot: number,
): AsyncGenerator<BucketOutcome, void, undefined> {
  let partitions = deal(buckets, workers);
  const concurrency = shares(setup.clientOptions.concurrency, workers);
  const queue: { readonly thread: number; readonly message: WorkerMessage }[] = [];
  let wake: (() => void) | undefined;
  const push = (thread: number, message: WorkerMessage): void => {
    queue.push({ thread, message });
    wake?.();
    wake = undefined;
  };
  const threads = partitions.map((own, index) => {
    const share = concurrency[index] ?? 1;
    const input: CollectWorkerInput = {
      ...setup,
      clientOptions: { ...setup.clientOptions, concurrency: share },
      buckets: own,
      window: share * bucketsPerCallSlot,
      maxUntaken: MAX_UNTAKEN,
    };
    const thread = new Worker(WORKER_URL, { workerData: input, ...(fromSource ? { execArgv: ['--import', 'tsx'] } : {}) });
    thread.on('message', (message: WorkerMessage) => {
      push(index, message);
    });
    thread.on('error', (error) => {
      push(index, { type: 'failed', message: error.message });
    });
    return thread;
  });
  // Each worker holds its own copy now.
  partitions = [];
  const taken = threads.map(() => 0);
  let running = threads.length;
  try {
    while (running > 0) {
      const next = queue.shift();
      if (next === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      const { thread: index, message } = next;
      if (message.type === 'failed') throw new Error(`collect worker failed: ${message.message}`);
      if (message.type === 'done') {
        running -= 1;
        continue;
      }
      const count = (taken[index] ?? 0) + 1;
      taken[index] = count;
      if (count >= ACK_BATCH) {
        threads[index]?.postMessage({ taken: count } satisfies TakenMessage);
        taken[index] = 0;
      }
      yield message.outcome;
    }
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}
