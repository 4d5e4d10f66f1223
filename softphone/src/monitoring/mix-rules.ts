// Who hears whom while a supervisor monitors an agent's call, per mode. The agent's softphone
// mixes by these rules alone (monitor-mixer.ts), so the promise "the caller never hears a
// whisper" is written once, here:
//   to the supervisor: the caller and the agent, in every mode;
//   to the agent:      the supervisor, when whispering or barging (the caller as always);
//   to the caller:     the agent as always, and the supervisor only when barging.
import type { MonitorMode } from '../../../contract/monitoring.js';

export type MixParty = 'caller' | 'agent' | 'supervisor';
/** A path through the agent's mixer: who is heard, by whom. The agent hears the caller over the call itself. */
export type MixRoute = 'caller>supervisor' | 'agent>supervisor' | 'agent>caller' | 'supervisor>agent' | 'supervisor>caller';
export const MIX_ROUTES: readonly MixRoute[] = ['caller>supervisor', 'agent>supervisor', 'agent>caller', 'supervisor>agent', 'supervisor>caller'];

/** Whether each route is open in a mode. */
export function openRoutes(mode: MonitorMode): Record<MixRoute, boolean> {
  return {
    'caller>supervisor': true,
    'agent>supervisor': true,
    'agent>caller': true,
    'supervisor>agent': mode === 'whisper' || mode === 'barge',
    'supervisor>caller': mode === 'barge',
  };
}

/**
 * Whether the call's outgoing audio must be the mix (agent + supervisor) rather than the agent's
 * own microphone track. Only when barging: otherwise the call keeps the plain microphone, so a
 * monitor never touches what the caller hears.
 */
export function callerHearsMix(mode: MonitorMode): boolean {
  return openRoutes(mode)['supervisor>caller'];
}

/** Whether the supervisor's microphone is sent at all (a listener's stays off at the source). */
export function supervisorSpeaks(mode: MonitorMode): boolean {
  return mode !== 'listen';
}
