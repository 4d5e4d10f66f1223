// How much memory the embedded PostgreSQL asks for, from the machine's size: the caller
// look-up and the screen-pop read a customer's latest history, and a page found in
// shared_buffers costs no system call. PostgreSQL's own default (128MB) holds a fraction of a
// call center's hot customers; a fixed larger default is wrong for both a laptop and a server.
//
// shared_buffers: a quarter of the memory (PostgreSQL's advice for a machine it shares with
// little else; kefu's Node process is the other tenant), at least 128MB and at most 8GB. Past a
// few GB the operating system's page cache holds the rest as well, and a bigger buffer pool
// only makes checkpoints and start-up slower.
// effective_cache_size: half the memory, at most 24GB and never below shared_buffers. It
// reserves nothing: it tells the planner how much of the data is likely cached (shared_buffers
// plus the page cache), so index scans are priced as the cached reads they are.
import os from 'node:os';

const MB = 1024 * 1024;
const SHARED_BUFFERS = { share: 0.25, minMb: 128, maxMb: 8 * 1024 };
const EFFECTIVE_CACHE = { share: 0.5, minMb: 256, maxMb: 24 * 1024 };
/** An explicit shared_buffers above this share of the memory is refused. */
const MAX_EXPLICIT_SHARE = 0.75;

export interface EmbeddedMemory {
  /** In PostgreSQL's spelling, e.g. "2048MB". */
  sharedBuffers: string;
  effectiveCacheSize: string;
  /** Whether each came from the machine's size (true) or was set in the environment. */
  sized: { sharedBuffers: boolean; effectiveCacheSize: boolean };
}

/**
 * The memory the process may use: the machine's, or less when a container's cgroup limits it
 * (os.totalmem() reports the host's memory inside a container).
 */
export function machineMemoryBytes(): number {
  const total = os.totalmem();
  const limit = process.constrainedMemory?.() ?? 0;
  return limit > 0 && limit < total ? limit : total;
}

const share = (bytes: number, rule: { share: number; minMb: number; maxMb: number }) =>
  Math.min(rule.maxMb, Math.max(rule.minMb, Math.floor((bytes * rule.share) / MB)));

const PG_SIZE = /^(\d+)(kB|MB|GB|TB)$/;
const UNIT_MB = { kB: 1 / 1024, MB: 1, GB: 1024, TB: 1024 * 1024 } as const;

/** Megabytes of a size in PostgreSQL's spelling, as config.ts writes it. */
export function sizeMb(size: string): number {
  const m = PG_SIZE.exec(size);
  if (!m) throw new Error(`not a PostgreSQL memory size: ${size}`);
  return Number(m[1]) * UNIT_MB[m[2] as keyof typeof UNIT_MB];
}

/** The settings for a machine of `memoryBytes`; an explicit setting (from the environment) wins. */
export function embeddedMemory(
  explicit: { sharedBuffers: string | null; effectiveCacheSize: string | null },
  memoryBytes: number,
): EmbeddedMemory {
  const memoryMb = Math.floor(memoryBytes / MB);
  // PostgreSQL would start and then be killed when the buffers fill; say so now instead.
  if (explicit.sharedBuffers !== null && sizeMb(explicit.sharedBuffers) > memoryMb * MAX_EXPLICIT_SHARE) {
    throw new Error(
      `KEFU_EMBEDDED_PG_SHARED_BUFFERS=${explicit.sharedBuffers} is more than ${MAX_EXPLICIT_SHARE * 100}% of this machine's ${memoryMb}MB of memory`,
    );
  }
  const sharedBuffers = explicit.sharedBuffers ?? `${share(memoryBytes, SHARED_BUFFERS)}MB`;
  const effectiveCacheSize =
    explicit.effectiveCacheSize ?? `${Math.max(share(memoryBytes, EFFECTIVE_CACHE), Math.ceil(sizeMb(sharedBuffers)))}MB`;
  return {
    sharedBuffers,
    effectiveCacheSize,
    sized: { sharedBuffers: explicit.sharedBuffers === null, effectiveCacheSize: explicit.effectiveCacheSize === null },
  };
}
