import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, ResourceRef } from '../../src/checks/types.ts';
import { main } from '../../src/cli.ts';
import { renderHtml } from '../../src/report/html.ts';
import { absent, present } from '../../src/snapshot/observed.ts';
import type { Report } from '../../src/report/types.ts';
import { memoryIo } from '../support/memory-io.ts';
import { tempDir, writeSnapshot } from '../support/snapshot-file.ts';
import { ACCOUNT, bucket, finding, FIXTURE_REPORT, reportOf } from './fixture-report.ts';

// Debian's chromium package; .ci/run installs it.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LAUNCH_TIMEOUT_MS = 120_000;
// The CI machine has no network: without these, Chromium keeps trying Google's hosts at start-up.
const OFFLINE_FLAGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...OFFLINE_FLAGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    timeout: LAUNCH_TIMEOUT_MS,
  });
}, LAUNCH_TIMEOUT_MS);
afterAll(async () => {
  await browser.close();
});

interface Opened {
  readonly page: Page;
  /** Every request the page made, the file itself included. */
  readonly requests: string[];
  /** Console errors and uncaught exceptions, CSP violations included. */
  readonly problems: string[];
  readonly url: string;
}

async function open(report: Report): Promise<Opened> {
  const path = join(tempDir(), 'report.html');
  writeFileSync(path, renderHtml(report));
  return openFile(path);
}

async function openFile(path: string): Promise<Opened> {
  const url = pathToFileURL(path).href;
  const page = await browser.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, problems, url };
}

// Locator calls only: the test code runs in Node, which has no DOM types.
async function cardCounts(page: Page): Promise<string[]> {
  const cards = await page.locator('.card').all();
  return Promise.all(cards.map(async (card) => `${(await card.getAttribute('data-outcome')) ?? ''} ${await card.locator('.count').innerText()}`));
}

async function cellTexts(page: Page, rows: string, separator: string, columns = Infinity): Promise<string[]> {
  const found = await page.locator(rows).all();
  return Promise.all(found.map(async (row) => (await row.locator('td').allTextContents()).slice(0, columns).join(separator)));
}

const visibleRows = (page: Page) => cellTexts(page, '#findings-table tbody tr:visible', ' ', 3);

