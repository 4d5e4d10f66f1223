import type { EscalationAcknowledged, EscalationView } from '../../../../contract/index.js';
import type { EscalationAcknowledgedListener } from '../escalation.service.js';
import type { EscalationNotifier } from '../sla-scheduler.js';
import { userRoom, type KefuIo } from '../../platform/realtime/socket-server.js';

/**
 * Pushes an acknowledgement to every tab of the escalation's recipient and of whoever
 * acknowledged it (an admin, when it was not theirs), so no open list or badge goes stale.
 */
export function socketEscalationAcknowledged(io: () => KefuIo | null): EscalationAcknowledgedListener {
  return (fact: EscalationAcknowledged) => {
    const people = new Set([fact.acknowledgedBy.id, ...(fact.recipientId === null ? [] : [fact.recipientId])]);
    // One emit to both rooms: Socket.IO sends once to a socket that is in both.
    io()?.to([...people].map(userRoom)).emit('escalation:acknowledged', fact);
  };
}

/** Pushes a new escalation to every tab of the person it is raised to. */
export function socketEscalationRaised(io: () => KefuIo | null): EscalationNotifier {
  return {
    escalationRaised: (userId: number, view: EscalationView) => {
      io()?.to(userRoom(userId)).emit('escalation:raised', view);
    },
  };
}
