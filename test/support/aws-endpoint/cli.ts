// Usage: tsx test/support/aws-endpoint/cli.ts (--fixture F | --synthetic N) [--port P] [--latency-ms L] [--throttle-every K]
// Prints {"url": "..."} as one JSON line once listening; stops on SIGTERM / SIGINT.
// Commands on stdin, one per line (the benchmark drives it so): `counts` prints
// {"counts": {...}, "cpuMs": <this process's CPU time so far>} as one line; `reset` clears the counts.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { AccountFixture } from './fixture.ts';
import { loadFixture } from './fixture-schema.ts';
import { syntheticAccount } from './synthetic.ts';
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
      synthetic: { type: 'string' },
      port: { type: 'string' },
      'latency-ms': { type: 'string' },
      'throttle-every': { type: 'string' },
    },
    strict: true,
  });
  const synthetic = nonNegativeInteger('synthetic', values.synthetic);
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
  let fixture: AccountFixture;
  if (values.fixture !== undefined) fixture = await loadFixture(values.fixture);
  else if (synthetic !== undefined) fixture = syntheticAccount(synthetic);
  else throw new Error('--fixture <file> or --synthetic <bucket count> is required');
  const endpoint = await startAwsEndpoint(fixture, options);
  process.stdout.write(`${JSON.stringify({ url: endpoint.url })}\n`);
  const commands = createInterface({ input: process.stdin });
  commands.on('line', (line) => {
    if (line === 'reset') endpoint.reset();
    if (line === 'counts') {
      const { user, system } = process.cpuUsage();
      process.stdout.write(`${JSON.stringify({ counts: endpoint.counts(), cpuMs: (user + system) / 1000 })}\n`);
    }
  });
  const stop = (): void => {
    commands.close();
    void endpoint.close();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`aws-endpoint: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
