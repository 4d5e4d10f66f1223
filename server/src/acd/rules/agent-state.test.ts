import { describe, expect, it } from 'vitest';
import { AGENT_STATES, type AgentState } from '../../../../contract/index.js';
import { applyAgentEvent, type AgentEvent, type AgentStatus } from './agent-state.js';
import { DomainError } from '../../platform/domain-error.js';

const at = (state: AgentState, reason: string | null = null): AgentStatus => ({ state, reason });

describe('agent state machine', () => {
  it('walks a whole inbound call: login, ready, ringing, on call, wrap-up, ready', () => {
    let s = at('logged_out');
    const steps: AgentEvent[] = [
      { type: 'login' },
      { type: 'set_ready' },
      { type: 'offer' },
      { type: 'answer' },
      { type: 'call_ended' },
      { type: 'wrap_done', then: 'ready' },
    ];
    const seen = steps.map((e) => (s = applyAgentEvent(s, e)).state);
    expect(seen).toEqual(['not_ready', 'ready', 'ringing', 'on_call', 'wrap_up', 'ready']);
  });

  it('takes an agent who misses or rejects a call out of rotation with reason "missed"', () => {
    expect(applyAgentEvent(at('ringing'), { type: 'ring_no_answer' })).toEqual(at('not_ready', 'missed'));
    expect(applyAgentEvent(at('ringing'), { type: 'reject' })).toEqual(at('not_ready', 'missed'));
  });

  it('leaves the agent ready when the caller hangs up while it rings', () => {
    expect(applyAgentEvent(at('ringing'), { type: 'offer_withdrawn' })).toEqual(at('ready'));
  });

  it('keeps the Not ready reason and lets the agent change it', () => {
    const s = applyAgentEvent(at('ready'), { type: 'set_not_ready', reason: 'lunch' });
    expect(s).toEqual(at('not_ready', 'lunch'));
    expect(applyAgentEvent(s, { type: 'set_not_ready', reason: 'training' })).toEqual(at('not_ready', 'training'));
  });

  it('lets an agent call out from Ready or Not ready, then wrap up', () => {
    expect(applyAgentEvent(at('ready'), { type: 'dial_out' }).state).toBe('on_call');
    expect(applyAgentEvent(at('not_ready', 'break'), { type: 'dial_out' }).state).toBe('on_call');
    expect(() => applyAgentEvent(at('ringing'), { type: 'dial_out' })).toThrow(DomainError);
  });

  it('ends wrap-up in Ready or Not ready as asked', () => {
    expect(applyAgentEvent(at('wrap_up'), { type: 'wrap_done', then: 'not_ready' })).toEqual(at('not_ready', 'after_call'));
  });

  it('rings an agent in wrap-up again when the call they transferred comes back', () => {
    expect(applyAgentEvent(at('wrap_up'), { type: 'transfer_recall' })).toEqual(at('ringing'));
  });

  it('puts an agent back to Ready, with nothing to wrap up, when a colleague\'s consult they took ends', () => {
    expect(applyAgentEvent(at('on_call'), { type: 'consult_ended' })).toEqual(at('ready'));
  });

  const illegal: [AgentState, AgentEvent][] = [
    ['ready', { type: 'consult_ended' }],
    ['wrap_up', { type: 'consult_ended' }],
    ['on_call', { type: 'transfer_recall' }],
    ['not_ready', { type: 'transfer_recall' }],
    ['ringing', { type: 'transfer_recall' }],
    ['logged_out', { type: 'set_ready' }],
    ['logged_out', { type: 'offer' }],
    ['not_ready', { type: 'offer' }],
    ['ringing', { type: 'offer' }],
    ['on_call', { type: 'offer' }],
    ['wrap_up', { type: 'offer' }],
    ['on_call', { type: 'logout' }],
    ['ringing', { type: 'logout' }],
    ['on_call', { type: 'set_ready' }],
    ['on_call', { type: 'set_not_ready', reason: 'break' }],
    ['ready', { type: 'answer' }],
    ['ready', { type: 'call_ended' }],
    ['ready', { type: 'login' }],
    ['wrap_up', { type: 'answer' }],
  ];
  it.each(illegal)('refuses %s → %j', (state, event) => {
    expect(() => applyAgentEvent(at(state), event)).toThrow(DomainError);
  });

  it('lets only a Ready agent be offered a call', () => {
    const offerable = AGENT_STATES.filter((s) => {
      try {
        applyAgentEvent(at(s), { type: 'offer' });
        return true;
      } catch {
        return false;
      }
    });
    expect(offerable).toEqual(['ready']);
  });
});
