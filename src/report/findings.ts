import { SEVERITIES, STATUSES } from '../checks/types.ts';
import type { Finding, ResourceRef, Suppression } from '../checks/types.ts';
import { InternPool } from './intern-pool.ts';
import { compareStrings } from './text.ts';

/**
 * The findings of a scan or report: a read-only sequence of Finding objects. A scan of 10^5
 * buckets holds ~2 million of them, so they are stored in columns (a check index, status, pooled
 * message, …) and each Finding object is made when it is read: readers iterate, they do not keep.
 */
export interface Findings extends Iterable<Finding> {
  readonly length: number;
  /** The finding at `index` (0 ≤ index < length), made afresh on every call. */
  at(index: number): Finding;
  filter(predicate: (finding: Finding) => boolean): Finding[];
  find(predicate: (finding: Finding) => boolean): Finding | undefined;
  map<T>(transform: (finding: Finding, index: number) => T): T[];
  some(predicate: (finding: Finding) => boolean): boolean;
  /** Report order: by resource ARN, then check id (code-unit order); equal ones keep their order. */
  inReportOrder(): Findings;
  /** The same findings with the marks `mark` returns set (a mark replaces the one it names); called in order. */
  withMarks(mark: (finding: Finding) => Marks | undefined): Findings;
  /** For `JSON.stringify` of a small report; large reports are written by renderJsonChunks. */
  toJSON(): Finding[];
}

/** What suppressions and baselines add to a finding after the scan. */
export type Marks = Pick<Finding, 'suppression' | 'baseline'>;

const BASELINE_STATES = [undefined, 'new', 'known'] as const;
const FINGERPRINT_BYTES = 16;
const CANONICAL_FINGERPRINT = /^[0-9a-f]{32}$/;
/** Large enough for every message and evidence of a scan that does not name its resource. */
const POOL_KEYS = 4096;
const PAGE_BITS = 16;
const PAGE_ROWS = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_ROWS - 1;

/**
 * Distinct values by a key that stands for them, each with an index for a column. Bounded like
 * InternPool: a value seen after the pool started over gets a second index (the same value).
 */
class IndexedPool<T> {
  readonly values: T[] = [];

  readonly #indexes = new InternPool<number>(POOL_KEYS);

  /** What the column's type can index. */
  readonly #maxSize: number;

  constructor(maxSize: number) {
    this.#maxSize = maxSize;
  }

  indexOf(key: string, value: T): number {
    const index = this.#indexes.intern(key, this.values.length);
    if (index === this.values.length) {
      if (index >= this.#maxSize) throw new RangeError(`more than ${String(this.#maxSize)} distinct values in a findings column`);
      this.values.push(value);
    }
    return index;
  }
}

type Page = Uint8Array | Uint16Array | Uint32Array;

/**
 * One number per row, in pages of PAGE_ROWS rows: it grows without copying what it holds (a
 * doubling array would briefly hold 1.5 times its size) and wastes at most a page.
 */
class Column {
  readonly #pages: Page[] = [];

  readonly #newPage: (rows: number) => Page;

  constructor(newPage: (rows: number) => Page) {
    this.#newPage = newPage;
  }

  get(row: number): number {
    const value = this.#pages[row >>> PAGE_BITS]?.[row & PAGE_MASK];
    if (value === undefined) throw new RangeError(`findings: no row ${String(row)}`);
    return value;
  }

  /** Rows are set in order: row n after rows 0 … n-1. */
  set(row: number, value: number): void {
    const page = this.#pages[row >>> PAGE_BITS] ?? this.#addPage();
    page[row & PAGE_MASK] = value;
  }

  #addPage(): Page {
    const page = this.#newPage(PAGE_ROWS);
    this.#pages.push(page);
    return page;
  }
}

/**
 * Fingerprints as their 16 bytes, paged like Column: a 32-digit string costs 48 bytes. Those
 * that are not 32 lowercase hex digits (reports written by hand, tests) are kept as given.
 */
