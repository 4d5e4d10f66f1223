// `npm run bench:acd`: the cost of one dispatch with 1,000 registered agents and 2,000 queued
// calls, before (every dispatch rebuilt the waiting list and a snapshot with sets of every
// agent: routing-before.ts) and after (per-queue indexes of waiting calls and free agents kept
// up to date on each change), measured side by side on the same live state in one run. Each
// round an agent comes back from a call, both routings decide (they must agree), the real
// dispatch rings the agent, the agent answers, and a new caller keeps 2,000 waiting.
// In process, no database or SIP. Results: bench-results/acd-<stamp>.json and acd-latest.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScreenPop } from '../../../contract/index.js';
import { AgentRegistry } from '../../../server/src/acd/agent-registry.js';
import { CallCenter } from '../../../server/src/acd/call-center.js';
import { CallFacts } from '../../../server/src/acd/call-facts.js';
import type { AgentDefinition, QueueDefinition, QueueDirectoryRepository } from '../../../server/src/acd/data/queue-directory.repository.js';
import { logger } from '../../../server/src/platform/logger.js';
import type { CallControl } from '../../../server/src/switch/ports.js';
import { FakeClock } from '../../support/fake-clock.js';
import { dispatchBefore } from './routing-before.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const AGENTS = arg('agents', 1000);
const WAITING = arg('calls', 2000);
const ROUNDS = arg('rounds', 1000);
const WARMUP = arg('warmup', 100);

const queue = (id: number, name: string, skillId: number | null): QueueDefinition => ({
  id,
  name,
  displayName: name,
  dialNumber: null,
  skillId,
  ringSeconds: 15,
  wrapUpSeconds: 60,
  maxWaitSeconds: 86_400,
  maxSize: 1_000_000,
  overflowQueueId: null,
  csatEnabled: false,
});
const QUEUES = [queue(1, 'support', null), queue(2, 'sales', 20), queue(3, 'vip', null), queue(4, 'billing', 30)];
const agentDefs: AgentDefinition[] = Array.from({ length: AGENTS }, (_, i) => ({
  id: i + 1,
  displayName: `Agent ${i + 1}`,
  extension: String(1000 + i),
  queueIds: [QUEUES[i % 4]!.id, QUEUES[(i + 1) % 4]!.id],
  skillIds: [...(i % 3 !== 0 ? [20] : []), ...(i % 2 === 0 ? [30] : [])],
}));

class RingingSwitch implements CallControl {
  readonly callOf = new Map<number, string>();
  offer(callId: string, agentUserId: number) {
    this.callOf.set(agentUserId, callId);
    return true;
  }
  withdrawOffer() {}
  release() {}
  isReachable() {
    return true;
  }
  promptCaller() {}
}

const stats = (us: number[]) => {
  const s = [...us].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  const r = (n: number) => Math.round(n * 100) / 100;
  return { n: s.length, medianUs: r(q(0.5)), p95Us: r(q(0.95)), p99Us: r(q(0.99)), meanUs: r(s.reduce((a, b) => a + b, 0) / s.length), maxUs: r(s.at(-1)!) };
};
const micros = (start: bigint) => Number(process.hrtime.bigint() - start) / 1000;

