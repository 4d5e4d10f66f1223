import { describe, expect, it } from 'vitest';
import { CALL_EVENTS, CALL_STATES, callMachine, isMutable, transitionCall, type CallEvent, type CallState } from './call-state.js';
import { IllegalTransitionError } from './state-machine.js';

function run(events: readonly CallEvent[], from: CallState = 'idle'): CallState[] {
  const states: CallState[] = [from];
  for (const event of events) states.push(transitionCall(states.at(-1) ?? from, event));
  return states;
}

describe('call state: legal paths', () => {
  it('incoming call answered, held, resumed, hung up', () => {
    expect(run(['receive-invite', 'answer', 'establish', 'hold', 'resume', 'hangup'])).toEqual([
      'idle', 'incoming', 'answering', 'active', 'held', 'active', 'ended',
    ]);
  });

  it('incoming call declined by the agent', () => {
    expect(run(['receive-invite', 'reject'])).toEqual(['idle', 'incoming', 'ended']);
  });

  it('incoming call hung up while ringing (same as declining)', () => {
    expect(run(['receive-invite', 'hangup'])).toEqual(['idle', 'incoming', 'ended']);
  });

  it('incoming call cancelled by the caller', () => {
    expect(run(['receive-invite', 'end'])).toEqual(['idle', 'incoming', 'ended']);
  });

  it('answer that fails or is cancelled mid-way', () => {
    expect(run(['receive-invite', 'answer', 'end'])).toEqual(['idle', 'incoming', 'answering', 'ended']);
    expect(run(['receive-invite', 'answer', 'hangup'])).toEqual(['idle', 'incoming', 'answering', 'ended']);
  });

  it('outbound call that rings (180, then 183) and is answered', () => {
    expect(run(['dial', 'progress', 'progress', 'establish', 'hangup'])).toEqual([
      'idle', 'dialing', 'ringing-out', 'ringing-out', 'active', 'ended',
    ]);
  });

  it('outbound call answered without ringing', () => {
    expect(run(['dial', 'establish'])).toEqual(['idle', 'dialing', 'active']);
  });

  it('outbound call refused or cancelled', () => {
    expect(run(['dial', 'end'])).toEqual(['idle', 'dialing', 'ended']);
    expect(run(['dial', 'progress', 'end'])).toEqual(['idle', 'dialing', 'ringing-out', 'ended']);
    expect(run(['dial', 'hangup'])).toEqual(['idle', 'dialing', 'ended']);
    expect(run(['dial', 'progress', 'hangup'])).toEqual(['idle', 'dialing', 'ringing-out', 'ended']);
  });

  it('held call ended by either side', () => {
    expect(run(['dial', 'establish', 'hold', 'end'])).toEqual(['idle', 'dialing', 'active', 'held', 'ended']);
    expect(run(['dial', 'establish', 'hold', 'hangup'])).toEqual(['idle', 'dialing', 'active', 'held', 'ended']);
  });

  it('a call that fails before it starts', () => {
    expect(run(['end'])).toEqual(['idle', 'ended']);
  });

  it('every state but ended can end', () => {
    for (const state of CALL_STATES) expect(callMachine.can(state, 'end')).toBe(state !== 'ended');
  });

  it('mute means something only in active and held', () => {
    expect(CALL_STATES.filter(isMutable)).toEqual(['active', 'held']);
  });
});

// One test per move the table does not have: the complement of the table, generated from it.
const illegal = CALL_STATES.flatMap((state) =>
  CALL_EVENTS.filter((event) => callMachine.table[state][event] === undefined).map((event) => [state, event] as const),
);

describe('call state: illegal moves', () => {
  it('has the expected number of illegal moves', () => {
    const legal = CALL_STATES.reduce((n, state) => n + Object.keys(callMachine.table[state]).length, 0);
    expect(illegal).toHaveLength(CALL_STATES.length * CALL_EVENTS.length - legal);
    expect(legal).toBe(24); // a tripwire: a change to the table must come with its tests
  });

  it.each(illegal)('%s refuses %s', (state, event) => {
    expect(callMachine.can(state, event)).toBe(false);
    let thrown: unknown;
    try {
      transitionCall(state, event);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IllegalTransitionError);
    expect(thrown).toMatchObject({ code: 'ILLEGAL_TRANSITION', machine: 'call', from: state, event });
  });
});
