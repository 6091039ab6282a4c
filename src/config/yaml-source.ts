import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Range } from 'yaml';
import { UserError } from '../errors.ts';

/** Where a value sits in the config: map keys and list indexes, e.g. ['suppressions', 0, 'reason']. */
export type ConfigPath = readonly (string | number)[];

export interface YamlSource {
  /** The document as plain data (`null` for an empty file). */
  readonly value: unknown;
  /**
   * `file:line:col` of the value at `path` (of its key with `part: 'key'`); when the path does not
   * exist (a missing key), of the closest enclosing node that does.
   */
  position(path: ConfigPath, part?: 'key' | 'value'): string;
  /** The character offset behind `position`, to put problems in file order. */
  offset(path: ConfigPath, part?: 'key' | 'value'): number;
}

function childOf(node: unknown, segment: string | number): { key?: unknown; value: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
    return pair === undefined ? undefined : { key: pair.key, value: pair.value };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item: unknown = node.items[segment];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}

function rangeOf(node: unknown): Range | undefined {
  return isNode(node) ? (node.range ?? undefined) : undefined;
}

// Globs are where users meet this: `resource: *` or `check: *-delete` is an alias in YAML.
const ALIAS_HINT = "; a value that starts with * is an alias in YAML: quote globs, e.g. '*-delete'";

/** The first alias that names no anchor, or else the first alias (there were too many). */
function badAlias(document: Document.Parsed): { readonly offset: number; readonly unresolved: boolean } {
  let unresolved: number | undefined;
  let first: number | undefined;
  visit(document, {
    Alias(_key, node) {
      first ??= node.range?.[0];
      if (node.resolve(document) === undefined) {
        unresolved = node.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return unresolved === undefined ? { offset: first ?? 0, unresolved: false } : { offset: unresolved, unresolved: true };
}

/** Parses YAML keeping node positions; a syntax error (incl. a duplicate key) is a UserError at its line and column. */
export function parseYaml(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  const [syntaxError] = document.errors;
  if (syntaxError !== undefined) {
    const hint = syntaxError.code === 'BAD_ALIAS' ? ALIAS_HINT : '';
    throw new UserError(`${at(syntaxError.pos[0])}: invalid YAML: ${syntaxError.message.split('\n')[0] ?? ''}${hint}`);
  }
  let value: unknown;
  try {
    // A bounded alias count: a few lines of nested aliases must not expand into gigabytes.
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
    const alias = badAlias(document);
    throw new UserError(`${at(alias.offset)}: invalid YAML: ${detail}${alias.unresolved ? ALIAS_HINT : ''}`);
  }
  const offset = (path: ConfigPath, part: 'key' | 'value' = 'value'): number => {
    let node: unknown = document.contents;
    let range = rangeOf(node);
    for (const [index, segment] of path.entries()) {
      const child = childOf(node, segment);
      if (child === undefined) break;
      node = child.value;
      const isLast = index === path.length - 1;
      range = (isLast && part === 'key' ? rangeOf(child.key) : rangeOf(child.value)) ?? rangeOf(child.key) ?? range;
    }
    return range?.[0] ?? 0;
  };
  return {
    value,
    offset,
    position: (path, part) => at(offset(path, part)),
  };
}
