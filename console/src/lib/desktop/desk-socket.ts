// The server's pushes the desk listens to on the session's socket, wired and unwired together.
import type { AgentStatusView, CallEndedEvent, LiveCallView } from '@kefu/contract';
import type { KefuSocket } from '../shared/session.svelte.js';
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
  const connected = () => on.connected();
  const disconnected = () => on.disconnected();
  const stateChanged = (s: AgentStatusView) => on.stateChanged(s);
  const offered = (c: LiveCallView) => on.offered(c);
  const withdrawn = (p: { callId: string; reason: WithdrawnReason }) => on.withdrawn(p.callId, p.reason);
  const updated = (c: LiveCallView) => on.updated(c);
  const ended = (e: CallEndedEvent) => on.ended(e);
  socket.on('connect', connected);
  socket.on('disconnect', disconnected);
  socket.on('agent:state-changed', stateChanged);
  socket.on('call:offered', offered);
  socket.on('call:offer-withdrawn', withdrawn);
  socket.on('call:updated', updated);
  socket.on('call:ended', ended);
  return () => {
    socket.off('connect', connected);
    socket.off('disconnect', disconnected);
    socket.off('agent:state-changed', stateChanged);
    socket.off('call:offered', offered);
    socket.off('call:offer-withdrawn', withdrawn);
    socket.off('call:updated', updated);
    socket.off('call:ended', ended);
  };
}
