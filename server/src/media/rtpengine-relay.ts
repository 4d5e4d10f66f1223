// The switch's media relay over rtpengine: which flag set each leg gets (leg-flags.ts).
import type { NgClient } from './ng/ng-client.js';
import { TOWARD_BROWSER, TOWARD_TRUNK } from './ng/leg-flags.js';

/** Shaped as the switch's MediaRelay port (server/src/switch/ports.ts), which it is given as. */
export class RtpengineRelay {
  constructor(private readonly ng: NgClient) {}

  offerTowardBrowser(sipCallId: string, callerTag: string, sdp: string): Promise<string> {
    return this.ng.offer({ callId: sipCallId, fromTag: callerTag, sdp, flags: TOWARD_BROWSER });
  }

  answerTowardTrunk(sipCallId: string, callerTag: string, agentTag: string, sdp: string): Promise<string> {
    return this.ng.answer({ callId: sipCallId, fromTag: callerTag, toTag: agentTag, sdp, flags: TOWARD_TRUNK });
  }

  release(sipCallId: string): Promise<void> {
    return this.ng.delete(sipCallId);
  }
}
