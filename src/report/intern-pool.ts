/**
 * Hands back one shared copy of values that repeat, by a key that stands for the value. A scan of
 * 10^5 buckets keeps over a million findings, and most messages and evidence say the same thing
 * about many buckets: each would otherwise be a copy of its own.
 * Bounded: when full it starts over, so values that name a bucket cannot make it grow with the
 * scan, and a value seen again afterwards is pooled again.
 */
export class InternPool<T> {
  readonly #values = new Map<string, T>();

  readonly #maxSize: number;

  constructor(maxSize: number) {
    this.#maxSize = maxSize;
  }

  get size(): number {
    return this.#values.size;
  }

  /** The value first pooled under `key`, else `value` (pooled from now on). */
  intern(key: string, value: T): T {
    const pooled = this.#values.get(key);
    if (pooled !== undefined) return pooled;
    if (this.#values.size >= this.#maxSize) this.#values.clear();
    this.#values.set(key, value);
    return value;
  }
}
