import { EmitterImpl, TransportState } from 'sip.js';
import type { Core, Emitter, Transport } from 'sip.js';
import type { FakeSipHub } from './fake-sip-hub.js';

export interface FakeTransportOptions {
  readonly hub: FakeSipHub;
}

/**
 * An in-process stand-in for sip.js's WebSocket transport, connected to a FakeSipHub. It follows
 * the state rules of sip.js's Transport interface (see api/transport.d.ts), which the user agent
 * depends on: Connecting before connect() returns, onDisconnect only when leaving Connected,
 * with an error when the network (not the user) ended it.
 *
 * Everything crosses the "network" on a later microtask, as a socket would, never synchronously:
 * sip.js forbids its callbacks from re-entering connect().
 */
export class FakeTransport implements Transport {
  readonly protocol = 'WSS';
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  private _state = TransportState.Disconnected;
  private readonly stateEmitter = new EmitterImpl<TransportState>();
  private connecting: Promise<void> | undefined;
  private readonly hub: FakeSipHub;

  constructor(_logger: Core.Logger, options: FakeTransportOptions) {
    this.hub = options.hub;
  }

  get state(): TransportState {
    return this._state;
  }

  get stateChange(): Emitter<TransportState> {
    return this.stateEmitter;
  }

  isConnected(): boolean {
    return this._state === TransportState.Connected;
  }

  connect(): Promise<void> {
    if (this._state === TransportState.Connected) return Promise.resolve();
    if (this.connecting) return this.connecting;
    this.transition(TransportState.Connecting);
    this.connecting = Promise.resolve().then(() => {
      this.connecting = undefined;
      if (this._state !== TransportState.Connecting) throw new Error('Connect aborted');
      if (!this.hub.accept(this)) {
        const error = new Error('Connection refused');
        this.transition(TransportState.Disconnected, error);
        throw error;
      }
      this.transition(TransportState.Connected);
    });
    return this.connecting;
  }

  disconnect(): Promise<void> {
    if (this._state === TransportState.Disconnected) return Promise.resolve();
    this.hub.release(this);
    this.transition(TransportState.Disconnecting);
    this.transition(TransportState.Disconnected);
    return Promise.resolve();
  }

  dispose(): Promise<void> {
    return this.disconnect();
  }

  send(message: string): Promise<void> {
    if (!this.isConnected()) return Promise.reject(new Error(`Cannot send while ${this._state}`));
    void Promise.resolve().then(() => this.hub.receive(this, message));
    return Promise.resolve();
  }

  /** Called by the hub: a message arrives from the network. */
  deliver(message: string): void {
    if (this.isConnected()) this.onMessage?.(message);
  }

  /** Called by the hub: the network went away under us (cable pulled, server restarted). */
  lose(): void {
    if (this._state !== TransportState.Connected) return;
    this.transition(TransportState.Disconnected, new Error('Connection lost'));
  }

  private transition(state: TransportState, error?: Error): void {
    const previous = this._state;
    this._state = state;
    this.stateEmitter.emit(state);
    if (state === TransportState.Connected) this.onConnect?.();
    if (previous === TransportState.Connected) this.onDisconnect?.(error);
  }
}
