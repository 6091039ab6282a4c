import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
// The official SARIF 2.1.0 schema (draft-04), as shipped by Microsoft's jest-sarif package.
const SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

// Both packages are CommonJS with `exports.default`: under NodeNext the default import is the module object.
const ajv = new AjvDraft04.default({ strict: false, unicodeRegExp: false, allErrors: true });
ajvFormats.default(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);

/** Schema violations as "path message" lines; empty when the log is valid SARIF 2.1.0. */
export function schemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}

// GitHub's documented limits (sarif-github.md §1.3).
const MAX_RUNS = 20;
const MAX_RESULTS = 25_000;
const MAX_RULES = 25_000;
const MAX_TAGS = 20;
const MAX_GZIP_BYTES = 10 * 1024 * 1024;
const MAX_DESCRIPTION = 1024;

interface Text {
  text?: unknown;
}
interface Rule {
  id?: unknown;
  shortDescription?: Text;
  fullDescription?: Text;
  help?: Text;
  properties?: { tags?: unknown; 'security-severity'?: unknown };
}
interface Location {
  physicalLocation?: {
    artifactLocation?: { uri?: unknown };
    region?: { startLine?: unknown; startColumn?: unknown; endLine?: unknown; endColumn?: unknown };
  };
}
interface Result {
  ruleId?: unknown;
  message?: Text;
  locations?: Location[];
  partialFingerprints?: { primaryLocationLineHash?: unknown };
}
interface Run {
  tool?: { driver?: { name?: unknown; rules?: Rule[] } };
  results?: Result[];
}
interface Log {
  $schema?: unknown;
  version?: unknown;
  runs?: Run[];
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * What GitHub code scanning rejects although the schema allows it (sarif-github.md §1.1–1.4):
 * a URI with a scheme, missing locations, missing rule texts, a non-numeric security-severity,
 * more than the documented limits. Empty when GitHub would ingest the log.
 */
export function githubIngestionProblems(text: string): string[] {
  const problems: string[] = [];
  const log = JSON.parse(text) as Log;
  if (!nonEmpty(log.$schema)) problems.push('sarifLog: $schema missing');
  if (log.version !== '2.1.0') problems.push('sarifLog: version is not 2.1.0');
  const runs = log.runs ?? [];
  if (runs.length > MAX_RUNS) problems.push(`sarifLog: ${runs.length} runs (max ${MAX_RUNS})`);
  if (gzipSync(text).length > MAX_GZIP_BYTES) problems.push('sarifLog: over 10 MB gzipped');
  runs.forEach((run, r) => {
    const rules = run.tool?.driver?.rules;
    if (!nonEmpty(run.tool?.driver?.name)) problems.push(`run ${r}: tool.driver.name missing`);
    if (!Array.isArray(rules)) problems.push(`run ${r}: tool.driver.rules missing`);
    if (!Array.isArray(run.results)) problems.push(`run ${r}: results array missing`);
    if ((rules ?? []).length > MAX_RULES) problems.push(`run ${r}: more than ${MAX_RULES} rules`);
    if ((run.results ?? []).length > MAX_RESULTS) problems.push(`run ${r}: more than ${MAX_RESULTS} results`);
    const ruleIds = new Set<unknown>();
    for (const rule of rules ?? []) {
      const where = `run ${r} rule ${String(rule.id)}`;
      ruleIds.add(rule.id);
      for (const [name, field] of [['shortDescription', rule.shortDescription], ['fullDescription', rule.fullDescription], ['help', rule.help]] as const) {
        if (!nonEmpty(field?.text)) problems.push(`${where}: ${name}.text missing`);
        else if (name !== 'help' && String(field?.text).length > MAX_DESCRIPTION) problems.push(`${where}: ${name}.text over ${MAX_DESCRIPTION}`);
      }
      const tags = rule.properties?.tags;
      if (Array.isArray(tags) && tags.length > MAX_TAGS) problems.push(`${where}: more than ${MAX_TAGS} tags`);
      const score = rule.properties?.['security-severity'];
      if (score !== undefined && (typeof score !== 'string' || !/^\d+(\.\d+)?$/.test(score) || Number(score) > 10)) {
        problems.push(`${where}: security-severity ${JSON.stringify(score)} is not a number from 0 to 10`);
      }
    }
    (run.results ?? []).forEach((result, i) => {
      const where = `run ${r} result ${i}`;
      if (!nonEmpty(result.message?.text)) problems.push(`${where}: message.text missing`);
      if (!ruleIds.has(result.ruleId)) problems.push(`${where}: ruleId ${String(result.ruleId)} has no rule`);
      if (!nonEmpty(result.partialFingerprints?.primaryLocationLineHash)) problems.push(`${where}: primaryLocationLineHash missing`);
      const location = result.locations?.[0];
      if (location === undefined) {
        problems.push(`${where}: no location`);
        return;
      }
      const uri = location.physicalLocation?.artifactLocation?.uri;
      if (typeof uri !== 'string' || uri === '') problems.push(`${where}: artifactLocation.uri missing`);
      else {
        // A scheme (arn:, s3:, https:) rejects the whole upload; so does ":" in the first segment.
        if ((uri.split('/')[0] ?? '').includes(':')) problems.push(`${where}: uri ${uri} has a scheme`);
        if (uri.startsWith('/')) problems.push(`${where}: uri ${uri} is absolute`);
        if (/[^A-Za-z0-9\-._~%!$&'()*+,;=:@/]/.test(uri)) problems.push(`${where}: uri ${uri} is not percent-encoded`);
      }
      const region = location.physicalLocation?.region;
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) {
        if (typeof region?.[key] !== 'number') problems.push(`${where}: region.${key} missing`);
      }
    });
  });
  return problems;
}

/** Both checks at once, for tests that just need "GitHub would take this". */
export function sarifProblems(text: string): string[] {
  return [...schemaErrors(JSON.parse(text)), ...githubIngestionProblems(text)];
}