describe('HTML report in a real browser (Chromium)', () => {
  it('renders the counts, the severity chart and the matrix of the fixture report, and loads nothing', async () => {
    const { page, requests, problems, url } = await open(FIXTURE_REPORT);
    expect(await cardCounts(page)).toEqual(['fail 11', 'unknown 2', 'suppressed 0', 'pass 7']);
    expect(await page.locator('.chart-row .chart-counts').allTextContents()).toEqual([
      '1 failing, 1 unknown, 3 passed',
      '3 failing, 1 passed',
      '3 failing, 3 passed',
      '3 failing, 1 unknown',
      '1 failing',
    ]);
    expect(await page.textContent('#verdict')).toBe('✗ 11 failing findings, 2 unknown (scan incomplete)');
    expect(await cellTexts(page, '#matrix tbody tr', '|')).toEqual([
      'Bucket acme-prod-assets|2|1|1|✓||',
      'Bucket acme-prod-logs|?|||1|1|',
      'Account 123456789012|1|||||',
      'Multi-Region Access Point acme-global|1|||||',
      'Bucket acme-eu-backups||1||1||',
      'Bucket acme-eu-website|?|✓|✓|||1',
    ]);
    expect(await page.textContent('#shown-count')).toBe('Showing 13 of 13');
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters the findings table by severity, outcome and text', async () => {
    const { page, problems } = await open(FIXTURE_REPORT);
    await page.selectOption('#filter-severity', 'high');
    expect(await visibleRows(page)).toEqual([
      'high failing bucket-tls-only',
      'high failing bucket-logging-loop',
      'high failing account-public-access-block',
    ]);
    expect(await page.textContent('#shown-count')).toBe('Showing 3 of 13');
    await page.selectOption('#filter-severity', '');
    await page.selectOption('#filter-outcome', 'unknown');
    expect(await visibleRows(page)).toEqual(['critical unknown bucket-policy-public', 'low unknown bucket-acls-disabled']);
    await page.selectOption('#filter-outcome', '');
    await page.fill('#filter-text', 'ACME-EU-BACKUPS');
    expect(await visibleRows(page)).toEqual([
      'medium failing bucket-object-lock-retention',
      'low failing bucket-kms-key-rotation',
    ]);
    await page.fill('#filter-text', '');
    expect(await page.textContent('#shown-count')).toBe('Showing 13 of 13');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders hostile names and messages as inert text: no script runs, no request leaves the page', async () => {
    const payload = `<script>window.pwned = 1</script><img src="https://attacker.example/x.png" onerror="window.pwned = 2">"'><svg onload="window.pwned = 3">`;
    const hostile: ResourceRef = { ...bucket(`evil${payload}`, `us-east-1${payload}`), arn: `arn:aws:s3:::evil${payload}` };
    const report = reportOf(
      [
        finding(hostile, 'bucket-policy-public', 'critical', 'fail', `Statement "${payload}" allows s3:GetObject to Principal "*".`),
        { ...finding(hostile, 'bucket-versioning', 'medium', 'fail'), suppression: { reason: `accepted ${payload}` } },
      ],
      { account: `${ACCOUNT}${payload}`, notes: [`note ${payload}`] },
    );
    const { page, requests, problems, url } = await open(report);
    expect(await page.evaluate('typeof window.pwned')).toBe('undefined');
    expect(await page.locator('body script').count()).toBe(1);
    expect(await page.locator('img, #findings-table svg, #matrix svg').count()).toBe(0);
    const detail = await page.locator('#findings-table td.detail').allTextContents();
    expect(detail).toEqual([
      `Statement "${payload}" allows s3:GetObject to Principal "*".`,
      `bucket-versioning is fail on evil${payload}. Suppressed: accepted ${payload}`,
    ]);
    expect(await page.title()).toBe(`S3 audit of account ${ACCOUNT}${payload}`);
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders a hostile Sid that real policy checks quote in their messages as inert text (built by the CLI from a snapshot)', async () => {
    const payload = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">';
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: payload, Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    });
    const dir = tempDir();
    const snapshot = writeSnapshot([{ name: 'b', region: 'us-east-1', policy: present({ text: policy }), policyStatus: present({ isPublic: true }), publicAccessBlock: absent() }], dir);
    const path = join(dir, 'report.html');
    const code = await main(['scan', '--snapshot', snapshot, '--checks', 'bucket-policy-public,bucket-policy-cross-account', '--format', 'html', '--output', path], memoryIo());
    expect(code).toBe(1);
    const { page, requests, problems, url } = await openFile(path);
    expect(await page.evaluate('typeof window.pwned')).toBe('undefined');
    expect(await page.locator('body script').count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    const details = await page.locator('#findings-table td.detail').allTextContents();
    expect(details).toEqual([`The bucket policy grants access to accounts not listed as trusted: any account (Principal "*" in "${payload}").`]);
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('counts suppressed findings apart and never as failures', async () => {
    const logs = bucket('acme-prod-logs', 'us-east-1');
    const accepted: Finding = { ...finding(logs, 'bucket-versioning', 'medium', 'fail'), suppression: { reason: 'logs are re-creatable', expires: '2026-12-31' } };
    const { page } = await open(reportOf([accepted, finding(logs, 'bucket-logging-loop', 'high', 'pass')]));
    expect(await cardCounts(page)).toEqual(['fail 0', 'unknown 0', 'suppressed 1', 'pass 1']);
    expect(await page.textContent('#verdict')).toBe('✓ No failing findings');
    expect(await visibleRows(page)).toEqual(['medium suppressed bucket-versioning']);
    expect(await page.textContent('#findings-table td.detail')).toBe(
      'bucket-versioning is fail on acme-prod-logs. Suppressed: logs are re-creatable (until 2026-12-31)',
    );
    await page.close();
  });
});
