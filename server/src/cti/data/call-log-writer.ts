// Writes the call log from the ACD's call facts, off the switch's hot path: each call's rows are
// written in the order its facts happened (one chain per call; calls do not wait for each other),
// and each agent's state history likewise. `flush()` is the idle signal: it resolves once
// everything handed over so far is written (tests, shutdown, a read that must see the row).
import type { CallFact } from '../../acd/call-facts.js';
import type { CallLogRepository } from './call-log.repository.js';
import { fitCallerNumber } from '../caller-number.js';
import { retryTransient, type RetryPolicy } from '../../platform/db/transient-error.js';

/**
 * An agent's state history is what their time sheet and the supervisors' reports are made of:
 * a write that meets a busy pool or a dropped connection is tried again (in order, the agent's
 * later states wait behind it) rather than lost. The write is one transaction, so a retry never
 * writes half of it twice.
 */
export const AGENT_STATE_RETRY: RetryPolicy = { firstMs: 50, maxMs: 5_000, giveUpAfterMs: 120_000 };

export class CallLogWriter {
  private readonly chains = new Map<string, Promise<unknown>>();
  /** Per call, the offer rows still open, by agent. */
  private readonly openOffers = new Map<string, Map<number, number>>();
  private pending = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly callLog: CallLogRepository,
    private readonly onError: (err: unknown) => void,
    private readonly agentStateRetry: RetryPolicy = AGENT_STATE_RETRY,
  ) {}

  /** The subscriber to the call facts. */
  readonly write = (f: CallFact): void => {
    switch (f.type) {
      case 'agent-state-changed':
        void this.enqueue(`agent:${f.agentId}`, () =>
          retryTransient(() => this.callLog.recordAgentState(f.agentId, f.status.state, f.status.reason, new Date(f.at)), this.agentStateRetry),
        );
        return;
      case 'call-queued':
        void this.enqueue(this.callKey(f.callId), () =>
          this.callLog.createCall({
            id: f.interactionId,
            direction: 'inbound',
            callerNumber: fitCallerNumber(f.callerNumber),
            customerId: f.customerId,
            queueId: f.queueId,
            agentId: null,
            sipCallId: f.sipCallId,
            at: new Date(f.at),
          }),
        );
        return;
      case 'call-refused':
        void this.enqueue(`refused:${f.sipCallId}`, async () => {
          const at = new Date(f.at);
          const id = await this.callLog.createCall({ direction: 'inbound', callerNumber: fitCallerNumber(f.callerNumber), customerId: f.customerId, queueId: f.queueId, agentId: null, sipCallId: f.sipCallId, at });
          await this.callLog.endCall(id, { at, reason: 'busy', hangupBy: 'system', waitSeconds: 0, talkSeconds: null, holdSeconds: 0 });
        });
        return;
      case 'call-offered':
        void this.enqueue(this.callKey(f.callId), async () => {
          const offerId = await this.callLog.recordOffer(f.interactionId, f.agentId, new Date(f.at));
          let open = this.openOffers.get(f.callId);
          if (!open) this.openOffers.set(f.callId, (open = new Map()));
          open.set(f.agentId, offerId);
        });
        return;
      case 'offer-ended':
        void this.enqueue(this.callKey(f.callId), async () => {
          const open = this.openOffers.get(f.callId);
          const offerId = open?.get(f.agentId);
          open?.delete(f.agentId);
          if (offerId !== undefined) await this.callLog.endOffer(offerId, f.outcome, new Date(f.at));
        });
        return;
      case 'call-answered':
        void this.enqueue(this.callKey(f.callId), () => this.callLog.markAnswered(f.interactionId, f.agentId, new Date(f.at), f.waitSeconds));
        return;
      case 'call-ended':
        void this.enqueue(this.callKey(f.callId), async () => {
          this.openOffers.delete(f.callId);
          await this.callLog.endCall(f.interactionId, {
            at: new Date(f.at),
            reason: f.reason,
            hangupBy: f.hangupBy,
            waitSeconds: f.waitSeconds,
            talkSeconds: f.talkSeconds,
            holdSeconds: f.holdSeconds,
          });
        });
        return;
      case 'call-transferred':
        void this.enqueue(this.callKey(f.callId), () =>
          this.callLog.recordTransfer({
            interactionId: f.interactionId,
            kind: f.kind,
            fromAgentId: f.fromAgentId,
            toAgentId: f.to.type === 'agent' ? f.to.id : null,
            toQueueId: f.to.type === 'queue' ? f.to.id : null,
            reason: f.reason,
            fromTalkSeconds: f.talkSeconds,
            at: new Date(f.at),
            ...(f.consultStartedAt === undefined ? {} : { consultStartedAt: new Date(f.consultStartedAt) }),
          }),
        );
        return;
      case 'consult-ended':
        void this.enqueue(this.callKey(f.callId), () =>
          this.callLog.recordConsultCancelled({
            interactionId: f.interactionId,
            fromAgentId: f.fromAgentId,
            toAgentId: f.toAgentId,
            toQueueId: f.toQueueId,
            reason: f.reason,
            startedAt: new Date(f.startedAt),
            at: new Date(f.at),
          }),
        );
        return;
      case 'consult-offered':
      case 'consult-answered':
        return; // the consult is logged when it ends: handed over, or not
      case 'transfer-answered':
        void this.enqueue(this.callKey(f.callId), () => this.callLog.markTransferAnswered(f.interactionId, f.agentId, new Date(f.at)));
        return;
      case 'wrap-up-ended':
        void this.enqueue(f.callId === null ? `interaction:${f.interactionId}` : this.callKey(f.callId), () =>
          this.callLog.setWrapSeconds(f.interactionId, f.seconds, new Date(f.at)),
        );
        return;
      case 'agent-reachability-changed':
      // The log keeps the queue the caller dialled: a move is the overflow's or a supervisor's (audited).
      case 'call-requeued':
      case 'call-held':
      case 'call-resumed':
      case 'direct-call-shown':
      case 'direct-call-ended':
        return; // hold time is written when the call ends; calls outside a queue log themselves
      default:
        return assertNever(f);
    }
  };

  /** Runs a write after those already queued for the call, never blocking other calls. */
  forCall<T>(callId: string, job: () => Promise<T>): Promise<T | undefined> {
    return this.enqueue(this.callKey(callId), job);
  }

  private enqueue<T>(key: string, job: () => Promise<T>): Promise<T | undefined> {
    const next = (this.chains.get(key) ?? Promise.resolve())
      .then(job)
      .catch((err: unknown) => {
        this.onError(err);
        return undefined;
      });
    this.chains.set(key, next);
    this.pending += 1;
    void next.then(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
      this.pending -= 1;
      if (this.pending === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    });
    return next;
  }

  private callKey(callId: string): string {
    return `call:${callId}`;
  }

  get idle(): boolean {
    return this.pending === 0;
  }

  /** Resolves when every write handed over so far (and any it led to) is done. */
  flush(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}

function assertNever(x: never): never {
  throw new Error(`unhandled call fact ${JSON.stringify(x)}`);
}
