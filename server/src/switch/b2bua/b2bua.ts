import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { CountryCode } from 'libphonenumber-js/max';
import { HEADER_CALL_ID, HEADER_CONSULT_OF, HEADER_INTERACTION_ID } from '../../../../contract/sip-headers.js';
import { normalizePhone } from '../../platform/phone-number.js';
import type { CallControl, CallerMedia, CallerPrompt, CallRecording, CallRecordingHandle, DialTokenResolver, DirectCall, MediaRelay, SwitchEvents } from '../ports.js';
import { isDialToken } from '../../../../contract/masked-dial.js';
import { MediaAnchor } from './media-anchor.js';
import type { AccountRecord } from '../accounts/sip-account-directory.js';
import { bodyOf, buildResponse, newCallId, newTag, quoteDisplayName, type HeaderLine } from '../message/build.js';
import type { SipRequest } from '../message/parse.js';
import type { Binding, Registrar } from '../registrar/registrar.js';
import type { SipConnection } from '../transport/ws-sip-server.js';
import { Call, type CallContext } from './call.js';
import type { ClientTransactions } from './client-transactions.js';
import { DialogRoutes } from './in-dialog.js';
import { Leg } from './leg.js';
import { presentedCaller } from './presented-caller.js';
import { detachAgent } from './transfer-ring.js';
import { ConsultCalls } from './consult-calls.js';

export interface B2buaLimits {
  readonly maxCallsPerConnection: number;
  readonly maxCalls: number;
  /** How long a 2xx we sent waits for its ACK before the call is ended (RFC 3261: 64*T1). */
  readonly ackTimeoutMs: number;
}

export interface B2buaOptions {
  readonly domain: string;
  readonly defaultRegion: CountryCode;
  readonly events: SwitchEvents;
  readonly log: Logger;
  readonly registrar: Registrar;
  readonly transactions: ClientTransactions;
  readonly limits: B2buaLimits;
  /** The media plane; trunk calls (plain SIP) are anchored in it. */
  readonly media?: MediaRelay | null;
  /**
   * The agent a dialled number (one of the site's numbers) rings directly, if any. It is given
   * the number in E.164, as the switch normalised it (or as dialled when it is no phone number).
   */
  readonly numberOwner?: (e164: string) => number | null;
  /**
   * The site's default outbound caller id (cached by its owner, so it MUST answer at once):
   * what a staff phone's call shows to a called party that is not staff. Null: none is set,
   * and the caller's own number shows, as between colleagues.
   */
  readonly outboundCallerId?: () => string | null;
  /** Resolves a dialled one-time token to the number behind it (numbers dialled unseen). */
  readonly dialTokens?: DialTokenResolver;
}

/**
 * Owns every call: starts them from a caller's INVITE (to a registered endpoint directly, or
 * to the ACD's queues), finds the call for each in-dialog request and CANCEL, and implements
 * the ACD's CallControl on top of them.
 */
export class B2bua implements CallControl, CallerMedia, CallRecording {
  private readonly calls = new Map<string, Call>();
  private readonly dialogs = new DialogRoutes<Call>();
  /**
   * connection|top Via of the caller's INVITE → call. A CANCEL repeats that Via (RFC 3261
   * §9.1), so it finds its INVITE here without the Via being parsed; see `onCancel`.
   */
  private readonly invites = new Map<string, Call>();
  /** The `invites` key of each call, to forget it without a search. */
  private readonly inviteKeys = new Map<Call, string>();
  private readonly byConnection = new Map<string, Set<Call>>();
  /** Calls in progress per caller connection, for the per-connection limit. */
  private readonly callingFrom = new Map<string, number>();
  private readonly ctx: CallContext;
  readonly contact: string;
  private readonly consults: ConsultCalls;

  constructor(private readonly options: B2buaOptions) {
    this.contact = `<sip:kefu@${options.domain};transport=ws>`;
    this.ctx = {
      contact: this.contact,
      transactions: options.transactions,
      events: options.events,
      log: options.log,
      ackTimeoutMs: options.limits.ackTimeoutMs,
      indexLeg: (leg, call) => this.indexLeg(leg, call),
      ended: (call) => this.forget(call),
    };
    this.consults = new ConsultCalls({
      ctx: this.ctx,
      events: options.events,
      call: (id) => this.calls.get(id),
      bindingsOf: (userId) => options.registrar.bindingsOfUser(userId),
      forks: (call, bindings, number, name, extra) => this.forks(call, bindings, number, name, extra),
      track: (call, topVia) => this.track(call, topVia),
    });
  }