class FingerprintColumn {
  readonly #pages: Buffer[] = [];

  readonly #others = new Map<number, string>();

  get(row: number): string {
    const other = this.#others.get(row);
    if (other !== undefined) return other;
    const start = (row & PAGE_MASK) * FINGERPRINT_BYTES;
    return pooled(this.#pages, row >>> PAGE_BITS).toString('hex', start, start + FINGERPRINT_BYTES);
  }

  set(row: number, fingerprint: string): void {
    const page = this.#pages[row >>> PAGE_BITS] ?? this.#addPage();
    if (CANONICAL_FINGERPRINT.test(fingerprint)) page.write(fingerprint, (row & PAGE_MASK) * FINGERPRINT_BYTES, 'hex');
    else this.#others.set(row, fingerprint);
  }

  #addPage(): Buffer {
    const page = Buffer.alloc(PAGE_ROWS * FINGERPRINT_BYTES);
    this.#pages.push(page);
    return page;
  }
}

/** One row per finding, in the order they were added; the pools hold what the columns index. */
interface Table {
  readonly length: number;
  readonly checkIds: Column;
  readonly statuses: Column;
  readonly severities: Column;
  readonly messageIds: Column;
  readonly resources: Column;
  readonly messages: Column;
  /** Pool index + 1; 0: no evidence. */
  readonly evidence: Column;
  readonly fingerprints: FingerprintColumn;
  readonly checkIdPool: readonly string[];
  readonly messageIdPool: readonly string[];
  readonly resourcePool: readonly ResourceRef[];
  readonly messagePool: readonly string[];
  readonly evidencePool: readonly Evidence[];
}

/** Per row: a suppression's pool index + 1 and a BASELINE_STATES index; 0 for none. */
interface MarkColumns {
  readonly suppressions: Uint16Array;
  readonly suppressionPool: readonly Suppression[];
  readonly baselines: Uint8Array;
}

type Evidence = Readonly<Record<string, unknown>>;

/** Collects findings into columns as a scan makes them; `build` hands out the result. */
export class FindingsBuilder {
  #length = 0;
  readonly #checkIds = new Column((rows) => new Uint16Array(rows));
  readonly #statuses = new Column((rows) => new Uint8Array(rows));
  readonly #severities = new Column((rows) => new Uint8Array(rows));
  readonly #messageIds = new Column((rows) => new Uint16Array(rows));
  readonly #resources = new Column((rows) => new Uint32Array(rows));
  readonly #messages = new Column((rows) => new Uint32Array(rows));
  readonly #evidence = new Column((rows) => new Uint32Array(rows));
  readonly #fingerprints = new FingerprintColumn();
  readonly #checkIdPool = new IndexedPool<string>(0xffff);
  readonly #messageIdPool = new IndexedPool<string>(0xffff);
  readonly #resourcePool = new IndexedPool<ResourceRef>(0xffffffff);
  readonly #messagePool = new IndexedPool<string>(0xffffffff);
  readonly #evidencePool = new IndexedPool<Evidence>(0xfffffffe);
  #lastResource: ResourceRef | undefined;
  #lastResourceIndex = 0;
  // Once built, the columns belong to the Findings handed out.
  #built = false;

  get length(): number {
    return this.#length;
  }

