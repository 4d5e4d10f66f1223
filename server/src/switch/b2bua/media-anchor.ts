// A trunk call's media anchored in the media plane: the SDP each leg sees is the relay's, and
// the relay plays what the caller hears while no agent talks (queue prompts, hold music).
import type { Logger } from 'pino';
import type { Body } from '../message/build.js';
import type { CallerPrompt, CallRecordingHandle, MediaRelay } from '../ports.js';
import { placeholderAnswer } from './sdp.js';

const SDP = 'application/sdp';
/**
 * The relay's name for the agent's side of the call, whichever agent (or phone) answers: the
 * queue's placeholder, the agent who answers and anyone after them are the same party to it.
 */
export const AGENT_SIDE_TAG = 'kefu-agent-side';

export class MediaAnchor {
  /** The carrier's offer as the agents' browsers get it; made once, when the call arrives. */
  readonly towardAgents: Promise<Body>;
  /** The relay's answer to the carrier for the queue's placeholder party (early media). */
  private early: Promise<Body> | undefined;
  private music = false;
  private released = false;
  /** Settles once the relay has let the call go (its recording files are then complete). */
  private readonly relayDone: Promise<void>;
  private markRelayDone: () => void = () => {};

  constructor(
    private readonly relay: MediaRelay,
    private readonly sipCallId: string,
    private readonly callerTag: string,
    private readonly callerOffer: Body,
    private readonly log: Logger,
  ) {
    this.towardAgents = relay.offerTowardBrowser(sipCallId, callerTag, callerOffer.content).then((content) => ({ contentType: SDP, content }));
    // A failure is acted on by whoever awaits it; this only keeps it from going unhandled.
    this.towardAgents.catch(() => {});
    this.relayDone = new Promise((resolve) => (this.markRelayDone = resolve));
  }

  /** The call's recording: stretches started and stopped in the relay, complete once released. */
  recording(): CallRecordingHandle {
    return {
      sipCallId: this.sipCallId,
      callerSource: mediaAddressOf(this.callerOffer.content),
      start: (metadata) => (this.released ? Promise.reject(new Error('the call is over')) : this.relay.startRecording(this.sipCallId, metadata)),
      stop: () => (this.released ? Promise.resolve() : this.relay.stopRecording(this.sipCallId)),
      released: this.relayDone,
    };
  }

  /**
   * The caller's side of the call while it waits: the relay answers the carrier for a
   * placeholder party, so what it plays reaches the caller before any agent answers (183).
   */
  earlyMedia(): Promise<Body> {
    this.early ??= this.towardAgents.then(async () => {
      const content = await this.relay.answerTowardTrunk(this.sipCallId, this.callerTag, AGENT_SIDE_TAG, placeholderAnswer(this.callerOffer.content));
      return { contentType: SDP, content };
    });
    return this.early;
  }

  /**
   * What the agents' phones are offered: the first offer, given once the placeholder has
   * answered (so the agent's answer always comes second). A fresh offer after the placeholder
   * would break DTLS with Chromium (it connects ICE, then fails); a second answer does not.
   */
  offerForAgents(): Promise<Body> {
    return this.earlyMedia().then(() => this.towardAgents);
  }

  async towardCaller(agentAnswer: Body): Promise<Body> {
    // The queue's prompts stop when the agent's voice starts.
    await this.stopPlaying();
    // The agent's answer replaces the placeholder's (the same party to the relay), so the
    // carrier keeps the port it was given in the 183.
    const content = await this.relay.answerTowardTrunk(this.sipCallId, this.callerTag, AGENT_SIDE_TAG, agentAnswer.content);
    return { contentType: SDP, content };
  }

  /** A re-INVITE's offer from one side, rewritten for the other side's kind of leg. */
  async reoffer(from: 'caller' | 'agent', offer: Body): Promise<Body> {
    const [fromTag, toTag] = this.tags(from);
    const content = await this.relay.reoffer(this.sipCallId, fromTag, toTag, offer.content, from === 'caller' ? 'browser' : 'trunk');
    return { contentType: SDP, content };
  }

  /** The answer to a `reoffer` from `offerer`, rewritten for the offerer's kind of leg. */
  async reanswer(offerer: 'caller' | 'agent', answer: Body): Promise<Body> {
    const [fromTag, toTag] = this.tags(offerer);
    const content = await this.relay.reanswer(this.sipCallId, fromTag, toTag, answer.content, offerer === 'caller' ? 'trunk' : 'browser');
    return { contentType: SDP, content };
  }

  /** Plays a prompt to the caller; resolves with its length in ms (0 when the relay failed). */
  playToCaller(prompt: CallerPrompt, repeat = false): Promise<number> {
    if (this.released) return Promise.resolve(0);
    return this.relay.play(this.sipCallId, this.callerTag, prompt, repeat).catch((err: unknown) => {
      this.log.warn({ err, prompt: prompt.name }, 'The media relay did not play a prompt to the caller');
      return 0;
    });
  }

  stopPlaying(): Promise<void> {
    if (this.released) return Promise.resolve();
    return this.relay.stopPlaying(this.sipCallId, this.callerTag).catch((err: unknown) => {
      this.log.warn({ err }, 'The media relay did not stop a prompt');
    });
  }

  /**
   * The agent held the caller: the caller hears the hold tune, and the agent's side is kept out
   * of it (the player's stream goes beside forwarded audio). Never played toward the browser:
   * Chrome would stay on the player's stream afterwards.
   */
  async holdMusic(on: boolean): Promise<void> {
    if (on === this.music || this.released) return;
    this.music = on;
    try {
      if (on) {
        await this.relay.block(this.sipCallId, AGENT_SIDE_TAG, true);
        await this.relay.play(this.sipCallId, this.callerTag, { name: 'music' }, true);
      } else {
        await this.relay.stopPlaying(this.sipCallId, this.callerTag);
        await this.relay.block(this.sipCallId, AGENT_SIDE_TAG, false);
      }
    } catch (err) {
      this.log.warn({ err, on }, 'The media relay did not switch the hold music');
    }
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.relay
      .release(this.sipCallId)
      .catch((err: unknown) => this.log.warn({ err }, 'Media relay did not release a call'))
      .finally(() => this.markRelayDone());
  }

  private tags(from: 'caller' | 'agent'): [string, string] {
    return from === 'caller' ? [this.callerTag, AGENT_SIDE_TAG] : [AGENT_SIDE_TAG, this.callerTag];
  }
}

/** The audio's host:port in an SDP (session or media c= line, first m=audio); null when absent. */
function mediaAddressOf(sdp: string): string | null {
  const audio = /^m=audio (\d+)/m.exec(sdp);
  const host = /^c=IN IP4 ([0-9.]+)/m.exec(sdp.slice(audio?.index ?? 0)) ?? /^c=IN IP4 ([0-9.]+)/m.exec(sdp);
  return audio && host ? `${host[1]}:${audio[1]}` : null;
}
