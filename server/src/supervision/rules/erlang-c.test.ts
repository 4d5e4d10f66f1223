import { describe, expect, it } from 'vitest';
import { agentsNeeded, erlangC, erlangServiceLevel } from './erlang-c.js';

describe('Erlang C', () => {
  it('matches the textbook case: 100 calls in 30 min, AHT 180 s, 80/20 needs 14 agents', () => {
    // 10 erlangs; the classic worked example: 13 agents give 79.6 %, 14 give 88.8 % (P(wait) 0.174).
    const s = agentsNeeded({ calls: 100, intervalSeconds: 1800, ahtSeconds: 180, targetServiceLevel: 0.8, thresholdSeconds: 20 });
    expect(s.trafficErlangs).toBeCloseTo(10);
    expect(s.agentsNeeded).toBe(14);
    expect(erlangC(14, 10)).toBeCloseTo(0.1741, 3);
    expect(s.serviceLevel).toBeCloseTo(0.888, 3);
    expect(erlangServiceLevel(13, 10, 180, 20)).toBeCloseTo(0.796, 3);
  });

  it('always waits when agents do not exceed the traffic', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangServiceLevel(10, 10, 180, 20)).toBe(0);
  });

  it('needs nobody for no calls', () => {
    expect(agentsNeeded({ calls: 0, intervalSeconds: 900, ahtSeconds: 180, targetServiceLevel: 0.8, thresholdSeconds: 20 }).agentsNeeded).toBe(0);
  });

  it('needs more agents for a stricter target', () => {
    const base = { calls: 200, intervalSeconds: 900, ahtSeconds: 240, thresholdSeconds: 20 };
    expect(agentsNeeded({ ...base, targetServiceLevel: 0.95 }).agentsNeeded).toBeGreaterThan(agentsNeeded({ ...base, targetServiceLevel: 0.7 }).agentsNeeded);
  });
});
