import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountFixture, AwsEndpoint, BucketFixture } from '../support/aws-endpoint/index.ts';
import { startAwsEndpoint } from '../support/aws-endpoint/index.ts';
import { BUILTIN_CHECKS } from '../../src/checks/registry.ts';
import { partitionOf } from '../../src/engine/partition.ts';
import type { JsonReport } from '../../src/report/types.ts';
import { parseJson } from '../support/json.ts';
import { runBuiltCli, TEST_CREDENTIALS } from '../support/run-cli.ts';
import { sarifProblems } from '../support/sarif-validation.ts';
import { tempDir } from '../support/snapshot-file.ts';

const ACCOUNT = '123456789012';
const SHARDS = 3;

const bucket = (name: string, region: string, extra: Partial<BucketFixture> = {}): BucketFixture => ({
  name,
  region,
  encryption: { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] },
  versioning: { status: 'Enabled' },
  ...extra,
});
const logsTo = (target: string): Partial<BucketFixture> => ({ logging: { target: { bucket: target, prefix: 'logs/' } } });

/**
 * Cross-bucket relations that span shards (checked below, so a change of partitionOf cannot
 * quietly turn this into a test of one shard): a logging loop through all three shards, targets
 * with an Object Lock retention, in another Region, missing, or with unreadable logging.
 */
const ACCOUNT_FIXTURE: AccountFixture = {
  accountId: ACCOUNT,
  accountPublicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false },
  buckets: [
    bucket('loop-a', 'us-east-1', logsTo('loop-b')),
    bucket('loop-b', 'us-east-1', logsTo('loop-c')),
    bucket('loop-c', 'us-east-1', logsTo('loop-a')),
    bucket('app-1', 'us-east-1', logsTo('locked-logs')),
    bucket('app-2', 'us-east-1', logsTo('gone-bucket')),
    bucket('app-4', 'us-east-1', logsTo('denied-logging')),
    bucket('app-5', 'us-east-1', logsTo('logs-us')),
    bucket('ping', 'us-east-1', logsTo('logs-eu')),
    bucket('locked-logs', 'us-east-1', { objectLock: { enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 30 } } }),
    bucket('logs-eu', 'eu-west-1'),
    bucket('logs-us', 'us-east-1'),
    bucket('denied-logging', 'us-east-1', { faults: { GetBucketLogging: 'AccessDenied' } }),
    bucket('versioning-denied', 'us-east-1', { faults: { GetBucketVersioning: 'AccessDenied' } }),
  ],
  // Access points are account-wide resources: shard 1 collects and judges them all, whatever shard their bucket is in.
  accessPoints: [
    { name: 'open-door', region: 'us-east-1', bucket: 'loop-b', publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false } },
    { name: 'vpc-door', region: 'us-east-1', bucket: 'loop-a', vpcId: 'vpc-0123456789abcdef0' },
  ],
  multiRegionAccessPoints: [{ name: 'global', alias: 'mfzwi23gnjvgw.mrap', regions: [{ bucket: 'logs-eu', region: 'eu-west-1' }] }],
};

const shardOf = (name: string): number => partitionOf(name, SHARDS) + 1;

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

/** Reports of different runs differ only in when they ran. */
function withoutTimes(report: JsonReport): JsonReport {
  return { ...report, startedAt: '', finishedAt: '' };
}

function readReport(path: string): JsonReport {
  return parseJson<JsonReport>(readFileSync(path, 'utf8'));
}