  add(finding: Finding): void {
    if (this.#built) throw new Error('FindingsBuilder.add after build');
    if (finding.suppression !== undefined || finding.baseline !== undefined) {
      throw new Error('FindingsBuilder.add: marks are set with Findings.withMarks');
    }
    const row = this.#length;
    this.#checkIds.set(row, this.#checkIdPool.indexOf(finding.checkId, finding.checkId));
    this.#statuses.set(row, STATUSES.indexOf(finding.status));
    this.#severities.set(row, SEVERITIES.indexOf(finding.severity));
    this.#messageIds.set(row, this.#messageIdPool.indexOf(finding.messageId, finding.messageId));
    this.#resources.set(row, this.#resourceIndex(finding.resource));
    this.#messages.set(row, this.#messagePool.indexOf(finding.message, finding.message));
    // Shared by its JSON text: the report shows nothing else of it, and findings never change it.
    this.#evidence.set(row, finding.evidence === undefined ? 0 : this.#evidencePool.indexOf(JSON.stringify(finding.evidence), finding.evidence) + 1);
    this.#fingerprints.set(row, finding.fingerprint);
    this.#length += 1;
  }

  build(): Findings {
    this.#built = true;
    return new ColumnFindings(
      {
        length: this.#length,
        checkIds: this.#checkIds,
        statuses: this.#statuses,
        severities: this.#severities,
        messageIds: this.#messageIds,
        resources: this.#resources,
        messages: this.#messages,
        evidence: this.#evidence,
        fingerprints: this.#fingerprints,
        checkIdPool: this.#checkIdPool.values,
        messageIdPool: this.#messageIdPool.values,
        resourcePool: this.#resourcePool.values,
        messagePool: this.#messagePool.values,
        evidencePool: this.#evidencePool.values,
      },
      undefined,
      undefined,
    );
  }

  /** A bucket's findings arrive together and share its ref; equal refs from a parsed report share one entry. */
  #resourceIndex(resource: ResourceRef): number {
    if (resource !== this.#lastResource) {
      this.#lastResource = resource;
      this.#lastResourceIndex = this.#resourcePool.indexOf(JSON.stringify(resource), resource);
    }
    return this.#lastResourceIndex;
  }
}

/** Findings held as they are given (a parsed report, a test's list), in that order. */
export function findingsOf(findings: Iterable<Finding>): Findings {
  const builder = new FindingsBuilder();
  const marks: (Marks | undefined)[] = [];
  let marked = false;
  for (const finding of findings) {
    const { suppression, baseline, ...unmarked } = finding;
    builder.add(unmarked);
    const mark = { ...(suppression === undefined ? {} : { suppression }), ...(baseline === undefined ? {} : { baseline }) };
    marks.push(mark);
    marked ||= suppression !== undefined || baseline !== undefined;
  }
  const built = builder.build();
  if (!marked) return built;
  let index = 0;
  return built.withMarks(() => marks[index++]);
}

class ColumnFindings implements Findings {
  readonly #table: Table;
  /** Position → row; undefined: rows in the order they were added. */
  readonly #order: Uint32Array | undefined;
  readonly #marks: MarkColumns | undefined;

  constructor(table: Table, order: Uint32Array | undefined, marks: MarkColumns | undefined) {
    this.#table = table;
    this.#order = order;
    this.#marks = marks;
  }

  get length(): number {
    return this.#table.length;
  }

