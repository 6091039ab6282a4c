import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.ts';
import type { Config } from '../../src/config/config.ts';
import { UserError } from '../../src/errors.ts';
import { TEST_CHECKS } from './test-checks.ts';

const FILE = '.s3-audit.yml';

function parse(text: string): Config {
  return parseConfig(text, FILE, TEST_CHECKS);
}

/** The error a config produces: one line, as the CLI prints it after "s3-audit: error: ". */
function errorOf(text: string): string {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected the config to be rejected');
}

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`;

describe('parseConfig accepts', () => {
  it('an empty file, a file of comments and empty sections as "no settings"', () => {
    for (const text of ['', '# nothing yet\n', lines('checks:', 'suppressions:', 'trustedAccounts:')]) {
      expect(parse(text)).toEqual({ checks: new Map(), trustedAccounts: [], suppressions: [] });
    }
  });

  it('a complete file: settings per check, options merged over the check defaults, trusted accounts, suppressions', () => {
    const config = parse(
      lines(
        'checks:',
        '  bucket-mfa-delete:',
        '    enabled: false',
        '  bucket-versioning:',
        '    severity: high',
        '  test-object-retention:',
        '    enabled: true',
        '    options:',
        '      minDays: 90',
        'trustedAccounts:',
        "  - '012345678901'",
        '  - 111122223333',
        'suppressions:',
        '  - check: bucket-versioning',
        "    resource: 'arn:aws:s3:::logs-*'",
        '    reason: "  Log buckets are write-once; versions only add cost.  "',
        '    expires: 2027-01-31',
        '  - check: bucket-*',
        '    resource: arn:aws:s3:::scratch',
        '    reason: Scratch space, emptied nightly',
      ),
    );
    expect(config).toEqual({
      checks: new Map([
        ['bucket-mfa-delete', { enabled: false }],
        ['bucket-versioning', { severity: 'high' }],
        ['test-object-retention', { enabled: true, options: { minDays: 90, mode: 'COMPLIANCE', buckets: [] } }],
      ]),
      trustedAccounts: ['012345678901', '111122223333'],
      suppressions: [
        {
          check: 'bucket-versioning',
          resource: 'arn:aws:s3:::logs-*',
          reason: 'Log buckets are write-once; versions only add cost.',
          expires: '2027-01-31',
          source: '.s3-audit.yml:14:5',
        },
        { check: 'bucket-*', resource: 'arn:aws:s3:::scratch', reason: 'Scratch space, emptied nightly', source: '.s3-audit.yml:18:5' },
      ],
    });
  });

  it('`resource: "*"` to suppress a check on every resource, said explicitly', () => {
    expect(parse(lines('suppressions:', '  - { check: bucket-mfa-delete, resource: "*", reason: Root MFA is not used here }')).suppressions).toMatchObject([
      { check: 'bucket-mfa-delete', resource: '*' },
    ]);
  });
});

describe('parseConfig rejects each kind of mistake with file:line:col, the key path and what is wrong', () => {
  it.each([
    ['bad YAML syntax', lines('checks:', '  bucket-versioning: {enabled: true', 'suppressions: []'), '.s3-audit.yml:3:1: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }'],
    ['a key given twice', lines('checks:', '  bucket-versioning: {}', '  bucket-versioning: {}'), '.s3-audit.yml:3:3: invalid YAML: Map keys must be unique'],
    ['a bare * where a glob belongs (an alias in YAML)', lines('suppressions:', '  - check: bucket-versioning', '    resource: *', '    reason: accepted'), ".s3-audit.yml:3:15: invalid YAML: Alias cannot be an empty string; a value that starts with * is an alias in YAML: quote globs, e.g. '*-delete'"],
    ['an unquoted glob that starts with *', lines('suppressions:', '  - check: *-delete', "    resource: '*'", '    reason: accepted'), ".s3-audit.yml:2:12: invalid YAML: Unresolved alias (the anchor must be set before the alias): -delete; a value that starts with * is an alias in YAML: quote globs, e.g. '*-delete'"],
    ['aliases that would expand without bound', lines('a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'), '.s3-audit.yml:2:8: invalid YAML: Excessive alias count indicates a resource exhaustion attack'],
    ['tabs as indentation', lines('checks:', '\tbucket-versioning: {}'), '.s3-audit.yml:2:1: invalid YAML: Tabs are not allowed as indentation'],
    ['a file that is a list, not a mapping', lines('- bucket-versioning'), '.s3-audit.yml:1:1: expected a mapping of checks, trustedAccounts, suppressions, got a list'],
    ['an unknown top-level key, with the key it resembles', lines('suppresions: []'), '.s3-audit.yml:1:1: suppresions: unknown key (did you mean suppressions?)'],
    ['an unknown top-level key, listing the allowed ones', lines('rules: []'), '.s3-audit.yml:1:1: rules: unknown key (expected one of checks, trustedAccounts, suppressions)'],
    ['an unknown key in a check entry', lines('checks:', '  bucket-versioning:', '    enabeld: false'), '.s3-audit.yml:3:5: checks.bucket-versioning.enabeld: unknown key (did you mean enabled?)'],
    ['an unknown key in a suppression', lines('suppressions:', '  - check: bucket-versioning', '    resource: arn:aws:s3:::b', '    reason: accepted', '    until: 2027-01-01'), '.s3-audit.yml:5:5: suppressions[0].until: unknown key (expected one of check, resource, reason, expires)'],
    ['an unknown check id, with the id it resembles', lines('checks:', '  bucket-versionig:', '    enabled: false'), '.s3-audit.yml:2:3: checks.bucket-versionig: unknown check id (did you mean bucket-versioning?)'],
    ['an unknown check id like nothing known', lines('checks:', '  s3-bucket-foo: {enabled: false}'), "The .s3-audit.yml:2:3: checks.s3-bucket-foo: unknown check id (run 's3-audit checks' for the list)"],
    ['checks given as a list', lines('checks:', '  - bucket-versioning'), '.s3-audit.yml:2:3: checks: expected a mapping of check ids, got a list'],
    ['a check entry that is not a mapping', lines('checks:', '  bucket-versioning: off'), ".s3-audit.yml:2:22: checks.bucket-versioning: expected a mapping of enabled, severity, options, got 'off'"],
    ['enabled that is not a boolean', lines('checks:', '  bucket-versioning:', '    enabled: yes'), ".s3-audit.yml:3:14: checks.bucket-versioning.enabled: expected true or false, got 'yes'"],
    ['a severity that does not exist', lines('checks:', '  bucket-versioning:', '    severity: severe'), ".s3-audit.yml:3:15: checks.bucket-versioning.severity: expected one of critical, high, medium, low, info, got 'severe'"],
    ['an option value the check schema rejects', lines('checks:', '  test-object-retention:', '    options:', '      minDays: 0'), '.s3-audit.yml:4:16: checks.test-object-retention.options.minDays: Too small: expected number to be >=1'],
    ['an option of the wrong type', lines('checks:', '  test-object-retention:', '    options: {mode: [COMPLIANCE]}'), '.s3-audit.yml:3:21: checks.test-object-retention.options.mode: Invalid option: expected one of "GOVERNANCE"|"COMPLIANCE"'],
    ['an unknown option of a strict schema', lines('checks:', '  test-object-retention:', '    options:', '      minDay: 90'), '.s3-audit.yml:4:7: checks.test-object-retention.options.minDay: unknown option (did you mean minDays?)'],
    ['an unknown option a stripping schema would drop silently', lines('checks:', '  test-allowed-keys:', '    options:', '      allowedKeyArn: []'), '.s3-audit.yml:4:7: checks.test-allowed-keys.options.allowedKeyArn: unknown option (did you mean allowedKeyArns?)'],
    ['options that are not a mapping', lines('checks:', '  test-object-retention:', '    options: 90'), '.s3-audit.yml:3:14: checks.test-object-retention.options: expected a mapping of minDays, mode, buckets'],
    ['options for a check that has none', lines('checks:', '  bucket-versioning:', '    options: {minDays: 1}'), '.s3-audit.yml:3:5: checks.bucket-versioning.options: bucket-versioning has no options'],
    ['a suppression without a reason', lines('suppressions:', '  - check: bucket-versioning', '    resource: arn:aws:s3:::b'), ".s3-audit.yml:2:5: suppressions[0]: missing required key 'reason'"],
    ['a suppression with an empty reason', lines('suppressions:', '  - check: bucket-versioning', '    resource: arn:aws:s3:::b', '    reason: " "'), '.s3-audit.yml:4:13: suppressions[0].reason: must say why the finding is accepted'],
    ['a date that is not YYYY-MM-DD', lines('suppressions:', '  - check: bucket-versioning', '    resource: arn:aws:s3:::b', '    reason: accepted', '    expires: next year'), ".s3-audit.yml:5:14: suppressions[0].expires: expected a date as YYYY-MM-DD, got 'next year'"],
    ['a date that is not in the calendar', lines('suppressions:', '  - check: bucket-versioning', '    resource: arn:aws:s3:::b', '    reason: accepted', '    expires: 2027-02-30'), ".s3-audit.yml:5:14: suppressions[0].expires: expected a date as YYYY-MM-DD, got '2027-02-30'"],
    ['a timestamp instead of a date', lines('suppressions:', '  - check: bucket-versioning', '    resource: arn:aws:s3:::b', '    reason: accepted', '    expires: 2027-01-01T00:00:00Z'), ".s3-audit.yml:5:14: suppressions[0].expires: expected a date as YYYY-MM-DD, got '2027-01-01T00:00:00Z'"],
    ['a resource glob that is a number', lines('suppressions:', '  - check: bucket-versioning', '    resource: 42', '    reason: accepted'), '.s3-audit.yml:3:15: suppressions[0].resource: expected an ARN glob, got number 42'],
    ['a resource glob that is a list', lines('suppressions:', '  - check: bucket-versioning', '    resource: [arn:aws:s3:::a, arn:aws:s3:::b]', '    reason: accepted'), '.s3-audit.yml:3:15: suppressions[0].resource: expected an ARN glob, got a list'],
    ['a check glob that is a mapping', lines('suppressions:', '  - check: {id: bucket-versioning}', '    resource: arn:aws:s3:::b', '    reason: accepted'), '.s3-audit.yml:2:12: suppressions[0].check: expected a check id or glob, got a mapping'],
    ['a bucket name where an ARN glob belongs', lines('suppressions:', '  - check: bucket-versioning', '    resource: logs-*', '    reason: accepted'), ".s3-audit.yml:3:15: suppressions[0].resource: expected an ARN glob such as arn:aws:s3:::my-bucket or arn:aws:s3:::logs-*, got 'logs-*'"],
    ['a suppression of a check id that does not exist', lines('suppressions:', '  - check: bucket-version', '    resource: arn:aws:s3:::b', '    reason: accepted'), '.s3-audit.yml:2:12: suppressions[0].check: unknown check id (did you mean bucket-versioning?)'],
    ['a suppression glob that matches no check', lines('suppressions:', "  - check: 'kms-*'", '    resource: arn:aws:s3:::b', '    reason: accepted'), ".s3-audit.yml:2:12: suppressions[0].check: matches no check id (run 's3-audit checks' for the list)"],
    ['a negated check glob (never "every other check")', lines('suppressions:', "  - check: '!bucket-versioning'", '    resource: arn:aws:s3:::b', '    reason: accepted'), ".s3-audit.yml:2:12: suppressions[0].check: unknown check id (did you mean bucket-versioning?)"],
    ['suppressions given as a mapping', lines('suppressions:', '  bucket-versioning: accepted'), '.s3-audit.yml:2:3: suppressions: expected a list of suppressions, got a mapping'],
    ['an account id whose leading zero YAML dropped', lines('trustedAccounts:', '  - 012345678901'), ".s3-audit.yml:2:5: trustedAccounts[0]: expected a 12-digit AWS account id, got number 12345678901 (quote account ids, e.g. '012345678901': YAML drops the leading zeros of a bare number)"],
    ['an account id that is no account id', lines('trustedAccounts:', "  - '111122223333'", '  - partner'), ".s3-audit.yml:3:5: trustedAccounts[1]: expected a 12-digit AWS account id, got 'partner'"],
  ])('%s', (_name, text, message) => {
    expect(errorOf(text)).toBe(message.replace(/^The /, ''));
  });

  it('reports the first mistake in file order and how many more there are', () => {
    const text = lines('checks:', '  bucket-versioning:', '    severity: severe', '  bucket-mfa:', '    enabled: false', 'extra: 1');
    expect(errorOf(text)).toBe(
      ".s3-audit.yml:3:15: checks.bucket-versioning.severity: expected one of critical, high, medium, low, info, got 'severe' (and 2 more problems in this file)",
    );
  });
});
