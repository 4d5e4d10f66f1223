// Where a monitoring session's events go: to one socket (the supervisor's page, the agent's
// console that answered), or to every console of the agent before one has answered.
import type { ServerToClientEvents } from '../../../../contract/index.js';
import { userRoom, type KefuIo } from '../../platform/realtime/socket-server.js';

type MonitorEvent = Extract<keyof ServerToClientEvents, `monitor:${string}`>;
type PayloadOf<E extends MonitorEvent> = Parameters<ServerToClientEvents[E]>[0];

export interface MonitorNotifier {
  toUser<E extends MonitorEvent>(userId: number, event: E, payload: PayloadOf<E>): void;
  toSocket<E extends MonitorEvent>(socketId: string, event: E, payload: PayloadOf<E>): void;
}

export function socketMonitorNotifier(io: () => KefuIo | null): MonitorNotifier {
  const emit = (room: string, event: MonitorEvent, payload: unknown): void => {
    const server = io();
    // One cast at the edge: the public methods above keep event and payload paired.
    if (server) (server.to(room) as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
  };
  return {
    toUser: (userId, event, payload) => emit(userRoom(userId), event, payload),
    // Socket.IO puts every socket in a room named by its id.
    toSocket: (socketId, event, payload) => emit(socketId, event, payload),
  };
}
