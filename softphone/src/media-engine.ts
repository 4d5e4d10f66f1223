import type { SessionDescriptionHandler, SessionDescriptionHandlerFactory } from 'sip.js';

/** An audio device as the browser lists it. */
export interface AudioDevice {
  readonly deviceId: string;
  /** Empty until the page has been granted microphone permission (a browser privacy rule). */
  readonly label: string;
  readonly groupId: string;
}

export interface AudioDevices {
  readonly inputs: readonly AudioDevice[];
  readonly outputs: readonly AudioDevice[];
  /** The ids chosen with setInputDevice/setOutputDevice; undefined = the browser default. */
  readonly selectedInputId: string | undefined;
  readonly selectedOutputId: string | undefined;
}

/**
 * Everything the softphone needs from media, kept behind one interface so the SIP logic runs
 * in Node tests (with a fake) and WebRTC stays in one browser-only file.
 *
 * The softphone calls these methods only with handlers produced by this engine's own factory.
 */
export interface MediaEngine {
  /**
   * Handed to sip.js as `sessionDescriptionHandlerFactory`. The handlers it makes:
   * - MUST honour `sessionDescriptionHandlerOptions.hold` (true: offer/answer sendonly or
   *   inactive; false: back to sendrecv), as sip.js's web handler does;
   * - MUST read `iceGatheringTimeout` and `peerConnectionConfiguration` from the factory
   *   options the user agent passes in.
   */
  readonly sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory;

  /** The call's media is up: MUST start playing the remote audio on the chosen output. */
  attachRemoteAudio(handler: SessionDescriptionHandler): void;

  /**
   * The call ended: MUST stop playing remote audio. The handler may already be closed. Given a
   * handler, MUST stop only if that handler's audio is what plays (during a consult the other
   * line may be playing).
   */
  detachRemoteAudio(handler?: SessionDescriptionHandler): void;

  /**
   * Sends or silences the microphone (mute, and hold so the customer does not hear the agent).
   * MUST NOT renegotiate: it only enables or disables the local track.
   */
  setSending(handler: SessionDescriptionHandler, enabled: boolean): void;

  /** Plays or silences the remote audio without renegotiating (used while on hold). */
  setReceiving(handler: SessionDescriptionHandler, enabled: boolean): void;

  /** Routes remote audio to this output. MUST reject with SoftphoneError DEVICE if unsupported. */
  setOutputDevice(deviceId: string): Promise<void>;

  /**
   * Uses this microphone for later calls and, if `handler` is given, swaps it into that call
   * without renegotiating. The new track starts enabled: the caller re-applies mute.
   */
  setInputDevice(deviceId: string, handler: SessionDescriptionHandler | undefined): Promise<void>;

  listDevices(): Promise<AudioDevices>;

  /** Releases what the engine holds (audio element, streams). */
  dispose(): void;
}
