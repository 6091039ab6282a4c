/**
 * Values created once per key. A promise is shared while in flight, so concurrent askers for the
 * same key wait on one call instead of making their own.
 */
export class Memo<V> {
  readonly #values = new Map<string, V>();

  /** The value for `key`; `create` runs only for the first ask. */
  get(key: string, create: () => V): V {
    if (this.#values.has(key)) return this.#values.get(key) as V;
    const value = create();
    this.#values.set(key, value);
    return value;
  }

  values(): Iterable<V> {
    return this.#values.values();
  }
}
