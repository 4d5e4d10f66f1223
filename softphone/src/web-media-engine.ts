import { Web } from 'sip.js';
import type { Session, SessionDescriptionHandler, SessionDescriptionHandlerFactory } from 'sip.js';
import type { AudioDevice, AudioDevices, MediaEngine } from './media-engine.js';
import { SoftphoneError, toSoftphoneError } from './softphone-error.js';

export interface WebMediaEngineOptions {
  /** Element that plays the remote audio; one is created (not attached to the page) if absent. */
  readonly audioElement?: HTMLAudioElement;
  readonly inputDeviceId?: string;
  readonly outputDeviceId?: string;
  /** Injected in tests; defaults to `navigator.mediaDevices`. */
  readonly mediaDevices?: MediaDevices;
}

/**
 * sip.js's WebRTC handler with two additions: swapping the microphone during a call (the base
 * class does that swap in a protected method; this exposes it) and rolling back an offer.
 */
export class KefuSessionDescriptionHandler extends Web.SessionDescriptionHandler {
  replaceLocalStream(stream: MediaStream): Promise<void> {
    return this.setLocalMediaStream(stream);
  }

  /**
   * sip.js 0.21's web handler has no rollback, so after a refused or failed re-INVITE the peer
   * connection stayed in have-local-offer and took the far end's next offer for an answer
   * (seen against Kamailio: 488 "Incompatible receive direction" on the next resume).
   */
  async rollbackDescription(): Promise<void> {
    const pc = this.peerConnection;
    if (pc?.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
  }
}

/** The browser media engine: WebRTC through sip.js, audio through an HTMLAudioElement. */
export class WebMediaEngine implements MediaEngine {
  private readonly audio: HTMLAudioElement;
  private inputDeviceId: string | undefined;
  private outputDeviceId: string | undefined;

  constructor(private readonly options: WebMediaEngineOptions = {}) {
    this.audio = options.audioElement ?? document.createElement('audio');
    this.audio.autoplay = true;
    this.inputDeviceId = options.inputDeviceId;
    this.outputDeviceId = options.outputDeviceId;
  }

  /**
   * Same as sip.js's default factory (it reads `iceGatheringTimeout` and
   * `peerConnectionConfiguration` from the user agent's factory options) except that the
   * microphone comes from `getUserMedia` with the chosen input device.
   */
  readonly sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory = (session: Session, options?: object) => {
    const factoryOptions = (options ?? {}) as Web.SessionDescriptionHandlerFactoryOptions;
    const configuration: Web.SessionDescriptionHandlerConfiguration = {
      iceGatheringTimeout: factoryOptions.iceGatheringTimeout ?? 200,
      peerConnectionConfiguration: {
        ...Web.defaultPeerConnectionConfiguration(),
        ...factoryOptions.peerConnectionConfiguration,
      },
    };
    const logger = session.userAgent.getLogger('sip.SessionDescriptionHandler');
    return new KefuSessionDescriptionHandler(logger, () => this.microphone(), configuration);
  };

  attachRemoteAudio(handler: SessionDescriptionHandler): void {
    const web = asWebHandler(handler);
    // The remote stream object lives as long as the handler and gains its track when the
    // first RTP arrives, so attaching it once is enough.
    this.audio.srcObject = web.remoteMediaStream;
    if (this.outputDeviceId !== undefined) void this.applySink(this.outputDeviceId).catch(() => {});
    void this.audio.play().catch(() => {
      // Autoplay refused before any user gesture; the element keeps autoplay set and plays
      // at the next gesture. Nothing useful to report to the agent.
    });
  }

  detachRemoteAudio(handler?: SessionDescriptionHandler): void {
    if (handler instanceof Web.SessionDescriptionHandler && this.audio.srcObject !== handler.remoteMediaStream) return;
    this.audio.pause();
    this.audio.srcObject = null;
  }

  setSending(handler: SessionDescriptionHandler, enabled: boolean): void {
    const pc = asWebHandler(handler).peerConnection;
    if (!pc) return; // closed: nothing left to silence
    for (const sender of pc.getSenders()) {
      if (sender.track?.kind === 'audio') sender.track.enabled = enabled;
    }
  }

  setReceiving(handler: SessionDescriptionHandler, enabled: boolean): void {
    const pc = asWebHandler(handler).peerConnection;
    if (!pc) return;
    for (const receiver of pc.getReceivers()) {
      if (receiver.track.kind === 'audio') receiver.track.enabled = enabled;
    }
  }

  async setOutputDevice(deviceId: string): Promise<void> {
    await this.applySink(deviceId);
    this.outputDeviceId = deviceId;
  }

  async setInputDevice(deviceId: string, handler: SessionDescriptionHandler | undefined): Promise<void> {
    const previous = this.inputDeviceId;
    this.inputDeviceId = deviceId;
    if (!handler) return;
    const web = asWebHandler(handler);
    if (!(web instanceof KefuSessionDescriptionHandler)) {
      throw new SoftphoneError('DEVICE', 'This call was not set up by the kefu media engine');
    }
    try {
      await web.replaceLocalStream(await this.microphone());
    } catch (error) {
      this.inputDeviceId = previous;
      throw toSoftphoneError('DEVICE', 'Could not switch the microphone', error);
    }
  }

  async listDevices(): Promise<AudioDevices> {
    const devices = await this.mediaDevices().enumerateDevices();
    const pick = (kind: MediaDeviceKind): AudioDevice[] =>
      devices
        .filter((d) => d.kind === kind)
        .map((d) => ({ deviceId: d.deviceId, label: d.label, groupId: d.groupId }));
    return {
      inputs: pick('audioinput'),
      outputs: pick('audiooutput'),
      selectedInputId: this.inputDeviceId,
      selectedOutputId: this.outputDeviceId,
    };
  }

  dispose(): void {
    this.detachRemoteAudio();
  }

  private async applySink(deviceId: string): Promise<void> {
    // setSinkId: Chrome, Edge, Firefox 116+; missing in Safari.
    const element = this.audio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    if (typeof element.setSinkId !== 'function') {
      throw new SoftphoneError('DEVICE', 'This browser cannot choose the audio output device');
    }
    try {
      await element.setSinkId(deviceId);
    } catch (error) {
      throw toSoftphoneError('DEVICE', 'Could not switch the audio output', error);
    }
  }

  private async microphone(): Promise<MediaStream> {
    const audio: MediaTrackConstraints = {
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
      ...(this.inputDeviceId === undefined ? {} : { deviceId: { exact: this.inputDeviceId } }),
    };
    try {
      return await this.mediaDevices().getUserMedia({ audio, video: false });
    } catch (error) {
      throw toSoftphoneError('MEDIA', 'Microphone unavailable', error);
    }
  }

  private mediaDevices(): MediaDevices {
    const devices = this.options.mediaDevices ?? globalThis.navigator?.mediaDevices;
    // navigator.mediaDevices only exists in secure contexts (https or localhost).
    if (!devices) throw new SoftphoneError('MEDIA', 'Media devices need a secure context (https)');
    return devices;
  }
}

function asWebHandler(handler: SessionDescriptionHandler): Web.SessionDescriptionHandler {
  if (!(handler instanceof Web.SessionDescriptionHandler)) {
    throw new Error('WebMediaEngine got a session description handler it did not create');
  }
  return handler;
}
