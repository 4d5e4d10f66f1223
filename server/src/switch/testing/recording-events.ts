import type { DirectCall, InboundQueueCall, OfferFailure, QueueAdmission, SwitchEvents } from '../ports.js';

export interface RecordedEvent {
  readonly name: keyof SwitchEvents;
  readonly args: readonly unknown[];
}

/**
 * A fake ACD for switch tests: records every event, admits queue calls (or refuses, per
 * `admit`), and lets a test await an event with a bounded wait.
 */
export class RecordingEvents implements SwitchEvents {
  readonly events: RecordedEvent[] = [];
  admit: (call: InboundQueueCall) => QueueAdmission = (call) => ({ outcome: 'queued', queueName: call.dialled });
  private readonly waiters = new Set<() => void>();

  queueCallArrived(call: InboundQueueCall): QueueAdmission {
    this.record('queueCallArrived', [call]);
    return this.admit(call);
  }
  offerRinging(callId: string, agentUserId: number): void {
    this.record('offerRinging', [callId, agentUserId]);
  }
  offerAnswered(callId: string, agentUserId: number): void {
    this.record('offerAnswered', [callId, agentUserId]);
  }
  offerFailed(callId: string, agentUserId: number, why: OfferFailure): void {
    this.record('offerFailed', [callId, agentUserId, why]);
  }
  callerLeft(callId: string): void {
    this.record('callerLeft', [callId]);
  }
  agentLeft(callId: string, agentUserId: number): void {
    this.record('agentLeft', [callId, agentUserId]);
  }
  holdChanged(callId: string, onHold: boolean): void {
    this.record('holdChanged', [callId, onHold]);
  }
  callerDtmf(callId: string, digit: string): void {
    this.record('callerDtmf', [callId, digit]);
  }
  agentReachabilityChanged(agentUserId: number, reachable: boolean): void {
    this.record('agentReachabilityChanged', [agentUserId, reachable]);
  }
  directCallChanged(call: DirectCall, change: 'started' | 'answered' | 'ended', endedBy?: 'caller' | 'callee' | 'failed'): void {
    this.record('directCallChanged', [structuredClone(call), change, endedBy]);
  }

  named(name: keyof SwitchEvents): RecordedEvent[] {
    return this.events.filter((e) => e.name === name);
  }

  /** Resolves with the args of the first event (recorded or future) that matches. */
  waitFor(name: keyof SwitchEvents, accept: (args: readonly unknown[]) => boolean = () => true, timeoutMs = 5_000): Promise<readonly unknown[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const hit = this.events.find((e) => e.name === name && accept(e.args));
        if (!hit) return false;
        this.waiters.delete(waiter);
        clearTimeout(timer);
        resolve(hit.args);
        return true;
      };
      const waiter = (): void => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`Timed out waiting for ${name}; saw ${this.events.map((e) => e.name).join(', ')}`));
      }, timeoutMs);
      this.waiters.add(waiter);
      check();
    });
  }

  private record(name: keyof SwitchEvents, args: unknown[]): void {
    this.events.push({ name, args });
    for (const waiter of [...this.waiters]) waiter();
  }
}
