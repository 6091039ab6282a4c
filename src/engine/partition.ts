/**
 * Which of `parts` partitions a bucket belongs to: a stable hash of its name (FNV-1a, 32 bit),
 * the same in every process, version and machine. Worker threads (--workers) and shard jobs
 * (--shard) both split an account's buckets with it, so a bucket's partition never depends on
 * the listing order or on which other buckets exist.
 */
export function partitionOf(name: string, parts: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % parts;
}

/** Splits `items` into `parts` disjoint lists by partitionOf(name), keeping their order. */
export function partition<T extends { readonly name: string }>(items: Iterable<T>, parts: number): T[][] {
  const lists: T[][] = Array.from({ length: parts }, () => []);
  for (const item of items) lists[partitionOf(item.name, parts)]?.push(item);
  return lists;
}

/** `total` split as evenly as possible into `parts` shares of at least 1 (a global limit split over workers). */
export function shares(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.max(1, Math.floor(total / parts) + (index < total % parts ? 1 : 0)));
}
