// The carrier trunk: which peer it is, and who is calling on it.
import type { AccountRecord } from '../accounts/sip-account-directory.js';
import type { SipRequest } from '../message/parse.js';
import type { SipConnection } from '../transport/ws-sip-server.js';

export interface TrunkSettings {
  /** The carrier's address: the only source whose calls come in without credentials. */
  readonly address: { readonly host: string; readonly port: number };
  readonly transport: 'udp' | 'tcp';
}

/**
 * Whether a connection is the trunk. Over UDP the carrier's address and port are both known;
 * over TCP the carrier connects from a port of its choosing, so the address decides.
 */
export function isTrunk(trunk: TrunkSettings, connection: SipConnection): boolean {
  if (connection.viaTransport !== (trunk.transport === 'udp' ? 'UDP' : 'TCP')) return false;
  if (connection.remoteAddress !== trunk.address.host) return false;
  return trunk.transport === 'tcp' || connection.remotePort === trunk.address.port;
}

/** A number as a carrier sends it: digits with an optional leading +, or a few dial characters. */
const CALLER_NUMBER = /^\+?[0-9*#]{1,32}$/;

/**
 * The calling party on a trunk call. The carrier vouches for the number it sends: its
 * P-Asserted-Identity (RFC 3325) when present, else the From user. Anything that is not a
 * phone number (an anonymous caller, a name) is "anonymous", never an account of ours.
 */
export function trunkCaller(request: SipRequest): AccountRecord {
  const asserted = /(?:sips?|tel):(\+?[0-9*#]+)[@;>]?/i.exec(request.getHeader('p-asserted-identity') ?? '')?.[1];
  const candidate = asserted ?? request.from?.user ?? '';
  const number = CALLER_NUMBER.test(candidate) ? candidate : 'anonymous';
  return { username: number, userId: null, displayName: '', secrets: [] };
}
