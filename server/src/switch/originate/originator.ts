// The switch's outbound calls (OutboundDialing): places them on a phone registered as the lead's
// number, finds the call for each in-dialog request on either leg, and connects an answered
// lead to an agent's phone. Calls to carrier numbers through the trunk need an offer of the
// switch's own (a media plane); they are not placed here yet.
import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { SwitchEvents } from '../ports.js';
import { newCallId, newTag, quoteDisplayName } from '../message/build.js';
import type { SipRequest } from '../message/parse.js';
import type { Binding, Registrar } from '../registrar/registrar.js';
import type { SipConnection } from '../transport/ws-sip-server.js';
import type { ClientTransactions } from '../b2bua/client-transactions.js';
import { DialogRoutes } from '../b2bua/in-dialog.js';
import { Leg } from '../b2bua/leg.js';
import { OutboundCall, type OutboundContext } from './outbound-call.js';
import type { AbandonAnnouncer, OriginateRequest, OutboundDialing } from './outbound-ports.js';

export interface OriginatorOptions {
  readonly domain: string;
  readonly contact: string;
  readonly registrar: Registrar;
  readonly transactions: ClientTransactions;
  readonly events: SwitchEvents;
  readonly log: Logger;
  readonly connectionLookup: (connectionId: string) => SipConnection | undefined;
  readonly maxCalls: number;
  /** The media plane's abandon message, when there is one. */
  readonly announce?: AbandonAnnouncer | null;
  readonly agentRingMs?: number;
  readonly connectGuardMs?: number;
}

export class Originator implements OutboundDialing {
  private readonly calls = new Map<string, OutboundCall>();
  private readonly dialogs = new DialogRoutes<OutboundCall>();
  private readonly ctx: OutboundContext;

  constructor(private readonly o: OriginatorOptions) {
    this.ctx = {
      contact: o.contact,
      transactions: o.transactions,
      events: o.events,
      log: o.log,
      announce: o.announce ?? null,
      // Under the lead's 32 s wait for its ACK (64*T1), so the lead never gives up first.
      agentRingMs: o.agentRingMs ?? 20_000,
      connectGuardMs: o.connectGuardMs ?? 5_000,
      indexLeg: (leg, call) => this.dialogs.add(leg, call),
      ended: (call) => this.forget(call),
    };
  }

  get callCount(): number {
    return this.calls.size;
  }

  originate(r: OriginateRequest): string | null {
    if (this.calls.size >= this.o.maxCalls) return null;
    const binding = this.o.registrar.lookup(r.number)[0];
    const connection = binding ? this.o.connectionLookup(binding.connectionId) : undefined;
    if (!binding || !connection) return null;
    const tag = newTag();
    const name = r.displayName ? `${quoteDisplayName(r.displayName)} ` : '';
    const leg = new Leg(connection, newCallId(), tag, {
      local: `${name}<sip:${r.callerId}@${this.o.domain}>;tag=${tag}`,
      remote: `<sip:${binding.aor}@${this.o.domain}>`,
      remoteTarget: binding.contact,
      localCseq: randomInt(1, 10_000),
      remoteCseq: 0,
    });
    const call = new OutboundCall(this.ctx, leg, r.number, r.listener);
    this.calls.set(call.id, call);
    // The asserted identity (RFC 3325) repeats the caller id for peers that show that rather than From.
    call.start([['P-Asserted-Identity', `<sip:${r.callerId}@${this.o.domain}>`]], r.ringTimeoutMs);
    return call.id;
  }

  connect(callId: string, agentUserId: number): boolean {
    const call = this.calls.get(callId);
    if (!call || call.state !== 'answered') return false;
    const binding: Binding | undefined = this.o.registrar.bindingsOfUser(agentUserId)[0];
    const connection = binding ? this.o.connectionLookup(binding.connectionId) : undefined;
    if (!binding || !connection) return false;
    const tag = newTag();
    const leg = new Leg(connection, newCallId(), tag, {
      // The lead's number on the agent's leg: the agent's phone shows whom they are talking to.
      local: `<sip:${call.leadNumber}@${this.o.domain}>;tag=${tag}`,
      remote: `<sip:${binding.aor}@${this.o.domain}>`,
      remoteTarget: binding.contact,
      localCseq: 0,
      remoteCseq: 0,
    });
    call.connect(agentUserId, leg, binding.aor);
    return true;
  }

  abandon(callId: string, reason: string): void {
    this.calls.get(callId)?.abandon(reason);
  }

  hangup(callId: string): void {
    this.calls.get(callId)?.hangup();
  }

  /** A request with a To tag on one of our outbound dialogs; false when none matches. */
  onInDialog(connection: SipConnection, request: SipRequest): boolean {
    return this.dialogs.route(connection, request);
  }

  connectionClosed(connectionId: string): void {
    for (const call of [...this.calls.values()]) call.connectionClosed(connectionId);
  }

  closeAll(): void {
    for (const call of [...this.calls.values()]) call.hangup();
  }

  private forget(call: OutboundCall): void {
    this.calls.delete(call.id);
    this.dialogs.forgetLater(call.legs());
  }
}
