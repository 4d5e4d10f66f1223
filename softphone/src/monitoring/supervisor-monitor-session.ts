// The supervisor's end of a monitoring session (browser only): one peer connection that
// receives the mix of the call and sends the supervisor's microphone, which stays switched off
// at the source while only listening. Mode changes never renegotiate.
import type { MonitorMode } from '../../../contract/monitoring.js';
import { supervisorSpeaks } from './mix-rules.js';
import { localDescriptionGathered } from './peer-connection.js';

export interface SupervisorMonitorOptions {
  mode: MonitorMode;
  /** Plays the call; one is made (not attached to the page) if absent. */
  audioElement?: HTMLAudioElement;
  configuration?: RTCConfiguration;
  /** The microphone; defaults to getUserMedia({ audio: true }). */
  microphone?: () => Promise<MediaStream>;
}

export class SupervisorMonitorSession {
  readonly peer: RTCPeerConnection;
  private readonly audio: HTMLAudioElement;
  private mic: MediaStreamTrack | null = null;
  private current: MonitorMode;

  private constructor(private readonly options: SupervisorMonitorOptions) {
    this.current = options.mode;
    this.peer = new RTCPeerConnection(options.configuration ?? {});
    this.audio = options.audioElement ?? document.createElement('audio');
    this.audio.autoplay = true;
    this.peer.addEventListener('track', (e) => {
      this.audio.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      void this.audio.play().catch(() => {});
    });
  }

  /** Opens the microphone and makes the offer to send to the agent's softphone. */
  static async offer(options: SupervisorMonitorOptions): Promise<{ session: SupervisorMonitorSession; offer: string }> {
    const session = new SupervisorMonitorSession(options);
    try {
      const stream = await (options.microphone ?? (() => navigator.mediaDevices.getUserMedia({ audio: true, video: false })))().catch((error: unknown) => {
        // Listening needs no microphone; coaching and joining do.
        if (options.mode === 'listen') return null;
        throw error;
      });
      session.mic = stream?.getAudioTracks()[0] ?? null;
      if (session.mic && stream) session.peer.addTrack(session.mic, stream);
      else session.peer.addTransceiver('audio', { direction: 'recvonly' });
      session.applyMode();
      const offer = await localDescriptionGathered(session.peer, await session.peer.createOffer());
      return { session, offer };
    } catch (error) {
      session.close();
      throw error;
    }
  }

  /** The agent's softphone answered. */
  accept(answer: string): Promise<void> {
    return this.peer.setRemoteDescription({ type: 'answer', sdp: answer });
  }

  get mode(): MonitorMode {
    return this.current;
  }

  setMode(mode: MonitorMode): void {
    this.current = mode;
    this.applyMode();
  }

  close(): void {
    this.mic?.stop();
    this.peer.close();
    this.audio.pause();
    this.audio.srcObject = null;
  }

  private applyMode(): void {
    if (this.mic) this.mic.enabled = supervisorSpeaks(this.current);
  }
}
