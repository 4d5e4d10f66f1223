// "Call the customer about this case": the console announces the call it is about to dial, and
// when the agent's outbound call to that number is logged, it is tied to the case. Kept in
// memory for two minutes: a dial that never happens just expires.
const TTL_MS = 120_000;

export interface DialIntent {
  taskId: number;
  caseId: number | null;
  e164: string;
  at: number;
}

export class DialIntents {
  private readonly byAgent = new Map<number, DialIntent>();

  constructor(private readonly now: () => number) {}

  announce(agentId: number, intent: Omit<DialIntent, 'at'>): void {
    this.byAgent.set(agentId, { ...intent, at: this.now() });
  }

  /** The intent this outbound call fulfils, once; null when the agent dialled something else. */
  take(agentId: number, e164: string): DialIntent | null {
    const i = this.byAgent.get(agentId);
    if (!i || i.e164 !== e164 || this.now() - i.at > TTL_MS) return null;
    this.byAgent.delete(agentId);
    return i;
  }
}
