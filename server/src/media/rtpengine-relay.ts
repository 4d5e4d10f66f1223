// The switch's media relay over rtpengine: which flag set each leg gets (leg-flags.ts), and the
// prompts it plays to callers (prompts.ts).
import type { NgClient } from './ng/ng-client.js';
import { G711_ONLY, TOWARD_BROWSER, TOWARD_TRUNK } from './ng/leg-flags.js';
import { DEFAULT_PROMPTS_DIR, promptFile, type CallerPrompt } from './prompts.js';

type LegKind = 'browser' | 'trunk';
const FLAGS = { browser: TOWARD_BROWSER, trunk: TOWARD_TRUNK } as const;
/** A browser's offer toward a carrier keeps only G.711 and telephone-event (no transcoding). */
const OFFER_FLAGS = { browser: TOWARD_BROWSER, trunk: { ...TOWARD_TRUNK, ...G711_ONLY } } as const;
/** rtpengine's largest repeat count; a hold tune "for ever" is this many rounds. */
const FOREVER = 10_000;

/** Shaped as the switch's MediaRelay port (server/src/switch/ports.ts), which it is given as. */
export class RtpengineRelay {
  private readonly promptsDir: string;
  private readonly language: string;

  constructor(
    private readonly ng: NgClient,
    /** Where the prompts are (an external rtpengine must see them at that path) and their default language. */
    o: { promptsDir?: string; language?: string } = {},
  ) {
    this.promptsDir = o.promptsDir ?? DEFAULT_PROMPTS_DIR;
    this.language = o.language ?? 'en';
  }

  offerTowardBrowser(sipCallId: string, callerTag: string, sdp: string): Promise<string> {
    return this.ng.offer({ callId: sipCallId, fromTag: callerTag, sdp, flags: TOWARD_BROWSER });
  }

  answerTowardTrunk(sipCallId: string, callerTag: string, agentTag: string, sdp: string): Promise<string> {
    return this.ng.answer({ callId: sipCallId, fromTag: callerTag, toTag: agentTag, sdp, flags: TOWARD_TRUNK });
  }

  reoffer(sipCallId: string, fromTag: string, toTag: string, sdp: string, toward: LegKind): Promise<string> {
    return this.ng.offer({ callId: sipCallId, fromTag, toTag, sdp, flags: OFFER_FLAGS[toward] });
  }

  reanswer(sipCallId: string, offererTag: string, answererTag: string, sdp: string, toward: LegKind): Promise<string> {
    return this.ng.answer({ callId: sipCallId, fromTag: offererTag, toTag: answererTag, sdp, flags: FLAGS[toward] });
  }

  async play(sipCallId: string, hearerTag: string, prompt: CallerPrompt, repeat: boolean): Promise<number> {
    const reply = await this.ng.command('play media', {
      'call-id': sipCallId,
      'from-tag': hearerTag,
      file: promptFile({ ...prompt, language: prompt.language ?? this.language }, this.promptsDir),
      'repeat-times': repeat ? FOREVER : 1,
    });
    return typeof reply.duration === 'number' ? reply.duration : 0;
  }

  async stopPlaying(sipCallId: string, hearerTag: string): Promise<void> {
    // "Not playing" is not an error: the prompt may have ended on its own.
    await this.ng.command('stop media', { 'call-id': sipCallId, 'from-tag': hearerTag }, { tolerate: true });
  }

  async block(sipCallId: string, tag: string, blocked: boolean): Promise<void> {
    await this.ng.command(blocked ? 'block media' : 'unblock media', { 'call-id': sipCallId, 'from-tag': tag });
  }

  /**
   * Starts recording the call; `metadata` is written beside the pcap when it stops. A pause
   * (card numbers) is a stop and a later start: each stretch is its own file (rtpengine 10.5
   * has no pause), and what happened between them is never captured.
   */
  async startRecording(sipCallId: string, metadata: string): Promise<void> {
    await this.ng.command('start recording', { 'call-id': sipCallId, metadata });
  }

  async stopRecording(sipCallId: string): Promise<void> {
    await this.ng.command('stop recording', { 'call-id': sipCallId });
  }

  release(sipCallId: string): Promise<void> {
    return this.ng.delete(sipCallId);
  }
}
