type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/**
 * Runs `work` on `items` with at most `window` items started but not yet taken by the consumer,
 * and yields each result as soon as it is ready (not in input order). Nothing is read from
 * `items` ahead of that window, so memory stays bounded however many items there are.
 * A failed item ends the iteration with its error.
 */
export async function* mapUnordered<T, R>(
  items: Iterable<T>,
  window: number,
  work: (item: T) => Promise<R>,
): AsyncGenerator<R, void, undefined> {
  const capacity = Math.max(1, Math.floor(window));
  const iterator = items[Symbol.iterator]();
  const ready: Settled<R>[] = [];
  let running = 0;
  let exhausted = false;
  let wake: (() => void) | undefined;

  const settle = (result: Settled<R>): void => {
    running -= 1;
    ready.push(result);
    wake?.();
    wake = undefined;
  };
  const fill = (): void => {
    while (!exhausted && running + ready.length < capacity) {
      const next = iterator.next();
      if (next.done === true) {
        exhausted = true;
        return;
      }
      running += 1;
      work(next.value).then(
        (value) => {
          settle({ ok: true, value });
        },
        (error: unknown) => {
          settle({ ok: false, error });
        },
      );
    }
  };

  fill();
  while (running > 0 || ready.length > 0) {
    const result = ready.shift();
    if (result === undefined) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      continue;
    }
    if (!result.ok) throw result.error;
    fill();
    yield result.value;
  }
}

/** Iterates an array while letting go of each element, so a long list shrinks as it is consumed. */
export function* drain<T>(items: (T | undefined)[]): Generator<T, void, undefined> {
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    items[index] = undefined;
    if (item !== undefined) yield item;
  }
}
