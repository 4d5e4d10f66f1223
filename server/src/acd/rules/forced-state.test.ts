import { describe, expect, it } from 'vitest';
import { forcedChangeTiming, withForcedState, type ForcedState } from './forced-state.js';

const lunch: ForcedState = { to: 'not_ready', reason: 'lunch' };
const out: ForcedState = { to: 'logged_out', reason: 'supervisor' };

describe('a forced state change', () => {
  it('is made at once between calls, after the call otherwise, and refused for an agent who is not signed in', () => {
    expect(forcedChangeTiming('ready')).toBe('now');
    expect(forcedChangeTiming('not_ready')).toBe('now');
    for (const s of ['ringing', 'on_call', 'wrap_up'] as const) expect(forcedChangeTiming(s)).toBe('after_call');
    expect(forcedChangeTiming('logged_out')).toBe('not_signed_in');
  });

  it('waits while the call rings, is under way or wrapped up', () => {
    for (const state of ['ringing', 'on_call', 'wrap_up'] as const) {
      expect(withForcedState({ state, reason: null }, lunch)).toEqual({ status: { state, reason: null }, pending: lunch });
    }
  });

  it('replaces the Ready the agent would reach after the call', () => {
    expect(withForcedState({ state: 'ready', reason: null }, lunch)).toEqual({ status: { state: 'not_ready', reason: 'lunch' }, pending: null });
    expect(withForcedState({ state: 'ready', reason: null }, out)).toEqual({ status: { state: 'logged_out', reason: 'supervisor' }, pending: null });
  });

  it("gives a Not ready after the call the supervisor's reason, or logs the agent out", () => {
    expect(withForcedState({ state: 'not_ready', reason: 'missed' }, lunch).status).toEqual({ state: 'not_ready', reason: 'lunch' });
    expect(withForcedState({ state: 'not_ready', reason: 'after_call' }, out).status).toEqual({ state: 'logged_out', reason: 'supervisor' });
  });

  it('is dropped when the agent logs out first, and changes nothing when none is pending', () => {
    expect(withForcedState({ state: 'logged_out', reason: null }, lunch)).toEqual({ status: { state: 'logged_out', reason: null }, pending: null });
    expect(withForcedState({ state: 'ready', reason: null }, null)).toEqual({ status: { state: 'ready', reason: null }, pending: null });
  });
});
