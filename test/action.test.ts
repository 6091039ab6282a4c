import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { present } from '../src/snapshot/observed.ts';
import type { BucketState } from '../src/snapshot/types.ts';
import { sarifProblems } from './support/sarif-validation.ts';
import { tempDir, writeSnapshot } from './support/snapshot-file.ts';

const ROOT = join(import.meta.dirname, '..');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

function step(name: string): Step {
  const found = action.runs.steps.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no step ${name}`);
  return found;
}

/** Runs a step's script the way a runner does: bash -eo pipefail, its env with inputs filled in. */
function runStep(name: string, env: Record<string, string>, cwd: string) {
  const script = step(name).run ?? '';
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, GITHUB_ACTION_PATH: ROOT, ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Step env values with `${{ inputs.x }}` replaced by the input's default or the given value. */
function envOf(name: string, inputs: Record<string, string> = {}): Record<string, string> {
  const env = step(name).env ?? {};
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [
      key,
      value.replace(/\$\{\{ inputs\.([a-z-]+) \}\}/g, (_, input: string) => inputs[input] ?? action.inputs[input]?.default ?? ''),
    ]),
  );
}

const unversioned: BucketState = {
  name: 'unversioned',
  region: 'us-east-1',
  encryption: present({ rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] }),
  versioning: present({}),
  lifecycle: { state: 'absent', code: 'NoSuchLifecycleConfiguration' },
};

describe('GitHub Action (action.yml)', () => {
  it('is a composite action: setup-node, install, scan, SARIF upload, gate', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.map((s) => s.name ?? s.uses)).toEqual([
      'actions/setup-node@v6',
      'Install s3-audit',
      'Scan',
      'Upload SARIF to code scanning',
      'Gate',
    ]);
    expect(step('Upload SARIF to code scanning')).toMatchObject({
      uses: 'github/codeql-action/upload-sarif@v4',
      // Never after an incomplete scan: the upload would close the alerts of unreadable buckets.
      if: "${{ always() && inputs.upload-sarif == 'true' && steps.scan.outputs.complete == 'true' }}",
      with: { sarif_file: '${{ inputs.sarif-file }}' },
    });
  });

  it("the README's example workflow runs on a schedule, assumes a role by OIDC and passes only inputs the action has", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /## GitHub Action[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const workflow = parse(block) as {
      on: { schedule?: unknown[] };
      permissions: Record<string, string>;
      jobs: Record<string, { steps: Step[] }>;
    };
    expect(workflow.on.schedule).toHaveLength(1);
    expect(workflow.permissions).toMatchObject({ 'id-token': 'write', 'security-events': 'write' });
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    expect(steps.map((s) => s.uses)).toEqual([
      'aws-actions/configure-aws-credentials@v5',
      'OWNER/s3-audit@v1',
      'github/codeql-action/upload-sarif@v4',
    ]);
    expect(Object.keys(steps[0]?.with ?? {})).toEqual(['role-to-assume', 'aws-region']);
    for (const input of Object.keys(steps[1]?.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    expect(steps[2]?.with).toMatchObject({ category: 's3-audit/prod' });
  });

  it('never splices an expression into a script: inputs reach scripts as environment variables', () => {
    for (const s of action.runs.steps) expect(s.run ?? '', s.name).not.toContain('${{');
  });

  it('the scan step writes SARIF and JSON, appends the job summary and reports exit code and completeness', () => {
    const dir = tempDir();
    const output = join(dir, 'github_output');
    const summary = join(dir, 'step_summary');
    writeFileSync(output, '');
    const snapshot = writeSnapshot([unversioned]);
    const run = runStep(
      'Scan',
      {
        ...envOf('Scan', { args: `--snapshot ${snapshot} --bucket unv* --checks bucket-default-encryption,bucket-mfa-delete,bucket-versioning`, category: 's3-audit/test' }),
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
      },
      dir,
    );
    expect(run.stderr).toBe('s3-audit: wrote sarif report to s3-audit.sarif\ns3-audit: wrote json report to s3-audit.json\n');
    expect(run.code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('exit-code=1\ncomplete=true\n');
    const sarif = readFileSync(join(dir, 's3-audit.sarif'), 'utf8');
    expect(sarifProblems(sarif)).toEqual([]);
    expect(sarif).toContain('"id": "s3-audit/test/"');
    expect(readFileSync(summary, 'utf8')).toMatch(/^## S3 audit: ❌ 2 failing \(2 medium\)/);
  });

  it.each([
    ['a clean scan passes', { CODE: '0', COMPLETE: 'true' }, 0, ''],
    ['failing findings fail the job', { CODE: '1', COMPLETE: 'true' }, 1, '::error title=s3-audit::failing findings'],
    ['an incomplete scan fails and says why nothing was uploaded', { CODE: '3', COMPLETE: 'false' }, 3, '::warning title=s3-audit::SARIF not uploaded'],
    ['allow-incomplete lets an incomplete scan pass, with a warning', { CODE: '3', COMPLETE: 'false', ALLOW_INCOMPLETE: 'true' }, 0, '::warning title=s3-audit::scan incomplete'],
    ['a scan that never finished fails as an error', { CODE: '', COMPLETE: '' }, 2, '::error title=s3-audit::the scan did not run to the end (exit code none)'],
  ])('gate: %s', (_, env, code, annotation) => {
    const run = runStep('Gate', { ...envOf('Gate'), ...env }, tempDir());
    expect(run.code).toBe(code);
    if (annotation === '') expect(run.stdout).toBe('');
    else expect(run.stdout).toContain(annotation);
  });
});
