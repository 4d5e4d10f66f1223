import { describe, expect, it } from 'vitest';
import { addStateTime, agentFigures, emptyAgentTally, occupancy, noStateTime } from './agent-metrics.js';
import { callAnswered, callHandled, callWrapped } from './call-metrics.js';

describe('agent figures', () => {
  it('counts only the part of a state inside the window', () => {
    const t = emptyAgentTally();
    addStateTime(t, 'ready', 0, 10_000, 4_000, 20_000);
    addStateTime(t, 'on_call', 10_000, 30_000, 4_000, 20_000);
    addStateTime(t, 'not_ready', 30_000, 40_000, 4_000, 20_000);
    expect(agentFigures(t, 16_000).stateSeconds).toMatchObject({ ready: 6, on_call: 10, not_ready: 0, logged_out: 0 });
  });

  it('counts as signed out the part of the window in no other state (no history before the first sign-in)', () => {
    const t = emptyAgentTally();
    addStateTime(t, 'ready', 10_000, 20_000, 0, 60_000);
    expect(agentFigures(t, 60_000).stateSeconds).toMatchObject({ ready: 10, logged_out: 50 });
  });

  it('gives occupancy as calls and wrap-up over staffed time, Not ready left out', () => {
    const s = noStateTime();
    s.ready = 30_000;
    s.ringing = 10_000;
    s.on_call = 40_000;
    s.wrap_up = 20_000;
    s.not_ready = 500_000;
    expect(occupancy(s)).toBeCloseTo(0.6);
  });

  it('has no occupancy before the agent was staffed', () => {
    const s = noStateTime();
    s.not_ready = 1000;
    expect(occupancy(s)).toBeNull();
  });

  it('gives calls handled and AHT from the answered calls', () => {
    const t = emptyAgentTally();
    callAnswered(t.calls, 3);
    callHandled(t.calls, 120, 0);
    callWrapped(t.calls, 30);
    expect(agentFigures(t, 60_000)).toMatchObject({ callsHandled: 1, ahtSeconds: 150 });
  });
});