  get callCount(): number {
    return this.calls.size;
  }

  /** A new INVITE (no To tag) from an authenticated connection. */
  onInitialInvite(connection: SipConnection, request: SipRequest, account: AccountRecord): void {
    const reply = (status: number, reason: string, headers: HeaderLine[] = []): void => {
      connection.send(buildResponse(request, status, reason, { toTag: newTag(), headers }));
    };
    if (this.invites.has(`${connection.id}|${request.topVia}`)) return; // a retransmission
    const own = this.callingFrom.get(connection.id) ?? 0;
    if (own >= this.options.limits.maxCallsPerConnection || this.calls.size >= this.options.limits.maxCalls) {
      return reply(503, 'Too Many Calls', [['Retry-After', '5']]);
    }
    const offer = bodyOf(request);
    if (!offer || !offer.contentType.toLowerCase().startsWith('application/sdp')) {
      // The B2BUA relays the caller's offer; an offerless INVITE would need us to make one.
      return reply(488, 'SDP Offer Required');
    }
    const target = request.contactUri();
    if (!target) return reply(400, 'Missing Contact');
    // A dial token stands for a number its caller may call but not see: it is resolved here,
    // and only the callee's leg ever carries the number. Unknown, spent or someone else's: 404.
    let dialled = request.ruriUser ?? '';
    const numberHidden = isDialToken(dialled);
    if (numberHidden) {
      const number = this.options.dialTokens?.take(dialled, account.userId) ?? null;
      if (number === null) return reply(404, 'Not Found');
      dialled = number;
    }
    connection.send(buildResponse(request, 100, 'Trying'));

    const localTag = newTag();
    const callerLeg = new Leg(connection, request.callId, localTag, {
      local: `${request.getHeader('to') ?? ''};tag=${localTag}`,
      remote: request.getHeader('from') ?? '',
      remoteTarget: target,
      localCseq: randomInt(1, 10_000),
      remoteCseq: request.cseq,
    });
    const fromUser = request.from?.user ?? '';
    // The caller id is the authenticated account's: a phone cannot claim another number.
    const callerNumber = fromUser === account.username ? fromUser : account.username;
    const rawName = request.from?.displayName?.trim();
    const displayName = rawName ? rawName : null;

    const consultOf = request.getHeader(HEADER_CONSULT_OF);
    if (consultOf !== undefined) {
      const refused = this.consults.arrive(request, consultOf, callerLeg, { userId: account.userId, number: callerNumber, displayName: account.displayName });
      if (refused) reply(refused.status, refused.reason);
      return;
    }

    const callee = this.resolve(dialled, connection.id);
    if (callee) {
      const direct: DirectCall = {
        callId: '',
        sipCallId: request.callId,
        from: { userId: account.userId, number: callerNumber },
        to: { userId: callee.bindings[0]?.userId ?? null, number: callee.aor },
        ...(numberHidden ? { numberHidden } : {}),
      };
      const call = new Call(this.ctx, { type: 'direct', direct }, callerLeg, request, { number: callerNumber, displayName });
      direct.callId = call.id;
      this.track(call, request.topVia);
      this.options.events.directCallChanged(direct, 'started');
      const shown = presentedCaller(
        { number: callerNumber, displayName, isStaff: account.userId !== null },
        callee.bindings.some((b) => b.userId !== null),
        this.options.outboundCallerId?.() ?? null,
      );
      // The asserted identity (RFC 3325) repeats it for peers that show that rather than From.
      const asserted: HeaderLine[] = shown.number === callerNumber ? [] : [['P-Asserted-Identity', `<sip:${shown.number}@${this.options.domain}>`]];
      call.ring(direct.to.userId, this.forks(call, callee.bindings, shown.number, shown.displayName, asserted));
      return;
    }

    // A hidden number is a customer's, never a queue: nothing here reaches it.
    if (numberHidden) return reply(480, 'Temporarily Unavailable');
    const call = new Call(this.ctx, { type: 'queue' }, callerLeg, request, { number: callerNumber, displayName });
    // A carrier's plain RTP cannot reach a browser: its media goes through the relay.
    if (this.options.media && connection.viaTransport) {
      call.anchor = new MediaAnchor(this.options.media, request.callId, request.fromTag ?? '', offer, this.options.log);
    }
    // Tracked before asking the ACD: it may offer the call to an idle agent right away.
    this.track(call, request.topVia);
    const admission = this.options.events.queueCallArrived({
      callId: call.id,
      sipCallId: request.callId,
      callerNumber,
      callerDisplayName: displayName,
      dialled,
    });
    if (admission.outcome === 'refused') {
      if (admission.announce) void call.announceThenRelease({ name: admission.announce }, admission.status);
      else call.release(admission.status);
      return;
    }
    call.queued();
  }

