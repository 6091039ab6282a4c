// Usage: tsx test/support/aws-endpoint/cli.ts --fixture F [--port P] [--latency-ms L] [--throttle-every K]
// Prints {"url": "..."} as one JSON line once listening; stops on SIGTERM / SIGINT.
import { parseArgs } from 'node:util';
import { loadFixture } from './fixture-schema.ts';
import { startAwsEndpoint } from './server.ts';
import type { AwsEndpointOptions } from './server.ts';

function nonNegativeInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${flag} must be a non-negative integer, got ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      fixture: { type: 'string' },
      port: { type: 'string' },
      'latency-ms': { type: 'string' },
      'throttle-every': { type: 'string' },
    },
    strict: true,
  });
  if (values.fixture === undefined) throw new Error('--fixture <file> is required');
  const port = nonNegativeInteger('port', values.port);
  const latencyMs = nonNegativeInteger('latency-ms', values['latency-ms']);
  const throttleEvery = nonNegativeInteger('throttle-every', values['throttle-every']);
  const options: AwsEndpointOptions = {
    ...(port === undefined ? {} : { port }),
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(throttleEvery === undefined ? {} : { throttleEvery }),
    // Nobody can read the log from outside the process: only count.
    log: false,
  };
  const endpoint = await startAwsEndpoint(await loadFixture(values.fixture), options);
  process.stdout.write(`${JSON.stringify({ url: endpoint.url })}\n`);
  const stop = (): void => {
    void endpoint.close();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`aws-endpoint: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