async function main() {
  const startedAt = new Date();
  const clock = new FakeClock();
  const facts = new CallFacts((err) => {
    throw err;
  });
  const registry = new AgentRegistry(facts, clock);
  const sw = new RingingSwitch();
  let nextId = 0;
  const cc = new CallCenter({
    directory: { queues: async () => QUEUES, agents: async () => agentDefs } as unknown as QueueDirectoryRepository,
    agents: registry,
    facts,
    clock,
    log: logger.child({ bench: 'acd' }),
    // One caller in ten is a VIP: priorities differ, as in a real queue.
    screenPop: async (n) => ({ callerNumber: n, normalizedPhone: n, matches: [], primary: n.endsWith('7') ? { customer: { id: 1, valueTier: 'vip' } } : null }) as unknown as ScreenPop,
    nextInteractionId: async () => ++nextId,
    directCalls: { handle() {}, updateScreenPop: () => false, currentView: () => null },
    survey: { has: () => false, start() {}, digit() {}, callerLeft() {} },
  });
  await cc.start(sw);
  let seq = 0;
  const arrive = () => {
    seq += 1;
    clock.advance(1);
    cc.queueCallArrived({ callId: `c${seq}`, sipCallId: `s${seq}`, callerNumber: `+86138${String(seq).padStart(8, '0')}`, callerDisplayName: null, dialled: QUEUES[seq % 4]!.name });
  };

  // Every agent signed in with a reachable phone, then taking a call: all busy, 2,000 waiting.
  for (let i = 0; i < AGENTS + WAITING; i++) arrive();
  await cc.idle();
  for (const def of agentDefs) {
    const agent = registry.get(def.id)!;
    registry.setReachable(agent, true, false);
    cc.shift.agentConnected(def.id);
    cc.shift.setReady(def.id);
    const callId = sw.callOf.get(def.id);
    if (callId) cc.offerAnswered(callId, def.id);
  }
  const onCall = agentDefs.filter((d) => registry.get(d.id)!.status.state === 'on_call').map((d) => d.id);
  const waitingNow = () => [...cc.liveCalls()].filter((c) => c.agentId === null && c.offer === null).length;
  process.stdout.write(`[bench:acd] ${AGENTS} agents (${onCall.length} on a call), ${waitingNow()} calls waiting; ${WARMUP} warm-up + ${ROUNDS} rounds\n`);

  const before: number[] = [];
  const after: number[] = [];
  const afterDispatch: number[] = [];
  const stateChange: number[] = [];
  let disagreements = 0;
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const agentId = onCall[round % onCall.length]!;
    const agent = registry.get(agentId)!;
    cc.agentLeft(sw.callOf.get(agentId)!, agentId);
    // Back to Ready from wrap-up; the index upkeep is part of the cost of the change.
    agent.wrapOf = null;
    agent.callId = null;
    let t = process.hrtime.bigint();
    registry.apply(agent, { type: 'wrap_done', then: 'ready' });
    const changeUs = micros(t);

    t = process.hrtime.bigint();
    const old = dispatchBefore(cc.liveCalls(), registry.all(), cc.queueDefinitions());
    const beforeUs = micros(t);
    t = process.hrtime.bigint();
    const now = cc.dispatcher.plan();
    const afterUs = micros(t);
    if (JSON.stringify(old) !== JSON.stringify(now)) disagreements += 1;

    t = process.hrtime.bigint();
    cc.dispatcher.dispatch();
    const dispatchUs = micros(t);
    const callId = sw.callOf.get(agentId)!;
    cc.offerAnswered(callId, agentId);
    arrive();
    await cc.idle();
    if (round >= WARMUP) {
      before.push(beforeUs);
      after.push(afterUs);
      afterDispatch.push(dispatchUs);
      stateChange.push(changeUs);
    }
  }

  const result = {
    bench: 'acd-dispatch',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', node: process.version, platform: `${os.platform()} ${os.release()}`, load: os.loadavg() },
    params: { agents: AGENTS, waitingCalls: waitingNow(), rounds: ROUNDS, warmup: WARMUP, queues: QUEUES.length },
    perDispatch: {
      before: { what: 'old routing: waiting list of every live call + snapshot with sets of every agent + sort', ...stats(before) },
      after: { what: 'indexed routing: heads of the per-queue lines that have a free agent', ...stats(after) },
      speedupMedian: Math.round((stats(before).medianUs / stats(after).medianUs) * 10) / 10,
      afterFullDispatch: { what: 'the real dispatch() that rings the agent (routing, state change, offer fact, timers)', ...stats(afterDispatch) },
      afterIndexUpkeep: { what: 'one agent state change with the free-agent index kept up to date', ...stats(stateChange) },
    },
    routingsDisagreed: disagreements,
  };
  const dir = path.resolve(process.cwd(), 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const json = `${JSON.stringify(result, null, 2)}\n`;
  fs.writeFileSync(path.join(dir, `acd-${stamp}.json`), json);
  fs.writeFileSync(path.join(dir, 'acd-latest.json'), json);
  const p = result.perDispatch;
  console.log(`\nACD dispatch, ${AGENTS} agents, ${result.params.waitingCalls} calls waiting (${os.cpus().length}-core machine, load ${os.loadavg().map((v) => v.toFixed(1)).join(' ')})`);
  console.log(`                 median     p95      p99   (µs per dispatch)`);
  console.log(`before routing ${String(p.before.medianUs).padStart(8)} ${String(p.before.p95Us).padStart(8)} ${String(p.before.p99Us).padStart(8)}`);
  console.log(`after routing  ${String(p.after.medianUs).padStart(8)} ${String(p.after.p95Us).padStart(8)} ${String(p.after.p99Us).padStart(8)}   (${p.speedupMedian}x at the median)`);
  console.log(`after dispatch ${String(p.afterFullDispatch.medianUs).padStart(8)} ${String(p.afterFullDispatch.p95Us).padStart(8)} ${String(p.afterFullDispatch.p99Us).padStart(8)}   (routing + ringing the agent)`);
  console.log(`routings disagreed: ${disagreements}`);
  console.log(`written: bench-results/acd-${stamp}.json and bench-results/acd-latest.json`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
