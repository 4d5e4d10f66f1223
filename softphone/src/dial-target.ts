import { UserAgent } from 'sip.js';
import type { URI } from 'sip.js';
import { SoftphoneError } from './softphone-error.js';

/**
 * Turns what the agent typed or clicked into a Request-URI:
 * - a SIP URI is used as it is (`sip:1001@kefu.local`);
 * - `tel:+86...` and bare numbers or extensions go to our own domain (`+86 138-0013 8000`
 *   becomes `sip:+8613800138000@<our domain>`), where the switch routes them.
 */
export function toTargetUri(target: string, ownUri: URI): URI {
  let value = target.trim();
  if (/^sips?:/i.test(value)) {
    const uri = UserAgent.makeURI(value);
    if (!uri) throw invalid(target);
    return uri;
  }
  if (/^tel:/i.test(value)) value = value.slice(4).split(';')[0] ?? '';
  // Numbers are often pasted with separators; they are not part of the number.
  if (/^[+\d\s().-]+$/.test(value)) value = value.replace(/[\s().-]/g, '');
  // Unreserved characters only: anything else would need escaping inside a SIP user part.
  if (!/^[A-Za-z0-9+*._!~-]+$/.test(value)) throw invalid(target);
  const host = ownUri.port === undefined ? ownUri.host : `${ownUri.host}:${ownUri.port}`;
  const uri = UserAgent.makeURI(`${ownUri.scheme}:${value}@${host}`);
  if (!uri) throw invalid(target);
  return uri;
}

/**
 * Extra headers for an outbound INVITE (e.g. `X-Kefu-Interaction-Id: ...` for a campaign call).
 * Only X- headers, one line each: anything else could rewrite the request's routing.
 */
export function checkExtraHeaders(headers: readonly string[]): string[] {
  return headers.map((header) => {
    if (!/^X-[A-Za-z0-9-]+:[^\r\n]*$/.test(header)) {
      throw new SoftphoneError('INVALID_TARGET', `Not an allowed extra header: ${JSON.stringify(header.slice(0, 40))}`);
    }
    return header;
  });
}

function invalid(target: string): SoftphoneError {
  return new SoftphoneError('INVALID_TARGET', `Cannot call ${JSON.stringify(target.slice(0, 80))}`);
}
