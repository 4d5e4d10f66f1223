// The server's pushes the desk listens to on the session's socket, wired and unwired together.
import type { AgentStatusView, CallEndedEvent, LiveCallView } from '@kefu/contract';
import type { KefuSocket } from '../shared/session.svelte.js';
import { listen } from '../shared/socket-listeners.js';
import type { WithdrawnReason } from './call-reconciliation.js';

export interface DeskPushes {
  connected(): void;
  disconnected(): void;
  stateChanged(s: AgentStatusView): void;
  offered(c: LiveCallView): void;
  withdrawn(callId: string, reason: WithdrawnReason): void;
  updated(c: LiveCallView): void;
  ended(e: CallEndedEvent): void;
}

/** Listens for the desk's pushes; returns the function that stops listening. */
export function listenToDesk(socket: KefuSocket, on: DeskPushes): () => void {
  return listen(socket, {
    connect: () => on.connected(),
    disconnect: () => on.disconnected(),
    'agent:state-changed': (s) => on.stateChanged(s),
    'call:offered': (c) => on.offered(c),
    'call:offer-withdrawn': (p) => on.withdrawn(p.callId, p.reason),
    'call:updated': (c) => on.updated(c),
    'call:ended': (e) => on.ended(e),
  });
}