  /** CANCEL of a caller's INVITE (same branch, same connection). */
  onCancel(connection: SipConnection, request: SipRequest): void {
    const call = this.invites.get(`${connection.id}|${request.topVia}`) ?? this.inviteByBranch(connection, request.viaBranch);
    if (!call) {
      connection.send(buildResponse(request, 481, 'Call/Transaction Does Not Exist'));
      return;
    }
    connection.send(buildResponse(request, 200, 'OK'));
    call.callerCancelled();
  }

  /** A request carrying a To tag; false when no dialog of ours matches. */
  onInDialog(connection: SipConnection, request: SipRequest): boolean {
    return this.dialogs.route(connection, request);
  }

  connectionClosed(connectionId: string): void {
    for (const call of [...(this.byConnection.get(connectionId) ?? [])]) call.connectionClosed(connectionId);
    this.byConnection.delete(connectionId);
  }

  offer(callId: string, agentUserId: number, headers: { interactionId: number }): boolean {
    const call = this.calls.get(callId);
    if (!call || call.kind.type !== 'queue' || (call.state !== 'waiting' && call.state !== 'parked') || call.hasOfferFor(agentUserId)) return false;
    const bindings = this.options.registrar.bindingsOfUser(agentUserId);
    if (bindings.length === 0) return false;
    const { caller } = call;
    const extra: HeaderLine[] = [[HEADER_INTERACTION_ID, String(headers.interactionId)]];
    call.ring(agentUserId, this.forks(call, bindings, caller.number, caller.displayName, extra));
    return true;
  }

  detachAgent(callId: string): boolean {
    const call = this.calls.get(callId);
    return call !== undefined && call.kind.type === 'queue' && detachAgent(call);
  }

  prepareConsult(callId: string, agentUserId: number, targetUserId: number, headers: { interactionId: number }): boolean {
    return this.consults.prepare(callId, agentUserId, targetUserId, headers.interactionId);
  }

  completeConsult(callId: string, joined: (ok: boolean) => void): boolean {
    return this.consults.complete(callId, joined);
  }

  endConsult(callId: string): void {
    this.consults.end(callId);
  }

  withdrawOffer(callId: string, agentUserId: number): void {
    this.calls.get(callId)?.withdraw(agentUserId);
  }

  release(callId: string, status: 480 | 486 | 503 = 480): void {
    const call = this.calls.get(callId);
    // A waiting caller sent away busy (the queue's longest wait is over) hears why first.
    if (call && status === 486 && call.state === 'waiting') void call.announceThenRelease({ name: 'busy' }, status);
    else call?.release(status);
  }

  playToCaller(callId: string, prompt: CallerPrompt, repeat = false): Promise<number> {
    return this.calls.get(callId)?.playToCaller(prompt, repeat) ?? Promise.resolve(0);
  }

  recordingOf(callId: string): CallRecordingHandle | null {
    const call = this.calls.get(callId);
    return call && call.state !== 'ended' ? (call.anchor?.recording() ?? null) : null;
  }

  stopPlayingToCaller(callId: string): void {
    this.calls.get(callId)?.stopPlayingToCaller();
  }

  promptCaller(callId: string, text: string): void {
    this.calls.get(callId)?.promptCaller(text);
  }

  isReachable(agentUserId: number): boolean {
    return this.options.registrar.isReachable(agentUserId);
  }

  closeAll(): void {
    for (const call of [...this.calls.values()]) call.release(503);
  }

