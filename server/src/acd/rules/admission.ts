// Whether a new caller may wait in the queue they dialled: an unknown or deactivated queue is
// refused; a closed one (outside its opening hours) sends the caller to its out-of-hours queue
// when that is open and has room, else they hear busy; a full one sends the caller to its
// overflow queue while that has room, else the caller hears busy.
import type { BusinessCalendar } from '../../../../contract/index.js';
import { isOpenAt } from '../../cases/rules/business-calendar.js';

export interface AdmissionQueue {
  id: number;
  name: string;
  dialNumber: string | null;
  /** Every number of the queue (E.164); absent: `dialNumber` alone. */
  numbers?: readonly string[];
  maxSize: number;
  overflowQueueId: number | null;
  /** Absent: active. */
  active?: boolean;
  /** Null or absent: always open. */
  openingHours?: BusinessCalendar | null;
  outOfHoursQueueId?: number | null;
}

export type AdmissionDecision<Q> =
  | { outcome: 'queued'; queue: Q }
  | { outcome: 'unknown_queue' }
  | { outcome: 'full'; queue: Q }
  | { outcome: 'closed'; queue: Q };

const numbersOf = (q: AdmissionQueue): readonly string[] => q.numbers ?? (q.dialNumber !== null ? [q.dialNumber] : []);

/**
 * The queue a caller reaches by name (any case) or by one of its numbers: as dialled, or in the
 * E.164 form the server reads it as (`dialledE164`). Deactivated queues are not reached.
 */
export function queueDialled<Q extends AdmissionQueue>(queues: readonly Q[], dialled: string, dialledE164: string | null = null): Q | undefined {
  const key = dialled.trim().toLowerCase();
  return queues.find(
    (q) => q.active !== false && (q.name.toLowerCase() === key || numbersOf(q).some((n) => n === key || (dialledE164 !== null && n === dialledE164))),
  );
}

/** Whether the queue answers at `at` (no opening hours: always). */
export function isQueueOpen(q: AdmissionQueue, at: Date): boolean {
  return !q.openingHours || isOpenAt(q.openingHours, at);
}

export function admissionFor<Q extends AdmissionQueue>(
  queues: readonly Q[],
  dialled: string,
  waitingIn: (queueId: number) => number,
  at: Date,
  dialledE164: string | null = null,
): AdmissionDecision<Q> {
  const dialledQueue = queueDialled(queues, dialled, dialledE164);
  if (!dialledQueue) return { outcome: 'unknown_queue' };
  let queue = dialledQueue;
  if (!isQueueOpen(queue, at)) {
    const elsewhere = queues.find((q) => q.id === queue.outOfHoursQueueId && q.active !== false && q.id !== queue.id);
    if (!elsewhere || !isQueueOpen(elsewhere, at)) return { outcome: 'closed', queue };
    queue = elsewhere;
  }
  if (waitingIn(queue.id) < queue.maxSize) return { outcome: 'queued', queue };
  const overflow = queues.find((q) => q.id === queue.overflowQueueId && q.active !== false);
  if (!overflow || waitingIn(overflow.id) >= overflow.maxSize) return { outcome: 'full', queue };
  return { outcome: 'queued', queue: overflow };
}
