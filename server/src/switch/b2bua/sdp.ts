/**
 * Whether an SDP offer puts the far end on hold (RFC 3264 §8.4): the offerer stops receiving
 * (`sendonly`) or everything (`inactive`), at session or media level. A zero connection
 * address (RFC 2543 style hold) counts too. We only read the SDP; we never change it.
 */
export function sdpMeansHold(sdp: string): boolean {
  for (const line of sdp.split(/\r?\n/)) {
    const value = line.trim();
    if (value === 'a=sendonly' || value === 'a=inactive') return true;
    if (value === 'c=IN IP4 0.0.0.0') return true;
  }
  return false;
}

/** The DTMF digit in a SIP INFO body (application/dtmf-relay `Signal=5`, or application/dtmf). */
export function dtmfFromInfo(contentType: string | undefined, body: string): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  let digit: string | undefined;
  if (type === 'application/dtmf') digit = body.trim();
  else if (type === 'application/dtmf-relay') {
    for (const line of body.split(/\r?\n/)) {
      const eq = line.indexOf('=');
      if (eq > 0 && line.slice(0, eq).trim().toLowerCase() === 'signal') digit = line.slice(eq + 1).trim();
    }
  }
  return digit !== undefined && /^[0-9*#A-Da-d]$/.test(digit) ? digit.toUpperCase() : undefined;
}

/**
 * The answer a queue gives a carrier's offer before any agent does: the offer's own codecs,
 * sendrecv, at a port nobody listens on (the discard port). Only the media relay reads it; the
 * carrier gets the relay's SDP, and what the caller hears is what the relay plays.
 */
export function placeholderAnswer(offer: string): string {
  const out: string[] = [];
  for (const raw of offer.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('o=')) out.push('o=kefu 1 1 IN IP4 127.0.0.1');
    else if (line.startsWith('c=')) out.push('c=IN IP4 127.0.0.1');
    else if (line.startsWith('m=audio ')) out.push(line.replace(/^m=audio \d+/, 'm=audio 9'));
    else if (/^a=(sendrecv|sendonly|recvonly|inactive)$/.test(line)) out.push('a=sendrecv');
    else if (/^a=(rtcp|candidate|ice-|fingerprint|setup|crypto)/.test(line)) continue;
    else out.push(line);
  }
  return `${out.join('\r\n')}\r\n`;
}
