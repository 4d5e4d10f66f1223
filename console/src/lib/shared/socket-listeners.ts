// A feature's listeners on the session's socket as one table: every handler it adds is the
// one it removes, so none can be left behind on a socket the next page keeps using.
import type { ServerToClientEvents } from '@kefu/contract';
import type { KefuSocket } from './session.svelte.js';

export type SocketListeners = { [E in keyof ServerToClientEvents]?: ServerToClientEvents[E] } & {
  connect?: () => void;
  disconnect?: () => void;
  /** The connection came back after a drop (the manager's event): pushes sent meanwhile are gone. */
  reconnect?: () => void;
};

type Handler = (...args: never[]) => void;
/** The emitter seen by event name: the table's keys are checked above, against the contract. */
interface Emitter {
  on(event: string, handler: Handler): unknown;
  off(event: string, handler: Handler): unknown;
}

/** Adds every listener of `table`; returns the function that removes exactly those. */
export function listen(socket: KefuSocket, table: SocketListeners): () => void {
  const entries = Object.entries(table) as [string, Handler][];
  const emitterFor = (event: string): Emitter => (event === 'reconnect' ? socket.io : socket) as unknown as Emitter;
  for (const [event, handler] of entries) emitterFor(event).on(event, handler);
  return () => {
    for (const [event, handler] of entries) emitterFor(event).off(event, handler);
  };
}
