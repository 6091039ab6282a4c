import type { BucketFixture } from './fixture.ts';

export interface BucketPageQuery {
  readonly maxBuckets: number;
  readonly prefix?: string;
  readonly region?: string;
  /** The last bucket name of the previous page (decoded continuation token). */
  readonly after?: string;
}

export interface BucketPage {
  readonly buckets: readonly BucketFixture[];
  /** The last name returned, when more buckets follow. */
  readonly lastName?: string;
}

/** First index whose name is >= key (or > key when `strict`). */
function bound(names: readonly BucketFixture[], key: string, strict: boolean): number {
  let low = 0;
  let high = names.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const name = names[mid]?.name ?? '';
    if (name < key || (strict && name === key)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The account's buckets by name and in name order (as ListBuckets returns them), also per region,
 * so each page is a binary search plus a slice: listing 10^5 buckets stays linear overall.
 */
export class BucketIndex {
  readonly #byName = new Map<string, BucketFixture>();
  readonly #sorted: readonly BucketFixture[];
  readonly #sortedByRegion = new Map<string, BucketFixture[]>();

  constructor(buckets: readonly BucketFixture[]) {
    for (const bucket of buckets) {
      if (this.#byName.has(bucket.name)) throw new Error(`duplicate bucket in fixture: ${bucket.name}`);
      this.#byName.set(bucket.name, bucket);
    }
    this.#sorted = [...buckets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const bucket of this.#sorted) {
      const list = this.#sortedByRegion.get(bucket.region);
      if (list === undefined) this.#sortedByRegion.set(bucket.region, [bucket]);
      else list.push(bucket);
    }
  }

  get size(): number {
    return this.#byName.size;
  }

  get(name: string): BucketFixture | undefined {
    return this.#byName.get(name);
  }

  page(query: BucketPageQuery): BucketPage {
    const names = query.region === undefined ? this.#sorted : (this.#sortedByRegion.get(query.region) ?? []);
    const prefix = query.prefix ?? '';
    let start = query.after === undefined ? 0 : bound(names, query.after, true);
    if (prefix !== '') start = Math.max(start, bound(names, prefix, false));
    const buckets: BucketFixture[] = [];
    let i = start;
    for (; i < names.length && buckets.length < query.maxBuckets; i++) {
      const bucket = names[i];
      if (bucket === undefined || !bucket.name.startsWith(prefix)) break;
      buckets.push(bucket);
    }
    const following = names[i];
    const more = following !== undefined && following.name.startsWith(prefix) && buckets.length > 0;
    const last = buckets.at(-1);
    return more && last !== undefined ? { buckets, lastName: last.name } : { buckets };
  }
}
