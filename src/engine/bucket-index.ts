import type { ObservedError } from '../snapshot/observed.ts';
import type { BucketState } from '../snapshot/types.ts';

/** A value the index holds: known, or unreadable with the error that says why. Absent is folded into the value. */
export type Indexed<T> = { readonly state: 'present'; readonly value: T } | ObservedError;

export interface IndexedLogging {
  /** undefined: server access logging is off. */
  readonly targetBucket?: string;
}

export interface IndexedObjectLock {
  readonly enabled: boolean;
  /** A default retention is configured (its mode and period are not kept). */
  readonly defaultRetention: boolean;
}

/**
 * What the index knows about one bucket of the account. A value is missing when it was not
 * collected: the bucket was only listed (outside --bucket/--exclude-bucket), or the snapshot
 * was taken without that data.
 */
export interface IndexedBucket {
  readonly name: string;
  /** undefined only for a listed bucket whose ListBuckets entry had no region (S3-compatible stores). */
  readonly region: string | undefined;
  /** Its configuration was collected; false: ListBuckets named it but the scan left it out. */
  readonly scanned: boolean;
  readonly logging?: Indexed<IndexedLogging>;
  readonly objectLock?: Indexed<IndexedObjectLock>;
}

/** Buckets that deliver their access logs into one bucket (itself not counted). */
export interface LogSources {
  readonly count: number;
  /** The first by name, so messages do not depend on the order buckets were collected in. */
  readonly first: string;
}

/** Buckets whose logging target the index does not know, so they may log anywhere. */
export interface UnknownLogging {
  readonly count: number;
  /** The first by name. */
  readonly first: IndexedBucket;
}

/**
 * A compact, read-only index over every bucket of the account that cross-bucket checks read
 * (the logging graph). Entries have dense ids 0…size-1 so graph algorithms can use arrays.
 */
export interface BucketIndex {
  readonly size: number;
  idOf(name: string): number | undefined;
  entry(id: number): IndexedBucket;
  /** undefined: not a bucket of this account (as far as ListBuckets and the snapshot say). */
  get(name: string): IndexedBucket | undefined;
  /**
   * The other buckets in `region` that log into `name`; undefined when there are none. Only the
   * same Region counts: S3 delivers access logs to no other.
   */
  logSources(name: string, region: string): LogSources | undefined;
  /** Buckets that may be in `region` (or whose region is unknown) with an unknown logging target; undefined when none. */
  unknownLogging(region: string): UnknownLogging | undefined;
}

// Per-bucket flags, packed into one small integer.
const SCANNED = 1;
const EVALUATED = 2;
const LOGGING_COLLECTED = 4;
const LOGGING_ERROR = 8;
const LOCK_COLLECTED = 16;
const LOCK_ERROR = 32;
const LOCK_ENABLED = 64;
const LOCK_RETENTION = 128;

interface EntryErrors {
  logging?: ObservedError;
  objectLock?: ObservedError;
}

interface MutableLogSources {
  count: number;
  first: string;
}

interface MutableUnknownLogging {
  count: number;
  first: number;
}

/**
 * Builds the index as buckets stream by, keeping about a hundred bytes per bucket: the name,
 * interned region and target strings, and one flags integer. Errors (rare) are kept aside.
 * A bucket indexed twice (listed, then its record) keeps the fuller entry.
 */
export class BucketIndexBuilder implements BucketIndex {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly regions: (string | undefined)[] = [];
  private readonly targets: (string | undefined)[] = [];
  private readonly flags: number[] = [];
  private readonly errors = new Map<number, EntryErrors>();
  private readonly interned = new Map<string, string>();
  /** target → source region → the sources there. */
  private readonly sources = new Map<string, Map<string, MutableLogSources>>();
  /** unknownLogging() is asked once per bucket whose logging is off: one pass for all regions, dropped on any change. */
  private unknownLoggingByRegion: Map<string | undefined, MutableUnknownLogging> | undefined;

  get size(): number {
    return this.names.length;
  }

  /** A bucket whose configuration was collected; `evaluated`: its checks run (it is in the scan's scope). */
  addBucket(bucket: BucketState, evaluated: boolean): void {
    const id = this.slot(bucket.name, bucket.region);
    this.targets[id] = undefined;
    let flags = SCANNED | (evaluated ? EVALUATED : 0);
    const errors: EntryErrors = {};
    const { logging, objectLock } = bucket;
    if (logging !== undefined) {
      flags |= LOGGING_COLLECTED;
      if (logging.state === 'error') {
        flags |= LOGGING_ERROR;
        errors.logging = logging;
      } else if (logging.state === 'present' && logging.value.target !== undefined) {
        const target = this.intern(logging.value.target.bucket);
        this.targets[id] = target;
        if (target !== bucket.name) this.countSource(target, bucket.name, bucket.region);
      }
    }
    if (objectLock !== undefined) {
      flags |= LOCK_COLLECTED;
      if (objectLock.state === 'error') {
        flags |= LOCK_ERROR;
        errors.objectLock = objectLock;
      } else if (objectLock.state === 'present' && objectLock.value.enabled) {
        flags |= LOCK_ENABLED | (objectLock.value.defaultRetention === undefined ? 0 : LOCK_RETENTION);
      }
    }
    this.flags[id] = flags;
    if (errors.logging !== undefined || errors.objectLock !== undefined) this.errors.set(id, errors);
  }

