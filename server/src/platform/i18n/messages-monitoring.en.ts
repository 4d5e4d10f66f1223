// Listening to, coaching and joining agents' calls, in English: spread into messages.en.ts.
export const MONITORING_MESSAGES_EN = {
  'monitoring.supervisorsOnly': 'Monitoring calls is for supervisors and admins',
  'monitoring.modeNotAllowed': 'You may not use this monitoring mode',
  'monitoring.noCall': 'This agent is not on a call',
  'monitoring.alreadyMonitored': 'This call is already being monitored',
  'monitoring.noSuchSession': 'This monitoring session has ended',
} as const;
