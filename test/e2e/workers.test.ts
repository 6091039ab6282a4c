import { afterEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/types.ts';
import type { AwsEndpoint } from '../support/aws-endpoint/index.ts';
import { startAwsEndpoint } from '../support/aws-endpoint/index.ts';
import { syntheticAccount } from '../support/aws-endpoint/synthetic.ts';
import { parseJson } from '../support/json.ts';
import { runBuiltCli, TEST_CREDENTIALS } from '../support/run-cli.ts';

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

/** The synthetic benchmark account: every kind of bucket, four regions, KMS keys, a logging graph. */
const ACCOUNT = syntheticAccount(60);

function scan(url: string, args: readonly string[]) {
  return runBuiltCli(['scan', '--endpoint-url', url, '--format', 'json', '--fail-on', 'none', '--no-config', ...args], TEST_CREDENTIALS);
}

/** The report without the two timestamps that differ between any two runs. */
function timeless(stdout: string): JsonReport {
  return { ...parseJson<JsonReport>(stdout), startedAt: '', finishedAt: '' };
}

/** Per operation; KMS lookups are deduplicated per worker, so only S3 and the account calls are compared. */
function s3Counts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([operation]) => !operation.startsWith('kms:')));
}

describe('--workers: buckets collected in worker threads', () => {
  it('gives the same report as --workers 1 (every finding, in the same order) and makes the same S3 calls', async () => {
    endpoint = await startAwsEndpoint(ACCOUNT, { log: false });
    const single = await scan(endpoint.url, ['--workers', '1']);
    const singleCounts = endpoint.counts();
    endpoint.reset();
    const parallel = await scan(endpoint.url, ['--workers', '2']);
    expect([single.code, single.stderr]).toEqual([0, '']);
    expect([parallel.code, parallel.stderr]).toEqual([0, '']);
    const report = timeless(single.stdout);
    expect(report.findings.length).toBeGreaterThan(ACCOUNT.buckets.length * 10);
    expect(report.complete).toBe(true);
    expect(timeless(parallel.stdout)).toEqual(report);
    expect(s3Counts(endpoint.counts())).toEqual(s3Counts(singleCounts));
  });

  it('makes only the calls the selected checks need: bucket-default-encryption is one S3 call per bucket plus the listing', async () => {
    endpoint = await startAwsEndpoint(ACCOUNT, { log: false });
    for (const workers of ['1', '2']) {
      endpoint.reset();
      const run = await scan(endpoint.url, ['--checks', 'bucket-default-encryption', '--workers', workers]);
      expect(run.code).toBe(0);
      expect(endpoint.counts()).toEqual({ 'sts:GetCallerIdentity': 1, 's3:ListBuckets': 1, 's3:GetBucketEncryption': 60 });
    }
  });

  it('gives the same report by default (--workers auto) as with --workers 1', async () => {
    endpoint = await startAwsEndpoint(ACCOUNT, { log: false });
    const auto = await scan(endpoint.url, ['--checks', 'bucket-versioning']);
    const single = await scan(endpoint.url, ['--checks', 'bucket-versioning', '--workers', '1']);
    expect(timeless(auto.stdout)).toEqual(timeless(single.stdout));
  });
});
