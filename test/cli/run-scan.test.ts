import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCheck } from '../../src/checks/lib/define-check.ts';
import { runScan } from '../../src/cli/scan-command.ts';
import type { ScanFlags } from '../../src/cli/scan-command.ts';
import type { JsonReport } from '../../src/report/types.ts';
import { present } from '../../src/snapshot/observed.ts';
import { parseJson } from '../support/json.ts';
import { memoryIo } from '../support/memory-io.ts';
import { tempDir, writeSnapshot } from '../support/snapshot-file.ts';

/** Says what it was given, so the test can see what the config feeds into a check. */
const probe = defineCheck({
  id: 'test-context-probe',
  title: 'Checks receive the trusted accounts and options of the config file',
  severity: 'info',
  resource: 'bucket',
  needs: ['versioning'],
  enabledByDefault: true,
  rationale: 'A test-only check that reports the context and options it was evaluated with.',
  remediation: { text: 'Nothing to fix: this check exists only in the tests.' },
  references: { url: ['https://example.com/test-only'] },
  messages: { seen: 'trusted: {{trusted}}; label: {{label}}' },
  options: { schema: z.strictObject({ label: z.string() }), defaults: { label: 'default' } },
  evaluate: (_bucket, context, options) => ({
    status: 'pass',
    messageId: 'seen',
    data: { trusted: context.trustedAccounts.join(',') || 'none', label: options.label },
  }),
});

function flags(overrides: Partial<ScanFlags>): ScanFlags {
  return {
    bucket: [], excludeBucket: [], checks: [], skipChecks: [], format: 'json', severity: 'info', failOn: 'low',
    allowIncomplete: false, concurrency: 1, maxAttempts: 1, requestTimeout: 1000, workers: 1, showSuppressed: false, reports: [], githubSummary: false,
    color: false, progress: 'off', quiet: true, ...overrides,
  };
}

describe('runScan feeds the config file into the checks', () => {
  it.each([
    ['trusted accounts and options from the config', "trustedAccounts: ['111122223333', '012345678901']\nchecks:\n  test-context-probe:\n    options: {label: custom}\n", 'trusted: 111122223333,012345678901; label: custom'],
    ['none and the defaults without one', '', 'trusted: none; label: default'],
  ])('%s', async (_name, config, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, '.s3-audit.yml'), config);
    const io = memoryIo({ cwd: dir });
    const snapshot = writeSnapshot([{ name: 'b', region: 'us-east-1', versioning: present({ status: 'Enabled' }) }], dir);
    expect(await runScan(flags({ snapshot }), io, [probe])).toBe(0);
    expect(parseJson<JsonReport>(io.out()).findings.map((f) => f.message)).toEqual([message]);
  });
});
