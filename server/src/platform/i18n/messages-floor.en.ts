// The supervisor's actions on the floor (forcing a state, logging out, messages, pulling calls),
// in English: a catalogue of its own, spread into messages.en.ts.
export const FLOOR_MESSAGES_EN = {
  'floor.supervisorsOnly': 'Acting on agents is for supervisors and admins',
  'floor.teamOnly': "You can act only on your own team's agents",
  'floor.notAnAgent': 'No such agent',
  'floor.agentNotSignedIn': 'This agent is not signed in',
  'floor.agentNotConnected': 'This agent has no console open to show a message',
  'floor.callNotWaiting': 'This call is no longer waiting',
  'floor.callRinging': "This call is ringing an agent's phone; try again if it is not answered",
  'floor.noSuchQueue': 'No such queue',
  'floor.sameQueue': 'The call is already waiting in this queue',
  'floor.phoneNotConnected': 'That phone is not connected',
  'floor.agentNotFree': 'That agent is not Ready for a call',
} as const;
