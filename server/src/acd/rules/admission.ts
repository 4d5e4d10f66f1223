// Whether a new caller may wait in the queue they dialled: an unknown queue is refused, a full
// one sends the caller to its overflow queue while that has room, else the caller hears busy.

export interface AdmissionQueue {
  id: number;
  name: string;
  dialNumber: string | null;
  maxSize: number;
  overflowQueueId: number | null;
}

export type AdmissionDecision<Q> =
  | { outcome: 'queued'; queue: Q }
  | { outcome: 'unknown_queue' }
  | { outcome: 'full'; queue: Q };

/** The queue a caller reaches by name (any case) or dial number. */
export function queueDialled<Q extends AdmissionQueue>(queues: readonly Q[], dialled: string): Q | undefined {
  const key = dialled.trim().toLowerCase();
  return queues.find((q) => q.name.toLowerCase() === key || (q.dialNumber !== null && q.dialNumber === key));
}

export function admissionFor<Q extends AdmissionQueue>(
  queues: readonly Q[],
  dialled: string,
  waitingIn: (queueId: number) => number,
): AdmissionDecision<Q> {
  const queue = queueDialled(queues, dialled);
  if (!queue) return { outcome: 'unknown_queue' };
  if (waitingIn(queue.id) < queue.maxSize) return { outcome: 'queued', queue };
  const overflow = queues.find((q) => q.id === queue.overflowQueueId);
  if (!overflow || waitingIn(overflow.id) >= overflow.maxSize) return { outcome: 'full', queue };
  return { outcome: 'queued', queue: overflow };
}
