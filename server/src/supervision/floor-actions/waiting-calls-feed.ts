// The Floor page's waiting calls, live: every call fact that can change who waits (a caller
// queued, moved, offered, answered, gone) marks the list stale, and at most COALESCE_MS later
// the whole list is pushed once to the supervisors watching it. A burst is one push, and the
// push carries the list as it is then, so no change is lost to the coalescing.
import type { FloorWaitingCallList } from '../../../../contract/index.js';
import type { CallFact } from '../../acd/call-facts.js';
import type { Clock } from '../../platform/clock.js';
import { COALESCE_MS } from '../floor.service.js';

/** The facts after which the waiting list may differ. */
const CHANGES_WAITING: ReadonlySet<CallFact['type']> = new Set([
  'call-queued',
  'call-requeued',
  'call-offered',
  'offer-ended',
  'call-answered',
  'call-ended',
  'call-transferred',
  'transfer-answered',
]);

export interface WaitingCallsNotifier {
  /** Whether anyone watches: nobody watching, nothing is read. */
  watching(): boolean;
  changed(list: FloorWaitingCallList): void;
}

export interface WaitingCallsFeedDeps {
  list(): FloorWaitingCallList;
  clock: Clock;
  notifier: WaitingCallsNotifier;
}

export class WaitingCallsFeed {
  private timer: unknown = null;
  private stopped = false;

  constructor(private readonly d: WaitingCallsFeedDeps) {}

  /** The subscriber to the call facts. */
  readonly follow = (f: CallFact): void => {
    if (this.stopped || this.timer !== null || !CHANGES_WAITING.has(f.type)) return;
    this.timer = this.d.clock.setTimeout(() => this.flush(), COALESCE_MS);
  };

  /** The list as it is now (a new watcher's first read). */
  list(): FloorWaitingCallList {
    return this.d.list();
  }

  /** Pushes the list now (the coalescing timer's work). */
  flush(): void {
    this.d.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped || !this.d.notifier.watching()) return;
    this.d.notifier.changed(this.d.list());
  }

  stop(): void {
    this.stopped = true;
    this.d.clock.clearTimeout(this.timer);
  }
}
