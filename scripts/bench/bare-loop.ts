// The benchmark's yardstick: the same S3 calls the scan makes (ListBuckets, then the given Get
// operations on every bucket in its region), through the same SDK clients and one concurrency
// limit, with nothing else — no checks, no snapshot, no report.
// Usage: node --import tsx scripts/bench/bare-loop.ts <endpoint-url> <concurrency> <Operation,…>
import * as s3 from '@aws-sdk/client-s3';
import pLimit from 'p-limit';

const [url = '', concurrencyText = '32', operationList = ''] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const operations = operationList.split(',').filter((operation) => operation !== '');
type BucketCommand = new (input: { Bucket: string; ExpectedBucketOwner: string }) => s3.GetBucketAclCommand;
const commands = operations.map((operation) => {
  const command = (s3 as unknown as Record<string, BucketCommand | undefined>)[`${operation}Command`];
  if (command === undefined) throw new Error(`bare-loop: no S3 command ${operation}`);
  return command;
});

const clients = new Map<string, s3.S3Client>();
function client(region: string): s3.S3Client {
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
const buckets: { name: string; region: string }[] = [];
let token: string | undefined;
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
