import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCatalog } from '../../src/report/catalog.ts';
import { BUILTIN_CHECKS } from '../../src/checks/registry.ts';
import { SEVERITIES } from '../../src/checks/types.ts';
import { DATA_SOURCES } from '../../src/snapshot/data-sources.ts';
import { PUBLIC_IDS } from '../support/public-check-ids.ts';

const root = join(import.meta.dirname, '..', '..');
const checkFiles = readdirSync(join(root, 'src', 'checks'))
  .filter((file) => file.endsWith('.ts') && !['registry.ts', 'types.ts'].includes(file))
  .map((file) => basename(file, '.ts'));

describe('check registry', () => {
  it('registers every check file, and only those, under the id that is its file name', async () => {
    const fromFiles = await Promise.all(
      checkFiles.map(async (file) => {
        const module: unknown = await import(`../../src/checks/${file}.ts`);
        const check = BUILTIN_CHECKS.find((candidate) => typeof module === 'object' && module !== null && 'default' in module && module.default === candidate);
        expect(check?.id, `src/checks/${file}.ts default-exports a registered check whose id is the file name`).toBe(file);
        return check;
      }),
    );
    expect(new Set(BUILTIN_CHECKS)).toEqual(new Set(fromFiles));
  });

  it('has unique ids that belong to the public catalog', () => {
    const ids = BUILTIN_CHECKS.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !PUBLIC_IDS.has(id))).toEqual([]);
  });

  it('has a CheckTester suite for every check', () => {
    for (const { id } of BUILTIN_CHECKS) {
      const file = join(root, 'test', 'checks', `${id}.test.ts`);
      expect(existsSync(file), `test/checks/${id}.test.ts exists`).toBe(true);
      expect(readFileSync(file, 'utf8'), `test/checks/${id}.test.ts uses runCheckTests`).toContain('runCheckTests(check,');
    }
  });

  it.each(BUILTIN_CHECKS.map((check) => [check.id, check] as const))('%s has complete, well-formed metadata', (_id, check) => {
    expect(check.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(check.title, 'titles state the secure state, not an instruction').not.toMatch(/^(ensure|check|verify)\b/i);
    expect(check.title.length).toBeLessThanOrEqual(80);
    expect(SEVERITIES).toContain(check.severity);
    expect(check.rationale.length).toBeGreaterThan(40);
    expect(check.remediation.text.length).toBeGreaterThan(20);
    expect(check.references.url.length).toBeGreaterThan(0);
    for (const url of check.references.url) expect(url).toMatch(/^https:\/\//);
    expect(check.needs.length).toBeGreaterThan(0);
    for (const key of check.needs) expect(Object.keys(DATA_SOURCES)).toContain(key);
    expect(Object.keys(check.messages).length).toBeGreaterThan(0);
    if (check.options !== undefined) {
      expect(check.options.schema.safeParse(check.options.defaults).success, 'the defaults satisfy the options schema').toBe(true);
    }
  });

  it('is listed in the README exactly as `s3-audit checks --format markdown` prints it', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const match = /<!-- checks:start -->\n([\s\S]*?)<!-- checks:end -->/.exec(readme);
    expect(match?.[1], 'README.md has a checks:start/checks:end block').toBe(renderCatalog(BUILTIN_CHECKS, 'markdown'));
  });
});
