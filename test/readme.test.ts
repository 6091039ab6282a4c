import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { BUILTIN_CHECKS } from '../src/checks/registry.ts';
import { parseConfig } from '../src/config/config.ts';
import { PUBLIC_IDS } from './support/public-check-ids.ts';
import { BASE_SOURCES, DATA_SOURCES, iamActionsOf } from '../src/snapshot/data-sources.ts';
import { ORGANIZATION_SCAN_ACTIONS } from '../src/collect/organizations.ts';
import { parseJson } from './support/json.ts';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it('starts with exactly the two set-up commands of the quick start', () => {
    const quickStart = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = quickStart.split('\n').filter((line) => line.trim() !== '').map((line) => line.replace(/\s+#.*$/, ''));
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
  });

  it('lists in its IAM policy every action a scan can need, and nothing else', () => {
    const block = /<!-- permissions:start -->\n```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? '{}';
    const policy = parseJson<{ Statement: { Action: string[] }[] }>(block);
    const needed = [...Object.values(DATA_SOURCES), ...BASE_SOURCES]
      .flatMap(iamActionsOf)
      .filter((action) => /^(s3|kms|glacier):/.test(action));
    expect(policy.Statement.flatMap((statement) => statement.Action)).toEqual([...new Set(needed)].sort());
  });

  it('gives the principal of an organization scan exactly the actions it calls', () => {
    const block = /<!-- org-permissions:start -->\n```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? '{}';
    const policy = parseJson<{ Statement: { Action: string[] }[] }>(block);
    expect(policy.Statement.flatMap((statement) => statement.Action).sort()).toEqual([...ORGANIZATION_SCAN_ACTIONS]);
  });

  it('documents every check option with its actual default', () => {
    const rows = [...readme.matchAll(/^\| `([a-z0-9-]+)` \| `(\w+)` \| `([^`]*)` \|/gm)].map(([, id, option, value]) => `${id} ${option} ${value}`);
    const options = BUILTIN_CHECKS.flatMap((check) => {
      const defaults: unknown = check.options?.defaults;
      if (typeof defaults !== 'object' || defaults === null) return [];
      return Object.entries(defaults).map(([option, value]) => `${check.id} ${option} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    });
    expect(rows.sort()).toEqual(options.sort());
  });

  it('shows a complete .s3-audit.yml that is valid for the registered checks', () => {
    const example = /```yaml\n# \.s3-audit\.yml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const document = parseDocument(example);
    const checks: unknown = document.toJS();
    const mentioned = typeof checks === 'object' && checks !== null && 'checks' in checks ? Object.keys(checks.checks ?? {}) : [];
    expect(mentioned.length).toBeGreaterThan(2);
    // A catalog id that this build does not register yet is left out; a misspelled id is not.
    const unregistered = mentioned.filter((id) => PUBLIC_IDS.has(id) && !BUILTIN_CHECKS.some((check) => check.id === id));
    for (const id of unregistered) document.deleteIn(['checks', id]);
    const config = parseConfig(String(document), '.s3-audit.yml', BUILTIN_CHECKS);
    expect(config.trustedAccounts).toEqual(['111122223333', '012345678901']);
    expect(config.suppressions.map((rule) => rule.reason.length > 0)).toEqual([true, true]);
  });
});
