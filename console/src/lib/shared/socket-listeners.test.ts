import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { KefuSocket } from './session.svelte.js';
import { listen } from './socket-listeners.js';

describe('socket listeners as one table', () => {
  it('removes exactly the listeners it added, the manager\'s reconnect included, and leaves the others', () => {
    const socket: KefuSocket = io('http://127.0.0.1:9', { autoConnect: false });
    const someoneElse = () => {};
    socket.on('call:offered', someoneElse);
    const stop = listen(socket, { 'call:offered': () => {}, 'call:ended': () => {}, connect: () => {}, reconnect: () => {} });
    expect(socket.listeners('call:offered')).toHaveLength(2);
    expect(socket.listeners('call:ended')).toHaveLength(1);
    expect(socket.listeners('connect')).toHaveLength(1);
    expect(socket.io.listeners('reconnect')).toHaveLength(1);
    stop();
    expect(socket.listeners('call:offered')).toEqual([someoneElse]);
    expect(socket.listeners('call:ended')).toHaveLength(0);
    expect(socket.listeners('connect')).toHaveLength(0);
    expect(socket.io.listeners('reconnect')).toHaveLength(0);
  });
});
