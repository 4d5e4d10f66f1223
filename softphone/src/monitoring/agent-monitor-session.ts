// The agent's end of a monitoring session (browser only). The agent's softphone answers the
// supervisor's offer with the mix of the call's two voices, plays the supervisor when coaching,
// and, only while barging, sends the caller the agent and the supervisor mixed in place of the
// plain microphone (without renegotiating the call: replaceTrack). Never shown as a call.
import type { MonitorMode } from '../../../contract/monitoring.js';
import { callerHearsMix } from './mix-rules.js';
import { MonitorMixer, type MixContext } from './monitor-mixer.js';
import { audioTrackOf, localDescriptionGathered } from './peer-connection.js';

export interface AgentMonitorOptions {
  /** The call's peer connection: the caller's voice arrives on it and the agent's leaves on it. */
  call: RTCPeerConnection;
  mode: MonitorMode;
  /** The ICE servers and the like of the agent's calls. */
  configuration?: RTCConfiguration;
}

export class AgentMonitorSession {
  readonly peer: RTCPeerConnection;
  private readonly ctx: AudioContext;
  private readonly mixer: MonitorMixer<MediaStream>;
  private readonly sender: RTCRtpSender;
  private readonly microphone: MediaStreamTrack;
  /** Keeps the supervisor's stream flowing: Chrome feeds WebAudio a remote track reliably only while an element plays it. */
  private readonly keepAlive: HTMLAudioElement;
  private closed = false;

  private constructor(options: AgentMonitorOptions) {
    const sender = options.call.getSenders().find((s) => s.track?.kind === 'audio');
    const caller = audioTrackOf(options.call, 'receiving');
    if (!sender?.track || !caller) throw new Error('The call has no audio to monitor');
    this.sender = sender;
    this.microphone = sender.track;
    this.ctx = new AudioContext();
    this.mixer = new MonitorMixer(this.ctx as unknown as MixContext<MediaStream>, { caller: new MediaStream([caller]), agent: new MediaStream([this.microphone]) }, options.mode);
    this.keepAlive = document.createElement('audio');
    this.keepAlive.muted = true;
    this.peer = new RTCPeerConnection(options.configuration ?? {});
    const toSupervisor = this.mixer.toSupervisor;
    for (const track of toSupervisor.getAudioTracks()) this.peer.addTrack(track, toSupervisor);
    this.peer.addEventListener('track', (e) => {
      const stream = e.streams[0] ?? new MediaStream([e.track]);
      this.keepAlive.srcObject = stream;
      void this.keepAlive.play().catch(() => {});
      this.mixer.addSupervisor(stream);
    });
  }

  /** Answers the supervisor's offer; resolves with the answer to send back. */
  static async answer(offer: string, options: AgentMonitorOptions): Promise<{ session: AgentMonitorSession; answer: string }> {
    const session = new AgentMonitorSession(options);
    try {
      // A context made outside a click may start suspended; the agent has used the page before.
      await session.ctx.resume();
      await session.peer.setRemoteDescription({ type: 'offer', sdp: offer });
      const answer = await localDescriptionGathered(session.peer, await session.peer.createAnswer());
      await session.applyCallAudio();
      return { session, answer };
    } catch (error) {
      await session.close();
      throw error;
    }
  }

  get mode(): MonitorMode {
    return this.mixer.mode;
  }

  async setMode(mode: MonitorMode): Promise<void> {
    if (this.closed) return;
    this.mixer.setMode(mode);
    await this.applyCallAudio();
  }

  /** Ends the session and gives the call back its plain microphone. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.sendToCaller(this.microphone).catch(() => {});
    this.peer.close();
    this.mixer.close();
    this.keepAlive.srcObject = null;
    await this.ctx.close().catch(() => {});
  }

  private applyCallAudio(): Promise<void> {
    const mixed = this.mixer.toCaller.getAudioTracks()[0];
    return this.sendToCaller(callerHearsMix(this.mixer.mode) && mixed ? mixed : this.microphone);
  }

  private async sendToCaller(track: MediaStreamTrack): Promise<void> {
    const current = this.sender.track;
    if (current === track) return;
    // Mute travels with the track the call sends: the agent's mute stays as it was.
    if (current) track.enabled = current.enabled;
    await this.sender.replaceTrack(track);
  }
}
