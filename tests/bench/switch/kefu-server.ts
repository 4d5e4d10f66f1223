// Child process: a plain HTTP server with kefu's built-in SIP switch and a minimal in-bench ACD,
// so the switch gets its own event loop and its memory is measured alone. Driven over IPC by
// run-switch.ts. Listens on 127.0.0.1 only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createSipSwitch } from '../../../server/src/switch/switch.js';
import type { CallControl, DirectCall, InboundQueueCall, OfferFailure, QueueAdmission, SwitchEvents } from '../../../server/src/switch/ports.js';

const DOMAIN = 'kefu.test';

export type ToServer = { type: 'issue'; agents: number; callers: number } | { type: 'mark'; phase: string } | { type: 'report' } | { type: 'stop' };
export interface IssuedAccount {
  username: string;
  password: string;
  userId: number | null;
}
export interface MemoryPeak {
  rssPeakMB: number;
  heapUsedPeakMB: number;
  rssNowMB: number;
  heapUsedNowMB: number;
  externalNowMB: number;
}
export interface ServerReport {
  memory: Record<string, MemoryPeak>;
  acd: BenchAcd['counters'];
  switchStats: ReturnType<ReturnType<typeof createSipSwitch>['stats']>;
  eventLoopLagMsMax: number;
  /** CPU time of this process since the last mark, user + system. */
  cpuMs: number;
}
export type FromServer =
  | { type: 'ready'; url: string }
  | { type: 'accounts'; agents: IssuedAccount[]; callers: IssuedAccount[] }
  | { type: 'marked' }
  | { type: 'report'; report: ServerReport };

/** Round-robin over registered, free agents; a call nobody can take waits in FIFO order. */
class BenchAcd implements SwitchEvents {
  control: CallControl | undefined;
  private readonly agents: number[] = [];
  private readonly known = new Set<number>();
  private readonly reachable = new Set<number>();
  private readonly busy = new Set<number>();
  private readonly agentOf = new Map<string, number>();
  private readonly interactionOf = new Map<string, number>();
  private readonly tries = new Map<string, number>();
  private readonly waiting: string[] = [];
  private cursor = 0;
  readonly counters = { arrived: 0, offered: 0, ringing: 0, answered: 0, offerFailed: 0, queuedNoAgent: 0, callerLeft: 0, agentLeft: 0, released: 0 };

  queueCallArrived(call: InboundQueueCall): QueueAdmission {
    this.counters.arrived++;
    const n = /^b(\d+)-/.exec(call.sipCallId)?.[1];
    this.interactionOf.set(call.callId, n ? Number(n) : 0);
    this.dispatch(call.callId);
    return { outcome: 'queued', queueName: call.dialled };
  }

  private dispatch(callId: string): void {
    if (!this.interactionOf.has(callId)) return; // ended meanwhile
    const tries = (this.tries.get(callId) ?? 0) + 1;
    this.tries.set(callId, tries);
    if (tries > 5) {
      this.counters.released++;
      this.control?.release(callId, 480);
      return;
    }
    for (let k = 0; k < this.agents.length; k++) {
      const agent = this.agents[this.cursor]!;
      this.cursor = (this.cursor + 1) % this.agents.length;
      if (!this.reachable.has(agent) || this.busy.has(agent)) continue;
      this.busy.add(agent);
      this.agentOf.set(callId, agent);
      if (this.control?.offer(callId, agent, { interactionId: this.interactionOf.get(callId)! })) {
        this.counters.offered++;
        return;
      }
      this.busy.delete(agent);
      this.agentOf.delete(callId);
    }
    this.counters.queuedNoAgent++;
    this.waiting.push(callId);
  }

  private free(callId: string): void {
    const agent = this.agentOf.get(callId);
    this.agentOf.delete(callId);
    if (agent !== undefined) this.busy.delete(agent);
    const next = this.waiting.shift();
    if (next) queueMicrotask(() => this.dispatch(next));
  }

