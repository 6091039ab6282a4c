import { InvalidArgumentError } from 'commander';
import type { Shard } from '../engine/shard.ts';

/** More jobs than this is a typo, not a plan: a shard of a million-bucket account would hold 1 bucket. */
export const MAX_SHARDS = 1_000_000;

const ZERO_BASED_HINT = 'with a 0-based job index such as JOB_COMPLETION_INDEX, pass $((JOB_COMPLETION_INDEX+1))/N';

/** --shard i/n: shard i (counted from 1) of n. */
export function parseShard(value: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (match === null) {
    throw new InvalidArgumentError(`--shard expects i/n, shard i of n counted from 1, e.g. --shard 1/4 (${ZERO_BASED_HINT}).`);
  }
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) {
    throw new InvalidArgumentError(`--shard i/n needs n from 1 to ${String(MAX_SHARDS)}.`);
  }
  if (index === 0) {
    throw new InvalidArgumentError(`--shard counts shards from 1 (1/${String(count)} … ${String(count)}/${String(count)}); ${ZERO_BASED_HINT}.`);
  }
  if (index > count) {
    throw new InvalidArgumentError(`--shard ${String(index)}/${String(count)}: there are only ${String(count)} shards (1/${String(count)} … ${String(count)}/${String(count)}).`);
  }
  return { index, count };
}
