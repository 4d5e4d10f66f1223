import { describe, expect, it } from 'vitest';
import {
  REGISTRATION_EVENTS,
  REGISTRATION_STATES,
  registrationMachine,
  transitionRegistration,
  type RegistrationEvent,
  type RegistrationState,
} from './registration-state.js';
import { IllegalTransitionError } from './state-machine.js';

function run(events: readonly RegistrationEvent[], from: RegistrationState = 'disconnected'): RegistrationState[] {
  const states: RegistrationState[] = [from];
  for (const event of events) states.push(transitionRegistration(states.at(-1) ?? from, event));
  return states;
}

describe('registration state: legal paths', () => {
  it('connects and registers', () => {
    expect(run(['start', 'transport-connected', 'registered'])).toEqual([
      'disconnected', 'connecting', 'registering', 'registered',
    ]);
  });

  it('server down at start: keeps reconnecting, then registers', () => {
    expect(run(['start', 'transport-failed', 'transport-failed', 'transport-connected', 'registered'])).toEqual([
      'disconnected', 'connecting', 'reconnecting', 'reconnecting', 'registering', 'registered',
    ]);
  });

  it('WebSocket drop while registered, and while registering', () => {
    expect(run(['transport-lost', 'transport-connected', 'registered'], 'registered')).toEqual([
      'registered', 'reconnecting', 'registering', 'registered',
    ]);
    expect(run(['transport-lost'], 'registering')).toEqual(['registering', 'reconnecting']);
  });

  it('temporary REGISTER failure is retried in place', () => {
    expect(run(['register-failed', 'register-failed', 'registered'], 'registering')).toEqual([
      'registering', 'registering', 'registering', 'registered',
    ]);
  });

  it('refresh refused: registers again', () => {
    expect(run(['registration-lost', 'registered'], 'registered')).toEqual(['registered', 'registering', 'registered']);
  });

  it('credentials refused: failed until started again', () => {
    expect(run(['register-rejected', 'start'], 'registering')).toEqual(['registering', 'failed', 'connecting']);
  });

  it('stop works from every state, and twice', () => {
    for (const state of REGISTRATION_STATES) expect(transitionRegistration(state, 'stop')).toBe('disconnected');
  });
});

const illegal = REGISTRATION_STATES.flatMap((state) =>
  REGISTRATION_EVENTS.filter((event) => registrationMachine.table[state][event] === undefined).map(
    (event) => [state, event] as const,
  ),
);

describe('registration state: illegal moves', () => {
  it('has the expected number of illegal moves', () => {
    expect(illegal).toHaveLength(REGISTRATION_STATES.length * REGISTRATION_EVENTS.length - 18); // 18 legal moves
  });

  it.each(illegal)('%s refuses %s', (state, event) => {
    expect(registrationMachine.can(state, event)).toBe(false);
    expect(() => transitionRegistration(state, event)).toThrow(IllegalTransitionError);
    expect(() => transitionRegistration(state, event)).toThrow(
      expect.objectContaining({ machine: 'registration', from: state, event }),
    );
  });
});
