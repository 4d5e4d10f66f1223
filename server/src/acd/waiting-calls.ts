// The calls waiting for an offer (admitted, not ringing anywhere, not answered), kept per queue
// in queue order as they come and go, so a dispatch reads the lines as they stand.
import { byQueueOrder, type QueueLine, type QueueRule, type WaitingCall } from './rules/acd-routing.js';

export class WaitingCalls {
  private readonly lines = new Map<number, { queue: QueueRule; calls: WaitingCall[] }>();
  private readonly entries = new Map<string, WaitingCall>();

  has(callId: string): boolean {
    return this.entries.has(callId);
  }

  add(queue: QueueRule, call: Omit<WaitingCall, 'queueId' | 'beingOffered'>): void {
    this.remove(call.callId);
    const entry: WaitingCall = { ...call, queueId: queue.id, beingOffered: false };
    let line = this.lines.get(queue.id);
    if (!line) this.lines.set(queue.id, (line = { queue, calls: [] }));
    line.queue = queue;
    line.calls.splice(insertionPoint(line.calls, entry), 0, entry);
    this.entries.set(call.callId, entry);
  }

  remove(callId: string): void {
    const entry = this.entries.get(callId);
    if (!entry) return;
    this.entries.delete(callId);
    const calls = this.lines.get(entry.queueId)!.calls;
    calls.splice(calls.indexOf(entry, insertionPoint(calls, entry)), 1);
  }

  /** The call's place in its queue's line (1: next to be offered), or null when it is not waiting. */
  positionOf(callId: string): number | null {
    const entry = this.entries.get(callId);
    if (!entry) return null;
    const calls = this.lines.get(entry.queueId)!.calls;
    return calls.indexOf(entry, insertionPoint(calls, entry)) + 1;
  }

  /** The queues' lines, for the router; read-only until the offers are made. */
  queueLines(): readonly QueueLine[] {
    return [...this.lines.values()];
  }
}

/** The first place at or after which `entry` belongs in a line in queue order (binary search). */
function insertionPoint(calls: readonly WaitingCall[], entry: WaitingCall): number {
  let lo = 0;
  let hi = calls.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byQueueOrder(calls[mid]!, entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
