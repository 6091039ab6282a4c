// The benchmark's yardstick: the same S3 calls the scan makes (ListBuckets, then the given Get
// operations on every bucket in its region), through S3 clients configured like the scan's and
// one concurrency limit, with nothing else — no checks, no snapshot, no report.
// Plain JavaScript run by plain node, as the built CLI is: under tsx, its loader's own start-up
// and module hooks (~0.2 s of CPU) were counted as the SDK's.
// Usage: node scripts/bench/bare-loop.js <endpoint-url> <concurrency> <Operation,…>
import * as s3 from '@aws-sdk/client-s3';
import pLimit from 'p-limit';

const [url = '', concurrencyText = '32', operationList = ''] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const operations = operationList.split(',').filter((operation) => operation !== '');
const commands = operations.map((operation) => {
  const command = s3[`${operation}Command`];
  if (command === undefined) throw new Error(`bare-loop: no S3 command ${operation}`);
  return command;
});

const clients = new Map();
function client(region) {
  let found = clients.get(region);
  if (found === undefined) {
    const agent = { keepAlive: true, maxSockets: concurrency };
    found = new s3.S3Client({
      region,
      endpoint: url,
      forcePathStyle: true,
      retryMode: 'standard',
      maxAttempts: 8,
      requestHandler: { requestTimeout: 20_000, httpAgent: agent, httpsAgent: agent },
    });
    clients.set(region, found);
  }
  return found;
}

const limit = pLimit(concurrency);
const owner = process.env.BENCH_ACCOUNT_ID ?? '';
const buckets = [];
let token;
do {
  const page = await client('us-east-1').send(
    new s3.ListBucketsCommand({ MaxBuckets: 1000, ...(token === undefined ? {} : { ContinuationToken: token }) }),
  );
  for (const bucket of page.Buckets ?? []) buckets.push({ name: bucket.Name ?? '', region: bucket.BucketRegion ?? 'us-east-1' });
  token = page.ContinuationToken;
} while (token !== undefined && token !== '');

let failed = 0;
await Promise.all(
  buckets.flatMap((bucket) =>
    commands.map((Command) =>
      limit(async () => {
        try {
          await client(bucket.region).send(new Command({ Bucket: bucket.name, ExpectedBucketOwner: owner }));
        } catch {
          // "Not configured" answers (404) are part of the work; only count them.
          failed += 1;
        }
      }),
    ),
  ),
);
for (const c of clients.values()) c.destroy();
process.stdout.write(`${JSON.stringify({ buckets: buckets.length, calls: buckets.length * commands.length, failed })}\n`);