  private ended(callId: string): void {
    this.free(callId);
    this.interactionOf.delete(callId);
    this.tries.delete(callId);
    const i = this.waiting.indexOf(callId);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  offerRinging(): void {
    this.counters.ringing++;
  }
  offerAnswered(): void {
    this.counters.answered++; // the agent stays busy until the call ends
  }
  offerFailed(callId: string, _agent: number, _why: OfferFailure): void {
    this.counters.offerFailed++;
    this.free(callId);
    queueMicrotask(() => this.dispatch(callId));
  }
  callerLeft(callId: string): void {
    this.counters.callerLeft++;
    this.ended(callId);
  }
  agentLeft(callId: string): void {
    this.counters.agentLeft++;
    this.ended(callId);
  }
  holdChanged(): void {}
  callerDtmf(): void {}
  agentReachabilityChanged(agentUserId: number, reachable: boolean): void {
    if (reachable) this.reachable.add(agentUserId);
    else this.reachable.delete(agentUserId);
    if (reachable && !this.known.has(agentUserId)) {
      this.known.add(agentUserId);
      this.agents.push(agentUserId);
    }
  }
  directCallChanged(_call: DirectCall): void {}
}

function cpuMsSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return Math.round((d.user + d.system) / 1000);
}

const mb = (b: number): number => Math.round((b / 1048576) * 10) / 10;

async function main(): Promise<void> {
  const send = (m: FromServer): void => void process.send?.(m);
  const acd = new BenchAcd();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // The load generator is one address opening every phone at once (a whole site behind one NAT
  // after a network blip): the unauthenticated caps are not what this measures.
  const sw = createSipSwitch({
    httpServer: server,
    path: '/sip',
    domain: DOMAIN,
    defaultRegion: 'CN',
    events: acd,
    log: pino({ level: 'silent' }),
    limits: { maxUnauthenticated: 5_000, maxUnauthenticatedPerAddress: 5_000 },
  });
  acd.control = sw.control;

  const memory: Record<string, MemoryPeak> = {};
  let phase = 'start';
  let lagMax = 0;
  let cpuAtMark = process.cpuUsage();
  let last = performance.now();
  const sample = (): void => {
    const now = performance.now();
    lagMax = Math.max(lagMax, now - last - 100);
    last = now;
    const m = process.memoryUsage();
    const p = (memory[phase] ??= { rssPeakMB: 0, heapUsedPeakMB: 0, rssNowMB: 0, heapUsedNowMB: 0, externalNowMB: 0 });
    p.rssPeakMB = Math.max(p.rssPeakMB, mb(m.rss));
    p.heapUsedPeakMB = Math.max(p.heapUsedPeakMB, mb(m.heapUsed));
    p.rssNowMB = mb(m.rss);
    p.heapUsedNowMB = mb(m.heapUsed);
    p.externalNowMB = mb(m.external);
  };
  sample();
  const sampler = setInterval(sample, 100);

  process.on('message', (msg: ToServer) => {
    switch (msg.type) {
      case 'issue': {
        const agents: IssuedAccount[] = [];
        for (let i = 1; i <= msg.agents; i++) agents.push(sw.accounts.issue({ username: `1${i}`, userId: i, displayName: `Agent ${i}` }));
        const callers: IssuedAccount[] = [];
        for (let i = 1; i <= msg.callers; i++) {
          callers.push(sw.accounts.issue({ username: `+86139${String(i).padStart(8, '0')}`, userId: null, displayName: `Caller ${i}` }));
        }
        send({ type: 'accounts', agents, callers });
        return;
      }
      case 'mark':
        sample();
        phase = msg.phase;
        lagMax = 0;
        cpuAtMark = process.cpuUsage();
        sample();
        send({ type: 'marked' });
        return;
      case 'report':
        sample();
        send({ type: 'report', report: { memory, acd: acd.counters, switchStats: sw.stats(), eventLoopLagMsMax: Math.round(lagMax * 10) / 10, cpuMs: cpuMsSince(cpuAtMark) } });
        return;
      case 'stop':
        clearInterval(sampler);
        sw.close();
        server.closeAllConnections();
        server.close(() => process.exit(0));
        setTimeout(() => process.exit(0), 2_000).unref();
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/sip` });
}

void main();
