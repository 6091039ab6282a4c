/**
 * Deals `items` round-robin into `parts` lists of nearly equal length, keeping their order. Worker
 * threads split buckets this way, not by partitionOf: a shard's buckets all share their hash
 * modulo the shard count, so hashing them again would pile them onto one worker.
 */
export function deal<T>(items: Iterable<T>, parts: number): T[][] {
  const lists: T[][] = Array.from({ length: parts }, () => []);
  let next = 0;
  for (const item of items) {
    lists[next]?.push(item);
    next = (next + 1) % parts;
  }
  return lists;
}

/** `total` split as evenly as possible into `parts` shares of at least 1 (a global limit split over workers). */
export function shares(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.max(1, Math.floor(total / parts) + (index < total % parts ? 1 : 0)));
}
