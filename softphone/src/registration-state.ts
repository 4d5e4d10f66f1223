import { defineMachine } from './state-machine.js';

/**
 * Connection and registration of the agent's phone with the SIP edge.
 *
 * ```txt
 * disconnected --start--> connecting --transport-connected--> registering --registered--> registered
 * connecting   --transport-failed--> reconnecting --transport-connected--> registering
 * reconnecting --transport-failed--> reconnecting    (next attempt, after a longer delay)
 * registering  --register-failed--> registering      (retried after a delay)
 * registering  --register-rejected--> failed --start--> connecting
 * registering, registered --transport-lost--> reconnecting
 * registered   --registration-lost--> registering    (a refresh was refused or timed out)
 * every state  --stop--> disconnected
 * ```
 * `failed` is kept for a refusal that retrying cannot fix (wrong credentials, unknown user).
 * Everything else - the WebSocket dropping, a 503 or a timeout - is retried with backoff.
 */
export const REGISTRATION_STATES = [
  'disconnected',
  'connecting',
  'registering',
  'registered',
  'reconnecting',
  'failed',
] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

export const REGISTRATION_EVENTS = [
  'start',
  'transport-connected',
  'transport-failed',
  'transport-lost',
  'registered',
  'register-failed',
  'register-rejected',
  'registration-lost',
  'stop',
] as const;
export type RegistrationEvent = (typeof REGISTRATION_EVENTS)[number];

export const registrationMachine = defineMachine<RegistrationState, RegistrationEvent>('registration', {
  disconnected: { start: 'connecting', stop: 'disconnected' },
  connecting: { 'transport-connected': 'registering', 'transport-failed': 'reconnecting', stop: 'disconnected' },
  registering: {
    registered: 'registered',
    'register-failed': 'registering',
    'register-rejected': 'failed',
    'transport-lost': 'reconnecting',
    stop: 'disconnected',
  },
  registered: { 'registration-lost': 'registering', 'transport-lost': 'reconnecting', stop: 'disconnected' },
  reconnecting: { 'transport-connected': 'registering', 'transport-failed': 'reconnecting', stop: 'disconnected' },
  failed: { start: 'connecting', stop: 'disconnected' },
});

/** Applies `event`; throws IllegalTransitionError when the table does not allow it. */
export function transitionRegistration(state: RegistrationState, event: RegistrationEvent): RegistrationState {
  return registrationMachine.transition(state, event);
}