  /** A bucket ListBuckets named but the scan left out: only its existence and region are known. */
  addListed(name: string, region: string | undefined): void {
    if (this.ids.has(name)) return;
    this.slot(name, region);
  }

  idOf(name: string): number | undefined {
    return this.ids.get(name);
  }

  entry(id: number): IndexedBucket {
    const name = this.names[id];
    const flags = this.flags[id];
    if (name === undefined || flags === undefined) throw new RangeError(`no bucket with index id ${String(id)}`);
    const errors = this.errors.get(id);
    const target = this.targets[id];
    const logging: Indexed<IndexedLogging> | undefined =
      (flags & LOGGING_COLLECTED) === 0
        ? undefined
        : errors?.logging ?? { state: 'present', value: target === undefined ? {} : { targetBucket: target } };
    const objectLock: Indexed<IndexedObjectLock> | undefined =
      (flags & LOCK_COLLECTED) === 0
        ? undefined
        : errors?.objectLock ?? {
            state: 'present',
            value: { enabled: (flags & LOCK_ENABLED) !== 0, defaultRetention: (flags & LOCK_RETENTION) !== 0 },
          };
    return {
      name,
      region: this.regions[id],
      scanned: (flags & SCANNED) !== 0,
      ...(logging === undefined ? {} : { logging }),
      ...(objectLock === undefined ? {} : { objectLock }),
    };
  }

  get(name: string): IndexedBucket | undefined {
    const id = this.ids.get(name);
    return id === undefined ? undefined : this.entry(id);
  }

  /** Whether the bucket's checks run: in scope, and collected. */
  isEvaluated(id: number): boolean {
    return ((this.flags[id] ?? 0) & EVALUATED) !== 0;
  }

  logSources(name: string, region: string): LogSources | undefined {
    const sources = this.sources.get(name)?.get(region);
    return sources === undefined ? undefined : { count: sources.count, first: sources.first };
  }

  unknownLogging(region: string): UnknownLogging | undefined {
    this.unknownLoggingByRegion ??= this.findUnknownLogging();
    const inRegion = this.unknownLoggingByRegion.get(region);
    const unplaced = this.unknownLoggingByRegion.get(undefined);
    const count = (inRegion?.count ?? 0) + (unplaced?.count ?? 0);
    const candidates = [inRegion?.first, unplaced?.first].filter((id) => id !== undefined).map((id) => this.entry(id));
    const first = candidates.reduce<IndexedBucket | undefined>((a, b) => (a === undefined || b.name < a.name ? b : a), undefined);
    return first === undefined ? undefined : { count, first };
  }

  private findUnknownLogging(): Map<string | undefined, MutableUnknownLogging> {
    const byRegion = new Map<string | undefined, MutableUnknownLogging>();
    for (let id = 0; id < this.names.length; id += 1) {
      const flags = this.flags[id] ?? 0;
      if ((flags & LOGGING_COLLECTED) !== 0 && (flags & LOGGING_ERROR) === 0) continue;
      const region = this.regions[id];
      const known = byRegion.get(region);
      if (known === undefined) {
        byRegion.set(region, { count: 1, first: id });
        continue;
      }
      known.count += 1;
      if ((this.names[id] ?? '') < (this.names[known.first] ?? '')) known.first = id;
    }
    return byRegion;
  }

  private slot(name: string, region: string | undefined): number {
    this.unknownLoggingByRegion = undefined;
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
      this.targets.push(undefined);
      this.flags.push(0);
      this.regions.push(undefined);
    }
    this.regions[id] = region === undefined ? undefined : this.intern(region);
    return id;
  }

  private intern(text: string): string {
    const known = this.interned.get(text);
    if (known !== undefined) return known;
    // Only regions and logging targets are interned: few distinct values, shared by many buckets.
    this.interned.set(text, text);
    return text;
  }

  private countSource(target: string, source: string, region: string): void {
    let byRegion = this.sources.get(target);
    if (byRegion === undefined) {
      byRegion = new Map();
      this.sources.set(target, byRegion);
    }
    const sources = byRegion.get(region);
    if (sources === undefined) {
      byRegion.set(region, { count: 1, first: source });
      return;
    }
    sources.count += 1;
    if (source < sources.first) sources.first = source;
  }
}
