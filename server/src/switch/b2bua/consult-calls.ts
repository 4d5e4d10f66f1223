// Consults the switch was told to expect. The ACD picks the colleague (prepare); the agent's web
// phone then dials its consult call, an INVITE naming the caller's call in HEADER_CONSULT_OF,
// from the account of the agent answering that call. That INVITE rings the colleague the ACD
// picked, whatever its Request-URI: a phone cannot consult on a call that is not its own, nor
// ring someone the ACD did not choose. The consult call is a call between two endpoints that
// reports itself with `consultOf`; completing it joins the caller to the colleague
// (consult-join.ts).
import { HEADER_INTERACTION_ID } from '../../../../contract/sip-headers.js';
import type { DirectCall, SwitchEvents } from '../ports.js';
import type { HeaderLine } from '../message/build.js';
import type { SipRequest } from '../message/parse.js';
import type { Binding } from '../registrar/registrar.js';
import { Call, type CallContext } from './call.js';
import { canJoin, joinConsult } from './consult-join.js';
import type { NewFork } from './call-types.js';
import type { Leg } from './leg.js';

interface PendingConsult {
  readonly callId: string;
  readonly agentUserId: number;
  readonly targetUserId: number;
  readonly interactionId: number;
  /** The consult call, once the agent's phone dialled it. */
  consult: Call | null;
}

export interface ConsultCallsDeps {
  readonly ctx: CallContext;
  readonly events: SwitchEvents;
  call(callId: string): Call | undefined;
  bindingsOf(userId: number): Binding[];
  /** The forks that ring `bindings` for `call`, showing the consulting agent as the caller. */
  forks(call: Call, bindings: readonly Binding[], number: string, displayName: string | null, extra: readonly HeaderLine[]): NewFork[];
  /** Tracks a new call as the B2BUA tracks any caller's INVITE. */
  track(call: Call, topVia: string | undefined): void;
}

/** Why a consult INVITE was turned away (the B2BUA answers with it). */
export type ConsultRefusal = { status: 404 | 480; reason: string };

export class ConsultCalls {
  private readonly pending = new Map<string, PendingConsult>();

  constructor(private readonly d: ConsultCallsDeps) {}

  prepare(callId: string, agentUserId: number, targetUserId: number, interactionId: number): boolean {
    const call = this.d.call(callId);
    if (!call || call.kind.type !== 'queue' || call.answeredBy?.agentUserId !== agentUserId) return false;
    if (!call.agentLeg || call.anchor || call.agentLeg.reinvitePending || call.callerLeg.reinvitePending) return false;
    this.end(callId);
    this.pending.set(callId, { callId, agentUserId, targetUserId, interactionId, consult: null });
    return true;
  }

  /** The agent's consult INVITE; a refusal when nothing of theirs awaits it. */
  arrive(request: SipRequest, consultOf: string, callerLeg: Leg, from: { userId: number | null; number: string; displayName: string | null }): ConsultRefusal | null {
    const p = this.pending.get(consultOf);
    const call = this.d.call(consultOf);
    if (!p || p.consult || from.userId === null || p.agentUserId !== from.userId || call?.state !== 'bridged') {
      return { status: 404, reason: 'No Such Consult' };
    }
    const bindings = this.d.bindingsOf(p.targetUserId);
    if (bindings.length === 0) return { status: 480, reason: 'Colleague Unavailable' };
    const direct: DirectCall = {
      callId: '',
      sipCallId: request.callId,
      from: { userId: from.userId, number: from.number },
      to: { userId: p.targetUserId, number: bindings[0]!.aor },
      consultOf,
    };
    const consult = new Call(this.d.ctx, { type: 'direct', direct }, callerLeg, request, { number: from.number, displayName: from.displayName });
    direct.callId = consult.id;
    p.consult = consult;
    this.d.track(consult, request.topVia);
    this.d.events.directCallChanged(direct, 'started');
    // The interaction rides on the ring, so the colleague's desk matches it to the pop it was sent.
    const extra: HeaderLine[] = [[HEADER_INTERACTION_ID, String(p.interactionId)]];
    consult.ring(p.targetUserId, this.d.forks(consult, bindings, from.number, from.displayName, extra));
    return null;
  }

  /** Joins the caller to the colleague; false when the consult is not answered or a leg is busy. */
  complete(callId: string, joined: (ok: boolean) => void): boolean {
    const p = this.pending.get(callId);
    const call = this.d.call(callId);
    if (!p?.consult || !call || !canJoin(call, p.consult)) return false;
    if (!joinConsult(call, p.consult, joined)) return false;
    this.pending.delete(callId);
    return true;
  }

  /** Forgets the consult of a call, hanging up its consult call if one was dialled. */
  end(callId: string): void {
    const p = this.pending.get(callId);
    if (!p) return;
    this.pending.delete(callId);
    if (p.consult && p.consult.state !== 'ended') p.consult.release(480);
  }
}
