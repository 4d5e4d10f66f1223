// A caller arrives: the queue takes them in (or its overflow, or they hear busy), and while they
// hear the queue, their pop is built and an interaction id drawn. The call is routed as soon as
// both are there; its row is written by the call log from the `call-queued` fact, off this path.
import { callerNumberOf } from '../../../contract/index.js';
import type { InboundQueueCall, QueueAdmission } from '../switch/ports.js';
import type { CallCenterDeps } from './call-center-ports.js';
import type { QueueDefinition } from './data/queue-directory.repository.js';
import type { LiveCall } from './live-call.js';
import { waitSeconds } from './live-call.js';
import { admissionFor } from './rules/admission.js';
import { callerPriority } from './rules/vip-priority.js';

interface Deps extends Pick<CallCenterDeps, 'clock' | 'log' | 'facts' | 'screenPop' | 'nextInteractionId' | 'normalizeNumber'> {
  queues(): readonly QueueDefinition[];
  calls(): Iterable<LiveCall>;
  /** The call is in (not yet routable). */
  arrived(call: LiveCall): void;
  /** The call has its id and pop: route it. */
  admitted(call: LiveCall): void;
  /** Its id or pop could not be had (the database is down or swamped): the caller must not hang on. */
  failed(call: LiveCall): void;
}

export class Admission {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly d: Deps) {}

  arrive(c: InboundQueueCall): QueueAdmission {
    const e164 = this.d.normalizeNumber?.(c.dialled) ?? null;
    const decision = admissionFor(this.d.queues(), c.dialled, (id) => this.waitingIn(id), new Date(this.d.clock.now()), e164);
    if (decision.outcome === 'unknown_queue') return { outcome: 'refused', status: 404, reason: 'No such queue' };
    if (decision.outcome === 'full' || decision.outcome === 'closed') {
      // Busy either way; a phone-line caller first hears the closed or busy prompt.
      this.track(this.logRefused(c, decision.queue));
      const full = decision.outcome === 'full';
      return { outcome: 'refused', status: 486, reason: full ? 'Queue full' : 'Queue closed', announce: full ? 'busy' : 'closed' };
    }
    const queue = decision.queue;
    const call: LiveCall = {
      callId: c.callId,
      sipCallId: c.sipCallId,
      callerNumber: c.callerNumber,
      queue,
      priority: 0,
      queuedAt: this.d.clock.now(),
      interactionId: null,
      customerId: null,
      screenPop: null,
      offer: null,
      agentId: null,
      answeredAt: null,
      holdSince: null,
      holdSeconds: 0,
      maxWaitTimer: null,
      ended: false,
    };
    this.d.arrived(call);
    this.track(
      this.admit(call).catch((err: unknown) => {
        this.d.failed(call);
        throw err;
      }),
    );
    return { outcome: 'queued', queueName: queue.name };
  }

  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Resolves once no admission is in flight (their facts are then all emitted). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private track(work: Promise<void>): void {
    const p = work.catch((err: unknown) => this.d.log.error({ err }, 'admitting a call failed'));
    this.inFlight.add(p);
    void p.then(() => this.inFlight.delete(p));
  }

  private waitingIn(queueId: number): number {
    let n = 0;
    for (const c of this.d.calls()) if (c.queue.id === queueId && !c.ended && c.agentId === null) n++;
    return n;
  }

  private async admit(call: LiveCall): Promise<void> {
    const [pop, interactionId] = await Promise.all([this.d.screenPop(call.callerNumber), this.d.nextInteractionId()]);
    const primary = pop.primary?.customer ?? null;
    call.screenPop = pop;
    call.customerId = primary?.id ?? null;
    call.priority = callerPriority(primary?.valueTier, call.queue.tierWeights);
    call.interactionId = interactionId;
    this.d.facts.emit({
      type: 'call-queued',
      callId: call.callId,
      interactionId,
      sipCallId: call.sipCallId,
      callerNumber: callerNumberOf(pop.normalizedPhone, call.callerNumber),
      customerId: call.customerId,
      queueId: call.queue.id,
      at: call.queuedAt,
    });
    if (call.ended) {
      // The caller left while the pop was being built: the log shows the abandoned call.
      const now = this.d.clock.now();
      this.d.facts.emit({ type: 'call-ended', callId: call.callId, interactionId, agentId: null, at: now, reason: 'abandoned', hangupBy: 'customer', waitSeconds: waitSeconds(call, now), talkSeconds: null, holdSeconds: 0 });
      return;
    }
    this.d.admitted(call);
  }

  private async logRefused(c: InboundQueueCall, queue: QueueDefinition): Promise<void> {
    const at = this.d.clock.now();
    const pop = await this.d.screenPop(c.callerNumber);
    this.d.facts.emit({
      type: 'call-refused',
      sipCallId: c.sipCallId,
      callerNumber: callerNumberOf(pop.normalizedPhone, c.callerNumber),
      customerId: pop.primary?.customer.id ?? null,
      queueId: queue.id,
      at,
    });
  }
}
