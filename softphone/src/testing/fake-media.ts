import type {
  BodyAndContentType,
  Session,
  SessionDescriptionHandler,
  SessionDescriptionHandlerFactory,
  SessionDescriptionHandlerOptions,
} from 'sip.js';
import type { AudioDevices, MediaEngine } from '../media-engine.js';
import type { Ringtone } from '../ringtone.js';
import { SoftphoneError } from '../softphone-error.js';

type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/**
 * A session description handler without WebRTC: canned SDP whose a= direction line follows
 * the offer/answer rules sip.js's web handler applies for hold, so tests can read hold on the
 * wire. It also records what the softphone asked of the media.
 */
export class FakeSessionDescriptionHandler implements SessionDescriptionHandler {
  readonly dtmfSent: string[] = [];
  localDirection: Direction = 'sendrecv';
  remoteDirection: Direction = 'sendrecv';
  sending = true;
  receiving = true;
  closed = false;
  /** Set false to act like a peer connection without telephone-event. */
  dtmfSupported = true;
  /** Set to make the next description fail, as a refused microphone does. */
  failWith: Error | undefined;
  /** Offer/answer state, kept as WebRTC keeps it, so a stuck offer shows up in tests. */
  signalingState: 'stable' | 'have-local-offer' | 'have-remote-offer' = 'stable';
  private version = 1;

  close(): void {
    this.closed = true;
  }

  getDescription(options?: SessionDescriptionHandlerOptions): Promise<BodyAndContentType> {
    if (this.closed) return Promise.reject(new Error('closed'));
    if (this.failWith) return Promise.reject(this.failWith);
    // `hold` belongs to sip.js's web handler options, a superset of the generic ones.
    const hold = (options as { hold?: boolean } | undefined)?.hold === true;
    if (this.signalingState === 'have-remote-offer') {
      this.signalingState = 'stable';
      this.localDirection = answerTo(this.remoteDirection, hold);
    } else {
      this.signalingState = 'have-local-offer';
      this.localDirection = hold ? 'sendonly' : 'sendrecv';
    }
    return Promise.resolve({ body: cannedSdp(this.localDirection, this.version++), contentType: 'application/sdp' });
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  setDescription(sdp: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error('closed'));
    this.remoteDirection = (/a=(sendrecv|sendonly|recvonly|inactive)/.exec(sdp)?.[1] as Direction) ?? 'sendrecv';
    // Like a peer connection: in have-local-offer whatever arrives is taken as the answer.
    this.signalingState = this.signalingState === 'have-local-offer' ? 'stable' : 'have-remote-offer';
    return Promise.resolve();
  }

  rollbackDescription(): Promise<void> {
    if (this.signalingState === 'have-local-offer') this.signalingState = 'stable';
    return Promise.resolve();
  }

  sendDtmf(tones: string): boolean {
    if (!this.dtmfSupported) return false;
    this.dtmfSent.push(tones);
    return true;
  }
}

function answerTo(offered: Direction, hold: boolean): Direction {
  switch (offered) {
    case 'sendonly':
      return hold ? 'inactive' : 'recvonly';
    case 'recvonly':
      return hold ? 'inactive' : 'sendonly';
    case 'inactive':
      return 'inactive';
    case 'sendrecv':
      return hold ? 'sendonly' : 'sendrecv';
  }
}

function cannedSdp(direction: Direction, version: number): string {
  return [
    'v=0',
    `o=- 4242 ${version} IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 126',
    'c=IN IP4 127.0.0.1',
    'a=rtpmap:111 opus/48000/2',
    'a=rtpmap:126 telephone-event/8000',
    `a=${direction}`,
    '',
  ].join('\r\n');
}

/** MediaEngine for Node tests: hands out fake handlers and records every media decision. */
export class FakeMediaEngine implements MediaEngine {
  readonly handlers: FakeSessionDescriptionHandler[] = [];
  /** Factory options the user agent passed (ICE gathering timeout, ICE servers). */
  readonly factoryOptions: unknown[] = [];
  /** Handlers made from now on fail to describe, as when the microphone is refused. */
  microphoneError: Error | undefined;
  playing: SessionDescriptionHandler | undefined;
  inputDeviceId: string | undefined;
  outputDeviceId: string | undefined;
  readonly devices: AudioDevices = {
    inputs: [{ deviceId: 'mic-1', label: 'Headset microphone', groupId: 'headset' }],
    outputs: [{ deviceId: 'out-1', label: 'Headset', groupId: 'headset' }],
    selectedInputId: undefined,
    selectedOutputId: undefined,
  };

  readonly sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory = (_session: Session, options?: object) => {
    this.factoryOptions.push(options);
    const handler = new FakeSessionDescriptionHandler();
    handler.failWith = this.microphoneError;
    this.handlers.push(handler);
    return handler;
  };

  /** The handler of the most recent call. */
  get last(): FakeSessionDescriptionHandler {
    const handler = this.handlers.at(-1);
    if (!handler) throw new Error('No call media yet');
    return handler;
  }

  attachRemoteAudio(handler: SessionDescriptionHandler): void {
    this.playing = handler;
  }

  detachRemoteAudio(handler?: SessionDescriptionHandler): void {
    if (handler !== undefined && this.playing !== handler) return;
    this.playing = undefined;
  }

  setSending(handler: SessionDescriptionHandler, enabled: boolean): void {
    fake(handler).sending = enabled;
  }

  setReceiving(handler: SessionDescriptionHandler, enabled: boolean): void {
    fake(handler).receiving = enabled;
  }

  setOutputDevice(deviceId: string): Promise<void> {
    if (!this.devices.outputs.some((d) => d.deviceId === deviceId)) {
      return Promise.reject(new SoftphoneError('DEVICE', `No output ${deviceId}`));
    }
    this.outputDeviceId = deviceId;
    return Promise.resolve();
  }

  setInputDevice(deviceId: string, handler: SessionDescriptionHandler | undefined): Promise<void> {
    this.inputDeviceId = deviceId;
    // A swapped-in microphone track starts enabled, like a real one.
    if (handler) fake(handler).sending = true;
    return Promise.resolve();
  }

  listDevices(): Promise<AudioDevices> {
    return Promise.resolve({ ...this.devices, selectedInputId: this.inputDeviceId, selectedOutputId: this.outputDeviceId });
  }

  dispose(): void {
    this.playing = undefined;
  }
}

function fake(handler: SessionDescriptionHandler): FakeSessionDescriptionHandler {
  if (!(handler instanceof FakeSessionDescriptionHandler)) throw new Error('Not a fake handler');
  return handler;
}

export class FakeRingtone implements Ringtone {
  ringing = false;
  starts = 0;

  start(): void {
    if (!this.ringing) this.starts++;
    this.ringing = true;
  }

  stop(): void {
    this.ringing = false;
  }

  dispose(): void {
    this.ringing = false;
  }
}
