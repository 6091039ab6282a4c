import type { BucketIndex, IndexedBucket } from '../../engine/bucket-index.ts';

/**
 * Where one bucket's access logs end up when every bucket delivers into its target, which logs
 * into its own target, and so on. Each bucket has at most one target, so the chain from a bucket
 * either ends or runs into exactly one loop.
 */
export type LoggingChain =
  /** The bucket's own logging is off or unknown: it starts no chain. */
  | { readonly kind: 'none' }
  /** The chain comes back to this bucket after `length` hops (1: it logs into itself); `chain` starts and ends with it. */
  | { readonly kind: 'loop'; readonly chain: string; readonly length: number }
  /** The chain runs into a loop that does not include this bucket. */
  | { readonly kind: 'feedsLoop'; readonly chain: string; readonly loop: string }
  /** The chain stops at a bucket whose logging is off, or whose target is not a bucket of the account. */
  | { readonly kind: 'ends'; readonly chain: string }
  /** The chain reaches `bucket`, whose logging the index does not know. */
  | { readonly kind: 'unknown'; readonly chain: string; readonly bucket: IndexedBucket };

const NO_TARGET = -1;
const UNKNOWN_TARGET = -2;

const ON_LOOP = 1;
const FEEDS_LOOP = 2;
const ENDS = 3;
const UNKNOWN = 4;

/** Buckets named in a rendered chain before it is shortened to "a → b → … → z". */
const MAX_SHOWN = 8;

interface Graph {
  /** The id of each bucket's target within the index, or NO_TARGET / UNKNOWN_TARGET. */
  readonly next: Int32Array;
  readonly kind: Uint8Array;
  /** FEEDS_LOOP: the first bucket of the loop reached; ENDS / UNKNOWN: the last bucket of the chain. */
  readonly end: Int32Array;
  /** Hops from the bucket to `end`; ON_LOOP: the length of its loop. */
  readonly hops: Int32Array;
}

const graphs = new WeakMap<BucketIndex, Graph>();

function targetsOf(index: BucketIndex): Int32Array {
  const next = new Int32Array(index.size);
  for (let id = 0; id < index.size; id += 1) {
    const { logging } = index.entry(id);
    if (logging?.state !== 'present') {
      next[id] = UNKNOWN_TARGET;
      continue;
    }
    const target = logging.value.targetBucket;
    next[id] = target === undefined ? NO_TARGET : (index.idOf(target) ?? NO_TARGET);
  }
  return next;
}

/**
 * Classifies every bucket in one pass: linear in the number of buckets, since each is pushed on
 * the walk stack once (a functional graph walked with three colours).
 */
function buildGraph(index: BucketIndex): Graph {
  const size = index.size;
  const next = targetsOf(index);
  const kind = new Uint8Array(size);
  const end = new Int32Array(size);
  const hops = new Int32Array(size);
  const onStack = new Int32Array(size).fill(-1);
  const stack: number[] = [];
  for (let start = 0; start < size; start += 1) {
    if (kind[start] !== 0) continue;
    let node = start;
    for (;;) {
      if (kind[node] !== 0) break;
      const position = onStack[node] ?? -1;
      if (position >= 0) {
        const loop = stack.splice(position);
        for (const member of loop) {
          kind[member] = ON_LOOP;
          end[member] = member;
          hops[member] = loop.length;
        }
        break;
      }
      const target = next[node] ?? NO_TARGET;
      if (target < 0) {
        kind[node] = target === UNKNOWN_TARGET ? UNKNOWN : ENDS;
        end[node] = node;
        break;
      }
      onStack[node] = stack.length;
      stack.push(node);
      node = target;
    }
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      const target = next[member] ?? NO_TARGET;
      const targetKind = kind[target] ?? ENDS;
      kind[member] = targetKind === ON_LOOP ? FEEDS_LOOP : targetKind;
      end[member] = targetKind === ON_LOOP ? target : (end[target] ?? target);
      hops[member] = targetKind === ON_LOOP ? 1 : (hops[target] ?? 0) + 1;
    }
  }
  return { next, kind, end, hops };
}

function graphOf(index: BucketIndex): Graph {
  let graph = graphs.get(index);
  if (graph === undefined) {
    graph = buildGraph(index);
    graphs.set(index, graph);
  }
  return graph;
}

/** "a → b → c", naming at most MAX_SHOWN buckets: "a → b → … (12 more) → z". */
function renderChain(index: BucketIndex, graph: Graph, from: number, hops: number, last: number): string {
  const names: string[] = [];
  let node = from;
  const shown = hops + 1 <= MAX_SHOWN ? hops : MAX_SHOWN - 2;
  for (let step = 0; step <= shown; step += 1) {
    names.push(index.entry(node).name);
    node = graph.next[node] ?? NO_TARGET;
  }
  if (shown < hops) names.push(`… (${String(hops - shown - 1)} more)`, index.entry(last).name);
  return names.join(' → ');
}

/** The target of a chain's last bucket when it is not a bucket of the account, for "… → elsewhere". */
function outsideTarget(index: BucketIndex, id: number): string | undefined {
  const { logging } = index.entry(id);
  return logging?.state === 'present' ? logging.value.targetBucket : undefined;
}

/** The chain of `name`'s access logs; the graph is built once per index, each call then costs a few steps. */
export function loggingChain(index: BucketIndex, name: string): LoggingChain {
  const id = index.idOf(name);
  if (id === undefined) return { kind: 'none' };
  const graph = graphOf(index);
  const kind = graph.kind[id];
  const end = graph.end[id] ?? id;
  const hops = graph.hops[id] ?? 0;
  if (kind === ON_LOOP) return { kind: 'loop', chain: renderChain(index, graph, id, hops, id), length: hops };
  if (hops === 0 && outsideTarget(index, id) === undefined) return { kind: 'none' };
  if (kind === FEEDS_LOOP) {
    const loopLength = graph.hops[end] ?? 0;
    return {
      kind: 'feedsLoop',
      chain: renderChain(index, graph, id, hops, end),
      loop: renderChain(index, graph, end, loopLength, end),
    };
  }
  const chain = renderChain(index, graph, id, hops, end);
  if (kind === UNKNOWN) return { kind: 'unknown', chain, bucket: index.entry(end) };
  const outside = outsideTarget(index, end);
  return { kind: 'ends', chain: outside === undefined ? chain : `${chain} → ${outside}` };
}
