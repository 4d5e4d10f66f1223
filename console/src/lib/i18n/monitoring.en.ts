// English messages of listening to, coaching and joining an agent's call, on the supervisor's
// agent rows and on the monitored agent's desktop.
export const monitoringEn = {
  'monitor.listen': 'Listen',
  'monitor.whisper': 'Whisper',
  'monitor.barge': 'Barge',
  'monitor.stop': 'Stop monitoring',
  'monitor.controlsFor': 'Monitoring {name}’s call',
  'monitor.connecting': 'Connecting to {name}’s call…',
  'monitor.listening': 'Listening to {name}’s call.',
  'monitor.whispering': 'Coaching {name}: only {name} hears you.',
  'monitor.barging': 'In {name}’s call: the caller and {name} hear you.',
  'monitor.ended.stopped': 'Monitoring ended.',
  'monitor.ended.call_ended': 'The call ended, and monitoring with it.',
  'monitor.ended.supervisor_left': 'Monitoring ended.',
  'monitor.ended.agent_unavailable': 'The agent’s phone could not join monitoring.',
  'monitor.noAnswer': 'The agent’s phone did not answer the monitoring request.',
  'monitor.failed': 'Monitoring failed: {error}',
  'monitor.agentListening': '{name} is listening to this call.',
  'monitor.agentWhispering': '{name} is coaching you: the caller does not hear them.',
  'monitor.agentBarging': '{name} has joined this call: the caller hears them.',
} as const;
