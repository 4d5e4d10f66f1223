// What "Transfer to" means: the agent typed (or picked from the directory) an agent's name or
// extension, or a queue's name or number. One rule, used by the socket command and tested alone.

export interface TargetAgent {
  id: number;
  name: string;
  extension: string | null;
}

export interface TargetQueue {
  id: number;
  name: string;
  displayName: string;
  numbers: readonly string[];
}

export type ResolvedTarget =
  | { type: 'agent'; agentId: number }
  | { type: 'queue'; queueId: number }
  | { type: 'unknown' }
  | { type: 'ambiguous' };

const fold = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
const digits = (s: string) => s.replace(/[^\d+]/g, '');

export function resolveTransferTarget(typed: string, agents: readonly TargetAgent[], queues: readonly TargetQueue[]): ResolvedTarget {
  const text = fold(typed);
  // The directory's entries read "Name (1001)": the extension in brackets decides.
  const bracketed = /\((\d{2,10})\)\s*$/.exec(text)?.[1];
  const extension = bracketed ?? (/^\d{2,10}$/.test(text) ? text : undefined);
  if (extension !== undefined) {
    const agent = agents.find((a) => a.extension === extension);
    if (agent) return { type: 'agent', agentId: agent.id };
  }
  const queue = queues.find(
    (q) =>
      fold(q.name) === text ||
      fold(q.displayName) === text ||
      (digits(text).length >= 3 && q.numbers.some((n) => digits(n) === digits(text) || digits(n).endsWith(digits(text).replace(/^\+/, '')))),
  );
  if (queue) return { type: 'queue', queueId: queue.id };
  const exact = agents.filter((a) => fold(a.name) === text);
  if (exact.length === 1) return { type: 'agent', agentId: exact[0]!.id };
  const partial = exact.length > 1 ? exact : agents.filter((a) => fold(a.name).includes(text));
  if (partial.length === 1) return { type: 'agent', agentId: partial[0]!.id };
  return partial.length > 1 ? { type: 'ambiguous' } : { type: 'unknown' };
}
