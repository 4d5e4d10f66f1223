import type { NameAddrHeader } from 'sip.js';
import { HEADER_CALL_ID, HEADER_INTERACTION_ID } from '../../contract/sip-headers.js';

/** Who is on the other end, as signalled in SIP. */
export interface PartyIdentity {
  /** Full SIP URI, e.g. `sip:+8613800138000@kefu.local`. */
  readonly uri: string;
  /** User part of the URI: the number or extension (`+8613800138000`), if the URI has one. */
  readonly user: string | undefined;
  /** Display name from the header, if any and not blank. */
  readonly displayName: string | undefined;
}

/** Correlation ids the kefu switch puts on an INVITE so the console can fetch the screen pop. */
export interface KefuCallHeaders {
  /** X-Kefu-Interaction-Id */
  readonly interactionId: string | undefined;
  /** X-Kefu-Call-Id */
  readonly kefuCallId: string | undefined;
}

/** The part of a sip.js message we read headers from (requests and responses both have it). */
export interface HeaderSource {
  getHeader(name: string): string | undefined;
}

export function identityFromHeader(header: NameAddrHeader): PartyIdentity {
  // Typed as string, but sip.js leaves it undefined when the header has no display name.
  const raw = header.displayName as string | undefined;
  const displayName = raw?.trim() ?? '';
  return {
    uri: header.uri.toString(),
    user: header.uri.user === undefined || header.uri.user === '' ? undefined : header.uri.user,
    displayName: displayName === '' ? undefined : displayName,
  };
}

// The ids are opaque to us but end up in a URL the console requests; anything outside this
// alphabet, or absurdly long, is treated as absent rather than passed along.
const ID_PATTERN = /^[A-Za-z0-9._:@-]{1,128}$/;

/** Reads and checks the X-Kefu-* headers; a malformed value is reported through `onInvalid`. */
export function readKefuHeaders(
  message: HeaderSource,
  onInvalid: (header: string, value: string) => void = () => {},
): KefuCallHeaders {
  const read = (name: string): string | undefined => {
    const value = message.getHeader(name)?.trim();
    if (value === undefined || value === '') return undefined;
    if (!ID_PATTERN.test(value)) {
      onInvalid(name, value);
      return undefined;
    }
    return value;
  };
  return { interactionId: read(HEADER_INTERACTION_ID), kefuCallId: read(HEADER_CALL_ID) };
}
