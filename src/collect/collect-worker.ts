// Worker thread entry (--workers n): collects its partition of the buckets with its own SDK
// clients and its share of the concurrency limit, and posts each bucket's outcome to the main
// thread, which evaluates them. The SDK's CPU cost per call is what this spreads over cores.
import { parentPort, workerData } from 'node:worker_threads';
import { createApi } from './api.ts';
import { createClients } from './clients.ts';
import { createKmsLookup } from './kms.ts';
import { collectBucket, type BucketContext } from './s3.ts';
import { mapUnordered } from './stream.ts';
import type { CollectWorkerInput, TakenMessage, WorkerMessage } from './worker-protocol.ts';

const port = parentPort;
const input = workerData as CollectWorkerInput;

async function run(): Promise<void> {
  if (port === null) throw new Error('collect-worker must run in a worker thread');
  const clients = createClients(input.clientOptions);
  if (input.s3Compatible) clients.checkAnswerShapes();
  const abort = new AbortController();
  const api = createApi(clients, input.clientOptions.concurrency, input.clientOptions.maxAttempts, abort.signal);
  const context: BucketContext = {
    accountId: input.accountId,
    homeRegion: input.homeRegion,
    s3Compatible: input.s3Compatible,
    keys: input.s3Keys,
    ...(input.kmsKeys.length === 0 ? {} : { kms: createKmsLookup(api, input.accountId, input.kmsKeys, input.homeRegion) }),
    ...(input.sampleObjects === undefined ? {} : { sampleObjects: input.sampleObjects }),
  };
  let untaken = 0;
  let resume: (() => void) | undefined;
  port.on('message', (message: TakenMessage) => {
    untaken -= message.taken;
    resume?.();
    resume = undefined;
  });
  const post = (message: WorkerMessage): void => {
    port.postMessage(message);
  };
  try {
    for await (const outcome of mapUnordered(input.buckets, input.window, (bucket) => collectBucket(api, bucket, context))) {
      post({ type: 'outcome', outcome });
      untaken += 1;
      while (untaken >= input.maxUntaken) {
        await new Promise<void>((resolve) => {
          resume = resolve;
        });
      }
    }
    post({ type: 'done' });
  } finally {
    abort.abort();
    clients.destroy();
    port.removeAllListeners('message');
  }
}

run().catch((error: unknown) => {
  parentPort?.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
});
