import { createHash } from 'node:crypto';

/**
 * Which of `parts` partitions a bucket belongs to (0-based). A public contract: users' shard and
 * worker assignment depends on it, so it must never change between versions or platforms.
 *
 * The partition is the first 4 bytes of the SHA-256 of the bucket name (UTF-8), read as an
 * unsigned big-endian integer, modulo `parts`. Reproducible anywhere, e.g. in a shell:
 * `echo $(( 0x$(printf %s "$BUCKET" | sha256sum | cut -c1-8) % PARTS ))`.
 */
export function partitionOf(bucketName: string, parts: number): number {
  if (!Number.isSafeInteger(parts) || parts < 1) throw new RangeError(`parts must be a positive integer, got ${String(parts)}`);
  return createHash('sha256').update(bucketName, 'utf8').digest().readUInt32BE(0) % parts;
}