  at(index: number): Finding {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new RangeError(`finding ${String(index)} of ${String(this.length)}`);
    }
    return this.#row(this.#rowAt(index));
  }

  *[Symbol.iterator](): Iterator<Finding> {
    for (let index = 0; index < this.length; index += 1) yield this.at(index);
  }

  filter(predicate: (finding: Finding) => boolean): Finding[] {
    const kept: Finding[] = [];
    for (const finding of this) if (predicate(finding)) kept.push(finding);
    return kept;
  }

  find(predicate: (finding: Finding) => boolean): Finding | undefined {
    for (const finding of this) if (predicate(finding)) return finding;
    return undefined;
  }

  map<T>(transform: (finding: Finding, index: number) => T): T[] {
    return Array.from(this, transform);
  }

  some(predicate: (finding: Finding) => boolean): boolean {
    return this.find(predicate) !== undefined;
  }

  toJSON(): Finding[] {
    return [...this];
  }

  inReportOrder(): Findings {
    const table = this.#table;
    const { length } = this;
    // Ranks, not strings: each ARN and check id is ranked once, not compared per comparison.
    const resourceRank = ranks(table.resourcePool.map((resource) => resource.arn));
    const checkRank = ranks(table.checkIdPool);
    const checkCount = table.checkIdPool.length;
    if (table.resourcePool.length * checkCount * length > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`too many findings to order: ${String(length)}`);
    }
    // Sort key × length + position: a plain numeric sort (native, no comparator calls) that is
    // stable, since equal keys are ordered by their position.
    const keys = new Float64Array(length);
    for (let index = 0; index < length; index += 1) {
      const row = this.#rowAt(index);
      const key = pooled(resourceRank, table.resources.get(row)) * checkCount + pooled(checkRank, table.checkIds.get(row));
      keys[index] = key * length + index;
    }
    keys.sort();
    // A loop, not Uint32Array.from(keys, map): that boxes every key on the heap first.
    const order = new Uint32Array(length);
    let position = 0;
    for (const key of keys) order[position++] = this.#rowAt(key % length);
    return new ColumnFindings(table, order, this.#marks);
  }

  withMarks(mark: (finding: Finding) => Marks | undefined): Findings {
    const rows = this.#table.length;
    const suppressions = new Uint16Array(rows);
    const baselines = new Uint8Array(rows);
    const pool = new IndexedPool<Suppression>(0xfffe);
    for (let index = 0; index < this.length; index += 1) {
      const finding = this.at(index);
      const { suppression, baseline } = { ...finding, ...mark(finding) };
      const row = this.#rowAt(index);
      suppressions[row] = suppression === undefined ? 0 : pool.indexOf(JSON.stringify([suppression.reason, suppression.expires]), suppression) + 1;
      baselines[row] = BASELINE_STATES.indexOf(baseline);
    }
    return new ColumnFindings(this.#table, this.#order, { suppressions, suppressionPool: pool.values, baselines });
  }

  #rowAt(index: number): number {
    return this.#order === undefined ? index : pooled(this.#order, index);
  }

  #row(row: number): Finding {
    const table = this.#table;
    const checkId = pooled(table.checkIdPool, table.checkIds.get(row));
    const status = pooled(STATUSES, table.statuses.get(row));
    const severity = pooled(SEVERITIES, table.severities.get(row));
    const resource = pooled(table.resourcePool, table.resources.get(row));
    const messageId = pooled(table.messageIdPool, table.messageIds.get(row));
    const message = pooled(table.messagePool, table.messages.get(row));
    const evidence = optional(table.evidencePool, table.evidence.get(row));
    const fingerprint = table.fingerprints.get(row);
    // Literals rather than conditional spreads: this runs millions of times per report. The key
    // order is the JSON report's.
    const finding: Finding =
      evidence === undefined
        ? { checkId, status, severity, resource, messageId, message, fingerprint }
        : { checkId, status, severity, resource, messageId, message, evidence, fingerprint };
    const marks = this.#marks;
    if (marks === undefined) return finding;
    const suppression = optional(marks.suppressionPool, marks.suppressions[row]);
    const baseline = BASELINE_STATES[pooled(marks.baselines, row)];
    return { ...finding, ...(suppression === undefined ? {} : { suppression }), ...(baseline === undefined ? {} : { baseline }) };
  }
}

/** `values[index]`; the columns only hold indexes into their pools, so a miss is a bug. */
function pooled<T>(values: ArrayLike<T>, index: number | undefined): T {
  const value = index === undefined ? undefined : values[index];
  if (value === undefined) throw new Error(`findings: index ${String(index)} is outside its column or pool`);
  return value;
}

/** For columns that hold pool index + 1, 0 meaning none. */
function optional<T>(values: readonly T[], indexPlusOne: number | undefined): T | undefined {
  return indexPlusOne === undefined || indexPlusOne === 0 ? undefined : pooled(values, indexPlusOne - 1);
}

/** For each value, its rank among the distinct values in code-unit order. */
function ranks(values: readonly string[]): Uint32Array {
  const distinct = [...new Set(values)].sort(compareStrings);
  const rankOf = new Map(distinct.map((value, rank) => [value, rank]));
  return Uint32Array.from(values, (value) => rankOf.get(value) ?? 0);
}
