import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/types.ts';
import type { AccountFixture, AwsEndpoint } from '../support/aws-endpoint/index.ts';
import { startAwsEndpoint } from '../support/aws-endpoint/index.ts';
import { parseJson } from '../support/json.ts';
import { ONLY_PINNED_CHECKS } from '../support/pinned-checks.ts';
import { runBuiltCli, TEST_CREDENTIALS } from '../support/run-cli.ts';
import { tempDir } from '../support/snapshot-file.ts';

const LATER = '2099-01-01T00:00:00.000Z';
const EARLIER = '2020-01-01T00:00:00.000Z';

/** Lock-enabled buckets with mixed object protection, and one without Object Lock whose objects must never be read. */
const ACCOUNT: AccountFixture = {
  accountId: '123456789012',
  buckets: [
    {
      name: 'archive',
      region: 'us-east-1',
      versioning: { status: 'Enabled' },
      objectLock: { enabled: true, defaultRetention: { mode: 'COMPLIANCE', days: 30 } },
      // With --sample-objects 4 the first four entries are listed: three versions and a delete marker.
      objectVersions: [
        { key: 'a.txt', versionId: 'a3', retention: { mode: 'COMPLIANCE', retainUntil: LATER } },
        { key: 'a.txt', versionId: 'a2', deleteMarker: true },
        { key: 'a.txt', versionId: 'a1', legalHold: 'ON' },
        { key: 'b.txt', versionId: 'b1', retention: { mode: 'GOVERNANCE', retainUntil: EARLIER }, legalHold: 'OFF' },
        { key: 'c.txt', versionId: 'c1' },
        { key: 'd.txt', versionId: 'd1', retention: { mode: 'COMPLIANCE', retainUntil: LATER } },
      ],
    },
    {
      name: 'held',
      region: 'eu-west-1',
      versioning: { status: 'Enabled' },
      objectLock: { enabled: true },
      objectVersions: [
        { key: 'evidence/x.pdf', versionId: 'x1', legalHold: 'ON' },
        { key: 'evidence/y.pdf', versionId: 'y1', retention: { mode: 'GOVERNANCE', retainUntil: LATER } },
      ],
    },
    {
      name: 'denied',
      region: 'us-east-1',
      versioning: { status: 'Enabled' },
      objectLock: { enabled: true },
      objectVersions: [
        { key: 'secret.bin', versionId: 's1', retention: { mode: 'COMPLIANCE', retainUntil: LATER }, faults: { GetObjectRetention: 'AccessDenied' } },
      ],
    },
    {
      name: 'plain',
      region: 'us-east-1',
      versioning: { status: 'Enabled' },
      objectVersions: [{ key: 'never-read.txt', versionId: 'p1' }],
    },
  ],
};

const OBJECT_OPERATIONS = new Set(['ListObjectVersions', 'GetObjectRetention', 'GetObjectLegalHold']);

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

/** "bucket operation" per object-level request, sorted: which buckets were sampled and how much. */
function objectRequests(server: AwsEndpoint): string[] {
  return server.requests
    .filter((request) => OBJECT_OPERATIONS.has(request.operation))
    .map((request) => `${request.bucket ?? ''} ${request.operation}`)
    .sort();
}

