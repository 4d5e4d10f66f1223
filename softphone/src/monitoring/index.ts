// Listening, whispering and barging in the browser: the mixing rules, the agent's mixer and the
// two ends of a monitoring session.
export { openRoutes, callerHearsMix, supervisorSpeaks, MIX_ROUTES } from './mix-rules.js';
export type { MixRoute, MixParty } from './mix-rules.js';
export { MonitorMixer } from './monitor-mixer.js';
export { AgentMonitorSession } from './agent-monitor-session.js';
export type { AgentMonitorOptions } from './agent-monitor-session.js';
export { SupervisorMonitorSession } from './supervisor-monitor-session.js';
export type { SupervisorMonitorOptions } from './supervisor-monitor-session.js';
