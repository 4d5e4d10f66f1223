import type { Body } from '../message/build.js';

/**
 * An SDP answer that declines every stream of `offer` (RFC 3264 §6: port zero, one format
 * kept). An answered lead's 200 carries an offer and its ACK must carry an answer (§13.2.2.4);
 * when no agent's answer is coming (an abandoned call), this one closes the offer/answer
 * exchange cleanly before the BYE.
 */
export function rejectingAnswer(offer: string): Body {
  const lines = ['v=0', 'o=kefu 0 0 IN IP4 0.0.0.0', 's=-', 'c=IN IP4 0.0.0.0', 't=0 0'];
  for (const line of offer.split(/\r?\n/)) {
    const m = /^m=(\S+) \d+(?:\/\d+)? (\S+) (\S+)/.exec(line.trim());
    if (m) lines.push(`m=${m[1]} 0 ${m[2]} ${m[3]}`);
  }
  return { contentType: 'application/sdp', content: `${lines.join('\r\n')}\r\n` };
}

/** A Reason header (RFC 3326) saying why the switch hung up. */
export function reasonHeader(cause: number, text: string): readonly [string, string] {
  return ['Reason', `SIP;cause=${cause};text="${text.replace(/[\\"\r\n]/g, '')}"`];
}