describe('scan --shard i/n and merge (built CLI against the local endpoint)', () => {
  it('the fixture spreads its cross-bucket relations over the shards', () => {
    expect(['loop-a', 'loop-b', 'loop-c'].map(shardOf).sort()).toEqual([1, 2, 3]);
    expect(['loop-a', 'loop-b'].map(shardOf)).not.toContain(1);
    expect(shardOf('app-1')).not.toBe(shardOf('locked-logs'));
    expect(shardOf('ping')).not.toBe(shardOf('logs-eu'));
    expect(shardOf('app-4')).not.toBe(shardOf('denied-logging'));
    expect(shardOf('versioning-denied')).toBe(1);
  });

  it('merging the shard reports gives the unsharded report: findings, summary, errors, exit code', async () => {
    endpoint = await startAwsEndpoint(ACCOUNT_FIXTURE);
    const dir = tempDir();
    const scan = (args: readonly string[]) => runBuiltCli(['scan', '--endpoint-url', endpoint?.url ?? '', '--no-config', ...args], TEST_CREDENTIALS);

    const full = await scan(['--format', 'json', '--output', join(dir, 'full.json')]);
    const shardFiles: string[] = [];
    const loggingReads: number[] = [];
    const lockReads: number[] = [];
    const versioningReads: number[] = [];
    const accessPointListings: number[] = [];
    for (let index = 1; index <= SHARDS; index += 1) {
      const file = join(dir, `shard-${String(index)}.json`);
      shardFiles.push(file);
      endpoint.reset();
      const run = await scan(['--shard', `${String(index)}/${String(SHARDS)}`, '--format', 'json', '--output', file, '--fail-on', 'none', '--allow-incomplete']);
      expect(run.code).toBe(0);
      const counts = endpoint.counts();
      loggingReads.push(counts['s3:GetBucketLogging'] ?? 0);
      lockReads.push(counts['s3:GetObjectLockConfiguration'] ?? 0);
      versioningReads.push(counts['s3:GetBucketVersioning'] ?? 0);
      accessPointListings.push((counts['s3control:ListAccessPoints'] ?? 0) + (counts['s3control:ListMultiRegionAccessPoints'] ?? 0));
    }
    expect(accessPointListings[0]).toBeGreaterThan(0);
    expect(accessPointListings.slice(1)).toEqual([0, 0]);
    // The documented cost of correct cross-bucket verdicts: every shard reads the logging and Object
    // Lock of all 13 buckets; everything else only for its own buckets (once per bucket over all shards).
    expect(loggingReads).toEqual([13, 13, 13]);
    expect(lockReads).toEqual([13, 13, 13]);
    expect(versioningReads.reduce((sum, reads) => sum + reads, 0)).toBe(13);
    expect(versioningReads.every((reads) => reads < 13)).toBe(true);

    const shards = shardFiles.map(readReport);

    // Worker threads inside a shard (its own buckets and the index-only ones) change nothing.
    const threaded = join(dir, 'shard-2-workers.json');
    await scan(['--shard', `2/${String(SHARDS)}`, '--workers', '2', '--format', 'json', '--output', threaded, '--fail-on', 'none', '--allow-incomplete']);
    expect(withoutTimes(readReport(threaded))).toEqual(withoutTimes(readReport(shardFiles[1] ?? '')));
    expect(shards.map((report) => report.shard)).toEqual([1, 2, 3].map((index) => ({ index, count: SHARDS })));
    for (const [position, report] of shards.entries()) {
      expect(report.findings.every((finding) => finding.resource.type === 'bucket' ? shardOf(finding.resource.name) === position + 1 : position === 0)).toBe(true);
    }

    const mergedPath = join(dir, 'merged.json');
    const merge = await runBuiltCli(['merge', ...shardFiles.reverse(), '--format', 'json', '--output', mergedPath]);
    expect(merge.stderr).toBe(`s3-audit: wrote json report to ${mergedPath}\n`);
    expect(merge.code).toBe(full.code);
    expect(merge.code).toBe(1);
    const merged = readReport(mergedPath);
    const unsharded = readReport(join(dir, 'full.json'));
    expect(withoutTimes(merged)).toEqual(withoutTimes(unsharded));

    // Not trivially equal: the verdicts that need the other shards are there, and right.
    const verdict = (name: string, checkId: string) =>
      merged.findings.find((finding) => finding.resource.name === name && finding.checkId === checkId)?.message;
    expect(verdict('loop-a', 'bucket-logging-loop')).toBe(
      'Access logs loop loop-a → loop-b → loop-c → loop-a: every log delivery is a request that is logged again, so log objects pile up without end.',
    );
    expect(verdict('app-1', 'bucket-logging-target')).toBe('Access logs go to locked-logs, where S3 cannot deliver them: it has an Object Lock default retention.');
    expect(verdict('ping', 'bucket-logging-target')).toBe('Access logs go to logs-eu, where S3 cannot deliver them: it is in eu-west-1, not in us-east-1 with the source bucket.');
    expect(verdict('app-4', 'bucket-logging-loop')).toBe(
      'Whether access logs loop cannot be told: they flow app-4 → denied-logging, and the logging configuration of denied-logging could not be read (GetBucketLogging failed with AccessDenied: Access Denied).',
    );
    expect(merged.findings.filter((finding) => finding.resource.type !== 'bucket').map((finding) => `${finding.resource.name} ${finding.checkId} ${finding.status}`)).toEqual(
      expect.arrayContaining([
        '123456789012 account-public-access-block fail',
        'open-door access-point-network-origin fail',
        'open-door access-point-public-access-block fail',
        'vpc-door access-point-network-origin pass',
        'global multi-region-access-point-public-access-block pass',
      ]),
    );
    expect(merged.errors.map((error) => `${error.resource} ${error.operation}`)).toEqual([
      'arn:aws:s3:::denied-logging GetBucketLogging',
      'arn:aws:s3:::versioning-denied GetBucketVersioning',
    ]);
  });

  it('replaying a full snapshot with --shard gives the same shards, with no AWS call', async () => {
    endpoint = await startAwsEndpoint(ACCOUNT_FIXTURE);
    const dir = tempDir();
    const snapshot = join(dir, 'full.jsonl');
    const full = await runBuiltCli(
      ['scan', '--endpoint-url', endpoint.url, '--no-config', '--format', 'json', '--output', join(dir, 'full.json'), '--save-snapshot', snapshot],
      TEST_CREDENTIALS,
    );
    await endpoint.close();
    endpoint = undefined;
    const files: string[] = [];
    for (let index = 1; index <= SHARDS; index += 1) {
      const file = join(dir, `replayed-${String(index)}.json`);
      files.push(file);
      await runBuiltCli(['scan', '--snapshot', snapshot, '--no-config', '--shard', `${String(index)}/${String(SHARDS)}`, '--format', 'json', '--output', file]);
    }
    const merge = await runBuiltCli(['merge', ...files, '--format', 'json', '--output', join(dir, 'merged.json')]);
    expect(merge.code).toBe(full.code);
    expect(withoutTimes(readReport(join(dir, 'merged.json')))).toEqual(withoutTimes(readReport(join(dir, 'full.json'))));
  });

  it('merge renders every format from the shards, SARIF with the rules of the checks that ran', async () => {
    endpoint = await startAwsEndpoint(ACCOUNT_FIXTURE);
    const dir = tempDir();
    const files = [1, 2].map((index) => join(dir, `s${String(index)}.json`));
    for (const [position, file] of files.entries()) {
      const run = await runBuiltCli(
        ['scan', '--endpoint-url', endpoint.url, '--no-config', '--checks', 'bucket-logging-loop,account-public-access-block', '--shard', `${String(position + 1)}/2`, '--format', 'json', '--output', file, '--progress'],
        TEST_CREDENTIALS,
      );
      // --progress off a terminal: lines on stderr (at least the first and the last), the report untouched.
      expect(run.stderr).toMatch(/^s3-audit: progress: 0\/13 buckets · 0\.0\/s · ETA unknown\n(.*\n)*s3-audit: progress: 13\/13 buckets · [\d.]+\/s · done\n/);
      expect(run.stdout).toBe('');
    }
    const sarifPath = join(dir, 'merged.sarif');
    const merge = await runBuiltCli(['merge', ...files, '--report', `sarif=${sarifPath}`, '--report', `junit=${join(dir, 'merged.xml')}`, '--fail-on', 'high', '--quiet']);
    expect(merge.code).toBe(1);
    expect(merge.stdout).toContain('account-public-access-block');
    const sarifText = readFileSync(sarifPath, 'utf8');
    expect(sarifProblems(sarifText)).toEqual([]);
    const sarif = parseJson<{ runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }[] }>(sarifText);
    const rules = sarif.runs[0]?.tool.driver.rules;
    const title = (id: string): string => BUILTIN_CHECKS.find((check) => check.id === id)?.title ?? 'not in the registry';
    expect(rules?.map((rule) => `${rule.id}: ${rule.shortDescription.text}`)).toEqual([
      `account-public-access-block: ${title('account-public-access-block')}`,
      `bucket-logging-loop: ${title('bucket-logging-loop')}`,
    ]);
  });
});
