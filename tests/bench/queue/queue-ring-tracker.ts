// Joins a queue call's two legs. The caller's INVITE and the agent's INVITE are separate dialogs
// in a B2BUA; the switch puts its own call id (X-Kefu-Call-Id) on the caller's provisional
// responses (182 Queued) and on the agent's INVITE. Either may be seen first, so both sides wait
// for the other.
import { HEADER_CALL_ID } from '../../../contract/sip-headers.js';
import type { CallTracker } from '../switch/caller.js';
import { header, type SipMessage } from '../switch/sip-wire.js';

const nsToMs = (ns: bigint): number => Number(ns) / 1e6;
const CALL_ID_HEADER = HEADER_CALL_ID.toLowerCase();

export class QueueRingTracker implements CallTracker {
  readonly sentAt = new Map<number, bigint>();
  /** Caller's INVITE sent → the agent's phone receives the INVITE (and answers it with 180 at once). */
  readonly ringingMs: number[] = [];
  /** Caller's INVITE sent → the caller receives 180 Ringing (relayed from the agent's phone). */
  readonly ringbackMs: number[] = [];
  /** Agent INVITEs whose call was never tied to a caller's INVITE. */
  unmatched = 0;
  private readonly sentBySwitchId = new Map<string, bigint>();
  private readonly agentInviteAt = new Map<string, bigint>();
  private readonly rangBack = new Set<number>();

  callerResponse = (n: number, msg: SipMessage, at: bigint): void => {
    const sent = this.sentAt.get(n);
    if (sent === undefined) return;
    if (msg.status === 180 && !this.rangBack.has(n)) {
      this.rangBack.add(n);
      this.ringbackMs.push(nsToMs(at - sent));
    }
    const id = header(msg, CALL_ID_HEADER);
    if (!id || this.sentBySwitchId.has(id)) return;
    const agentAt = this.agentInviteAt.get(id);
    if (agentAt !== undefined) {
      this.agentInviteAt.delete(id);
      this.ringingMs.push(nsToMs(agentAt - sent));
      this.sentBySwitchId.set(id, -1n);
    } else this.sentBySwitchId.set(id, sent);
  };

  onAgentInvite = (msg: SipMessage, at: bigint): void => {
    const id = header(msg, CALL_ID_HEADER);
    if (!id) {
      this.unmatched++;
      return;
    }
    const sent = this.sentBySwitchId.get(id);
    if (sent === undefined) {
      if (!this.agentInviteAt.has(id)) this.agentInviteAt.set(id, at);
      return;
    }
    if (sent < 0n) return; // a later offer of the same call: only the first counts
    this.sentBySwitchId.set(id, -1n);
    this.ringingMs.push(nsToMs(at - sent));
  };

  /** Agent INVITEs never tied to a caller's INVITE (call this once the run is over). */
  finish(): void {
    this.unmatched += this.agentInviteAt.size;
    this.agentInviteAt.clear();
  }
}
