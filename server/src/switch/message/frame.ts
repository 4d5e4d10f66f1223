/**
 * A SIP message cut into its start line, header fields and the bytes after the empty line
 * (RFC 3261 §7), nothing interpreted yet: the header values are parsed with the grammar only
 * when, and if, the switch reads them (see sip-message.ts).
 */
export interface FramedMessage {
  readonly startLine: string;
  /** Header names in lower case with compact forms expanded (§7.3.3), in message order. */
  readonly names: readonly string[];
  /** The value of `names[i]`, trimmed, folded lines joined with a space (§7.3.1). */
  readonly values: readonly string[];
  /** Everything after the empty line; Content-Length decides how much of it is the body. */
  readonly rest: string;
}

// The compact forms of RFC 3261 §7.3.3, and Refer-To's (RFC 3515) which sip.js knew too.
const COMPACT: Readonly<Record<string, string>> = {
  i: 'call-id',
  m: 'contact',
  e: 'content-encoding',
  l: 'content-length',
  c: 'content-type',
  f: 'from',
  s: 'subject',
  k: 'supported',
  t: 'to',
  v: 'via',
  r: 'refer-to',
};

const SP = 32;
const HTAB = 9;

/**
 * Splits at CRLFs the way sip.js's own message parser does, minus its looseness: a header
 * line without a colon, or headers that never end in an empty line, make the whole message
 * unusable (undefined) instead of being read across line boundaries.
 */
export function frameMessage(raw: string): FramedMessage | undefined {
  const firstEnd = raw.indexOf('\r\n');
  if (firstEnd <= 0) return undefined;
  const names: string[] = [];
  const values: string[] = [];
  let pos = firstEnd + 2;
  for (;;) {
    if (raw.startsWith('\r\n', pos)) return { startLine: raw.slice(0, firstEnd), names, values, rest: raw.slice(pos + 2) };
    let end = raw.indexOf('\r\n', pos);
    if (end < 0) return undefined;
    let folded = false;
    for (let next = raw.charCodeAt(end + 2); next === SP || next === HTAB; next = raw.charCodeAt(end + 2)) {
      end = raw.indexOf('\r\n', end + 2);
      if (end < 0) return undefined;
      folded = true;
    }
    const colon = raw.indexOf(':', pos);
    if (colon < 0 || colon >= end) return undefined;
    const name = raw.slice(pos, colon).trim().toLowerCase();
    if (name === '') return undefined;
    const value = raw.slice(colon + 1, end);
    names.push(COMPACT[name] ?? name);
    values.push((folded ? unfold(value) : value).trim());
    pos = end + 2;
  }
}

/** A folded value means the same with each line break and its leading white space as one SP. */
function unfold(value: string): string {
  return value
    .split('\r\n')
    .map((line, i) => (i === 0 ? line : line.trimStart()))
    .join(' ');
}

/** The first `length` bytes of `rest` as UTF-8 text (Content-Length counts bytes, §20.14). */
export function bodyBytes(rest: string, length: number): string {
  const bytes = Buffer.byteLength(rest, 'utf8');
  if (length >= bytes) return rest;
  if (bytes === rest.length) return rest.slice(0, length); // plain ASCII: one byte per character
  return Buffer.from(rest, 'utf8').subarray(0, length).toString('utf8');
}