  /** The registered endpoint a Request-URI user names, by AOR or by its E.164 form. */
  private resolve(user: string, callerConnectionId: string): { aor: string; bindings: Binding[] } | undefined {
    if (!user || user.length > 64) return undefined;
    const candidates = [user];
    const e164 = normalizePhone(user, this.options.defaultRegion);
    if (e164 && e164 !== user) candidates.push(e164);
    for (const aor of candidates) {
      // Not back to the phone that is calling: that would ring the caller itself.
      const bindings = this.options.registrar.lookup(aor).filter((b) => b.connectionId !== callerConnectionId);
      if (bindings.length > 0) return { aor, bindings };
    }
    // A number the site gave one agent rings that agent's phones, as their extension would.
    const owner = this.options.numberOwner?.(e164 ?? user) ?? null;
    if (owner !== null) {
      const bindings = this.options.registrar.bindingsOfUser(owner).filter((b) => b.connectionId !== callerConnectionId);
      if (bindings.length > 0) return { aor: bindings[0]!.aor, bindings };
    }
    return undefined;
  }

  private forks(
    call: Call,
    bindings: readonly Binding[],
    callerNumber: string,
    displayName: string | null,
    extra: readonly HeaderLine[],
  ): Array<{ leg: Leg; headers: HeaderLine[] }> {
    const { domain } = this.options;
    return bindings.map((binding) => {
      const tag = newTag();
      const name = displayName ? `${quoteDisplayName(displayName)} ` : '';
      const leg = new Leg(this.connectionFor(call, binding), newCallId(), tag, {
        // The caller's number and name on the agent leg: the agent's phone shows them.
        local: `${name}<sip:${callerNumber}@${domain}>;tag=${tag}`,
        remote: `<sip:${binding.aor}@${domain}>`,
        remoteTarget: binding.contact,
        localCseq: 0,
        remoteCseq: 0,
      });
      return { leg, headers: [[HEADER_CALL_ID, call.id], ...extra] };
    });
  }

  /** Set by the switch: the live connection object of a binding. */
  connectionLookup: (connectionId: string) => SipConnection | undefined = () => undefined;

  private connectionFor(call: Call, binding: Binding): SipConnection {
    const connection = this.connectionLookup(binding.connectionId);
    if (!connection) throw new Error(`Binding of ${binding.aor} points at a closed connection`);
    this.byConnection.get(connection.id)?.add(call) ?? this.byConnection.set(connection.id, new Set([call]));
    return connection;
  }

  /** A CANCEL whose Via is not byte for byte its INVITE's: the transaction is the branch (§17.2.3). */
  private inviteByBranch(connection: SipConnection, branch: string | undefined): Call | undefined {
    if (branch === undefined) return undefined;
    for (const call of this.byConnection.get(connection.id) ?? []) {
      if (call.callerLeg.connection === connection && call.state !== 'ended' && call.callerBranch === branch) return call;
    }
    return undefined;
  }

  private track(call: Call, topVia: string | undefined): void {
    const key = `${call.callerLeg.connection.id}|${topVia}`;
    this.calls.set(call.id, call);
    this.invites.set(key, call);
    this.inviteKeys.set(call, key);
    const caller = call.callerLeg.connection.id;
    this.callingFrom.set(caller, (this.callingFrom.get(caller) ?? 0) + 1);
    this.indexLeg(call.callerLeg, call);
  }

  private indexLeg(leg: Leg, call: Call): void {
    this.dialogs.add(leg, call);
    const set = this.byConnection.get(leg.connection.id);
    if (set) set.add(call);
    else this.byConnection.set(leg.connection.id, new Set([call]));
  }

  private forget(call: Call): void {
    const key = this.inviteKeys.get(call);
    if (key === undefined) return; // already forgotten
    this.calls.delete(call.id);
    if (this.invites.get(key) === call) this.invites.delete(key);
    this.inviteKeys.delete(call);
    const caller = call.callerLeg.connection.id;
    const calling = (this.callingFrom.get(caller) ?? 1) - 1;
    if (calling > 0) this.callingFrom.set(caller, calling);
    else this.callingFrom.delete(caller);
    const legs = call.legs();
    // A completed consult's colleague leg lives on in the caller's call: only this call's routes go.
    this.dialogs.forgetLater(legs, () => {
      for (const leg of legs) this.byConnection.get(leg.connection.id)?.delete(call);
    }, call);
  }
}