describe('--sample-objects end to end (built CLI, real SDK, local endpoint)', () => {
  it.each(['1', '2'])('reads retention and legal hold of at most N versions per lock-enabled bucket and reports each bucket (--workers %s)', async (workers) => {
    endpoint = await startAwsEndpoint(ACCOUNT);
    const run = await runBuiltCli(
      [
        'scan',
        '--endpoint-url',
        endpoint.url,
        '--format',
        'json',
        ...ONLY_PINNED_CHECKS,
        '--sample-objects',
        '4',
        '--concurrency',
        '3',
        '--workers',
        workers,
        '--fail-on',
        'none',
      ],
      TEST_CREDENTIALS,
    );
    expect(run.stderr).toBe('');
    // The AccessDenied leaves one verdict unknown: incomplete, exit 3.
    expect(run.code).toBe(3);
    const report = parseJson<JsonReport>(run.stdout);
    const sample = report.findings.filter((finding) => finding.checkId === 'bucket-object-lock-sample');
    expect(sample.map((finding) => [finding.resource.name, finding.status, finding.message])).toEqual([
      [
        'archive',
        'fail',
        'Of 3 sampled object versions, 1 has neither an unexpired retention nor a legal hold: b.txt (version b1), whose ' +
          'GOVERNANCE retention expired 2020-01-01T00:00:00.000Z. Protected: 1 under COMPLIANCE retention (earliest until ' +
          '2099-01-01T00:00:00.000Z), 1 under legal hold.',
      ],
      [
        'denied',
        'unknown',
        'Could not read the retention or legal hold of 1 of 1 sampled object version: secret.bin (version s1): ' +
          'GetObjectRetention failed with AccessDenied.',
      ],
      [
        'held',
        'pass',
        'Every one of 2 sampled object versions is protected: 1 under GOVERNANCE retention (earliest until ' +
          '2099-01-01T00:00:00.000Z), 1 under legal hold.',
      ],
    ]);
    expect(report.errors.map((error) => `${error.operation} ${error.resource} ${error.code} ${error.message}`)).toEqual([
      'GetObjectRetention arn:aws:s3:::denied/secret.bin AccessDenied Access Denied (version s1)',
    ]);
    // One listing per lock-enabled bucket; the cap of 4 entries leaves c.txt and d.txt unread; plain is never listed.
    expect(objectRequests(endpoint)).toEqual([
      'archive GetObjectLegalHold',
      'archive GetObjectLegalHold',
      'archive GetObjectLegalHold',
      'archive GetObjectRetention',
      'archive GetObjectRetention',
      'archive GetObjectRetention',
      'archive ListObjectVersions',
      'denied GetObjectLegalHold',
      'denied GetObjectRetention',
      'denied ListObjectVersions',
      'held GetObjectLegalHold',
      'held GetObjectLegalHold',
      'held GetObjectRetention',
      'held GetObjectRetention',
      'held ListObjectVersions',
    ]);
  });

  it('a saved snapshot keeps the sample: replayed with --sample-objects it gives the same verdicts without calling AWS', async () => {
    endpoint = await startAwsEndpoint(ACCOUNT);
    const snapshot = join(tempDir(), 'sample.jsonl');
    const args = ['--format', 'json', ...ONLY_PINNED_CHECKS, '--sample-objects', '4', '--fail-on', 'none'];
    const live = await runBuiltCli(['scan', '--endpoint-url', endpoint.url, ...args, '--save-snapshot', snapshot], TEST_CREDENTIALS);
    const replay = await runBuiltCli(['scan', '--snapshot', snapshot, ...args]);
    expect(replay.stderr).toBe('');
    expect(replay.code).toBe(3);
    const verdicts = (run: { stdout: string }) =>
      parseJson<JsonReport>(run.stdout).findings.map((finding) => `${finding.resource.name} ${finding.checkId} ${finding.status} ${finding.message}`);
    expect(verdicts(replay)).toEqual(verdicts(live));
  });

  it('makes no object-level call without the flag, even with every check selected', async () => {
    endpoint = await startAwsEndpoint(ACCOUNT);
    const run = await runBuiltCli(['scan', '--endpoint-url', endpoint.url, '--format', 'json', '--checks', 'bucket-*', '--fail-on', 'none'], TEST_CREDENTIALS);
    expect(run.code).toBe(0);
    expect(objectRequests(endpoint)).toEqual([]);
    expect(parseJson<JsonReport>(run.stdout).findings.filter((finding) => finding.checkId === 'bucket-object-lock-sample')).toEqual([]);
  });

  it('--skip-checks wins over --sample-objects: nothing is sampled', async () => {
    endpoint = await startAwsEndpoint(ACCOUNT);
    const run = await runBuiltCli(
      ['scan', '--endpoint-url', endpoint.url, '--format', 'json', ...ONLY_PINNED_CHECKS, '--sample-objects', '2', '--skip-checks', 'bucket-object-lock-sample', '--fail-on', 'none'],
      TEST_CREDENTIALS,
    );
    expect(run.code).toBe(0);
    expect(objectRequests(endpoint)).toEqual([]);
  });

  it.each([
    [['--sample-objects', '0'], "s3-audit: error: option '--sample-objects <n>' argument '0' is invalid. --sample-objects must be a whole number from 1 to 1000."],
    [['--sample-objects', '1001'], "s3-audit: error: option '--sample-objects <n>' argument '1001' is invalid. --sample-objects must be a whole number from 1 to 1000."],
    [['--sample-objects', 'ten'], "s3-audit: error: option '--sample-objects <n>' argument 'ten' is invalid. --sample-objects must be a whole number from 1 to 1000."],
    [
      ['--checks', 'bucket-object-lock-sample'],
      's3-audit: error: --checks bucket-object-lock-sample needs --sample-objects N: without it no object version is read',
    ],
  ])('bad input %j exits 2 with one line and calls nothing', async (args, line) => {
    endpoint = await startAwsEndpoint(ACCOUNT);
    const run = await runBuiltCli(['scan', '--endpoint-url', endpoint.url, ...args], TEST_CREDENTIALS);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toContain(line);
    expect(objectRequests(endpoint)).toEqual([]);
  });
});
