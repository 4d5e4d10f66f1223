import { describe, expect, it } from 'vitest';
import { AgentRegistry } from './agent-registry.js';
import { CallFacts, type CallFact } from './call-facts.js';
import type { Clock } from '../platform/clock.js';

function setup() {
  let t = 0;
  const clock: Clock & { tick(): void } = { now: () => t, setTimeout: () => null, clearTimeout: () => {}, tick: () => void (t += 1000) };
  const facts: CallFact[] = [];
  const bus = new CallFacts((err) => {
    throw err;
  });
  bus.subscribe((f) => facts.push(f));
  const registry = new AgentRegistry(bus, clock);
  registry.load([
    { id: 1, displayName: 'A', extension: '1001', queueIds: [10], skillIds: [] },
    { id: 2, displayName: 'B', extension: '1002', queueIds: [10, 20], skillIds: [5] },
  ]);
  const ready = (id: number) => {
    const a = registry.get(id)!;
    registry.setReachable(a, true, false);
    registry.apply(a, { type: 'login' });
    clock.tick();
    registry.apply(a, { type: 'set_ready' });
  };
  return { registry, facts, ready, clock };
}

const ids = (agents: readonly { id: number }[]) => agents.map((a) => a.id);

describe('AgentRegistry free-agent index', () => {
  it('lists a queue\'s Ready agents with a reachable phone, longest idle first', () => {
    const { registry, ready } = setup();
    expect(registry.anyFree()).toBe(false);
    ready(2);
    ready(1);
    expect(ids(registry.freeIn(10))).toEqual([2, 1]);
    expect(ids(registry.freeIn(20))).toEqual([2]);
    expect(registry.freeIn(30)).toEqual([]);
  });

  it('drops an agent who is rung or whose phone goes, and takes them back when Ready again', () => {
    const { registry, ready, clock } = setup();
    ready(1);
    ready(2);
    clock.tick();
    const a1 = registry.get(1)!;
    registry.apply(a1, { type: 'offer' });
    expect(ids(registry.freeIn(10))).toEqual([2]);
    registry.apply(a1, { type: 'offer_withdrawn' });
    // Ready again now: the other agent has been idle longer.
    expect(ids(registry.freeIn(10))).toEqual([2, 1]);
    registry.setReachable(registry.get(2)!, false, true);
    expect(ids(registry.freeIn(10))).toEqual([1]);
    expect(registry.anyFree()).toBe(true);
  });

  it('makes every state change a fact, and a phone coming or going another', () => {
    const { registry, facts, ready } = setup();
    ready(1);
    registry.setReachable(registry.get(1)!, false, true);
    expect(facts.map((f) => f.type)).toEqual(['agent-state-changed', 'agent-state-changed', 'agent-reachability-changed']);
  });
});
