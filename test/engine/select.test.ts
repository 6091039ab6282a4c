import { describe, expect, it } from 'vitest';
import type { CheckSettings } from '../../src/config/config.ts';
import { selectChecks } from '../../src/engine/select.ts';
import { TEST_CHECKS } from '../config/test-checks.ts';

// Among TEST_CHECKS, test-object-retention is off by default; every other check is on.
function selected(only: string[], skip: string[], settings: Record<string, CheckSettings> = {}): string[] {
  return selectChecks(TEST_CHECKS, { only, skip }, new Map(Object.entries(settings))).map((active) => active.check.id);
}

describe('check selection: the command line wins over the config file', () => {
  it.each<[string, string[], string[], Record<string, CheckSettings>, string[]]>([
    ['no flags, no config: the checks on by default', [], [], {}, ['bucket-default-encryption', 'bucket-mfa-delete', 'bucket-versioning', 'test-allowed-keys']],
    ['config enabled: false turns a check off', [], [], { 'bucket-mfa-delete': { enabled: false } }, ['bucket-default-encryption', 'bucket-versioning', 'test-allowed-keys']],
    ['config enabled: true turns on a check that is off by default', [], [], { 'test-object-retention': { enabled: true } }, ['bucket-default-encryption', 'bucket-mfa-delete', 'bucket-versioning', 'test-object-retention', 'test-allowed-keys']],
    ['--checks runs a check the config turns off', ['bucket-mfa-delete'], [], { 'bucket-mfa-delete': { enabled: false } }, ['bucket-mfa-delete']],
    ['--checks runs exactly what it matches, whatever the config enables', ['bucket-v*'], [], { 'test-object-retention': { enabled: true } }, ['bucket-versioning']],
    ['--skip-checks removes a check the config turns on', [], ['test-object-retention'], { 'test-object-retention': { enabled: true } }, ['bucket-default-encryption', 'bucket-mfa-delete', 'bucket-versioning', 'test-allowed-keys']],
  ])('%s', (_name, only, skip, settings, expected) => {
    expect(selected(only, skip, settings)).toEqual(expected);
  });

  it('applies config severity and options, and the check defaults where the config is silent', () => {
    const active = selectChecks(
      TEST_CHECKS,
      { only: ['bucket-versioning', 'test-*'], skip: [] },
      new Map<string, CheckSettings>([
        ['bucket-versioning', { severity: 'critical' }],
        ['test-object-retention', { options: { minDays: 365, mode: 'COMPLIANCE', buckets: [] } }],
      ]),
    );
    expect(active.map(({ check, severity, options }) => ({ id: check.id, severity, options }))).toEqual([
      { id: 'bucket-versioning', severity: 'critical', options: undefined },
      { id: 'test-object-retention', severity: 'medium', options: { minDays: 365, mode: 'COMPLIANCE', buckets: [] } },
      { id: 'test-allowed-keys', severity: 'low', options: { allowedKeyArns: [] } },
    ]);
  });
});
