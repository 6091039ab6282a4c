import { partitionOf } from './partition.ts';

/**
 * One of `count` jobs that split an account's buckets between them (--shard index/count).
 * `index` counts from 1, as people number jobs ("shard 1 of 4").
 */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export function formatShard(shard: Shard): string {
  return `${String(shard.index)}/${String(shard.count)}`;
}

/** Whether this shard evaluates the bucket; every bucket belongs to exactly one shard. */
export function inShard(shard: Shard | undefined, bucketName: string): boolean {
  return shard === undefined || partitionOf(bucketName, shard.count) === shard.index - 1;
}

/** Account-level and access-point resources are evaluated once: in shard 1. */
export function ownsAccountResources(shard: Shard | undefined): boolean {
  return shard === undefined || shard.index === 1;
}
