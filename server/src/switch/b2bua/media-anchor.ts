// A trunk call's media anchored in the media plane: the SDP each leg sees is the relay's.
import type { Logger } from 'pino';
import type { Body } from '../message/build.js';
import type { MediaRelay } from '../ports.js';

const SDP = 'application/sdp';

export class MediaAnchor {
  /** The carrier's offer as the agents' browsers get it; made once, when the call arrives. */
  readonly towardAgents: Promise<Body>;
  private released = false;

  constructor(
    private readonly relay: MediaRelay,
    private readonly sipCallId: string,
    private readonly callerTag: string,
    callerOffer: Body,
    private readonly log: Logger,
  ) {
    this.towardAgents = relay.offerTowardBrowser(sipCallId, callerTag, callerOffer.content).then((content) => ({ contentType: SDP, content }));
    // A failure is acted on by whoever awaits it; this only keeps it from going unhandled.
    this.towardAgents.catch(() => {});
  }

  async towardCaller(agentTag: string, agentAnswer: Body): Promise<Body> {
    const content = await this.relay.answerTowardTrunk(this.sipCallId, this.callerTag, agentTag, agentAnswer.content);
    return { contentType: SDP, content };
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.relay.release(this.sipCallId).catch((err: unknown) => this.log.warn({ err }, 'Media relay did not release a call'));
  }
}
