import { Grammar, type NameAddrHeader, type URI } from 'sip.js/lib/grammar/index.js';
import { BoundedMemo } from './bounded-memo.js';

/**
 * The SIP grammar (sip.js's PEG parser of the RFC 3261 ABNF), one start rule per header.
 *
 * Every call into that parser first rebuilds its whole rule table, a fixed cost far larger
 * than parsing one header. So results are memoised per rule and raw value: most values repeat
 * (request and status lines, CSeq, Max-Forwards, a phone's Contact, a dialog's From and To),
 * and only values seen for the first time (a new call's From with its fresh tag, a Via whose
 * branch is needed) pay the full price.
 * Memoised results are shared between messages, so they are frozen plain records, never the
 * parser's mutable objects. `null` means the value does not match the rule.
 */

// Capacities: the few distinct request/status lines, CSeqs and lengths fit many times over;
// From/To hold a dialog's values from its INVITE to its BYE for thousands of calls in flight;
// contacts cover one per registered phone for a few thousand phones. At most ~512 characters
// a key, the memos stay within a few megabytes whatever peers send.

export type StartLine =
  | { readonly kind: 'request'; readonly method: string; readonly ruriUser: string | undefined; readonly ruri: string }
  | { readonly kind: 'response'; readonly statusCode: number; readonly reasonPhrase: string };

/** A name-addr or addr-spec with its header parameters (From, To, one Contact). */
export interface NameAddr {
  /** As written between the quotes, escapes kept. */
  readonly displayName: string | undefined;
  readonly uri: string;
  readonly user: string | undefined;
  /** Header parameters (`tag`, `expires`, ...); a parameter without a value maps to null. */
  readonly params: ReadonlyMap<string, string | null>;
}

export interface CSeq {
  readonly seq: number;
  readonly method: string;
}

/** sip.js's parser signals "no match" with -1 (and never returns -1 as a value for these rules). */
function rule(input: string, startRule: string): unknown {
  const parsed: unknown = Grammar.parse(input, startRule);
  return parsed === -1 ? null : parsed;
}

/**
 * sip.js parses a URI with an escaped `%` in its user part (`a%25`) but throws URIError when it
 * writes the URI back; such a header is treated as one that does not parse (the message gets a
 * 400), never as an exception out of the parser.
 */
function unlessUnwritable<T>(build: () => T): T | null {
  try {
    return build();
  } catch (err) {
    if (err instanceof URIError) return null;
    throw err;
  }
}

function toNameAddr(header: NameAddrHeader): NameAddr {
  const params = new Map<string, string | null>();
  const raw = (header as unknown as { parameters: Record<string, string | null> }).parameters;
  for (const key of Object.keys(raw)) params.set(key, raw[key] ?? null);
  return Object.freeze({ displayName: header.displayName || undefined, uri: header.uri.toString(), user: header.uri.user, params });
}

function withTag(to: NameAddr, tag: string): NameAddr {
  return Object.freeze({ ...to, params: new Map([...to.params, ['tag', tag]]) });
}

const startLines = new BoundedMemo<StartLine | null>(1_024, (line) => {
  const parsed = rule(line, 'Request_Response') as
    | { method?: string; uri?: URI; status_code?: number; reason_phrase?: string }
    | null;
  if (!parsed) return null;
  if (parsed.status_code !== undefined) {
    return Object.freeze({ kind: 'response', statusCode: parsed.status_code, reasonPhrase: parsed.reason_phrase ?? '' });
  }
  if (!parsed.method || !parsed.uri) return null;
  const uri = parsed.uri;
  return unlessUnwritable(() => Object.freeze({ kind: 'request' as const, method: parsed.method!, ruriUser: uri.user, ruri: uri.toString() }));
});

const nameAddrMemo = (startRule: 'From' | 'To'): BoundedMemo<NameAddr | null> =>
  new BoundedMemo(8_192, (value) => {
    const parsed = rule(value, startRule) as NameAddrHeader | null;
    return parsed ? unlessUnwritable(() => toNameAddr(parsed)) : null;
  });
const froms = nameAddrMemo('From');
const tos = nameAddrMemo('To');

const contactLists = new BoundedMemo<readonly NameAddr[] | null>(4_096, (value) => {
  const parsed = rule(value, 'Contact') as Array<{ parsed: NameAddrHeader }> | null;
  if (!Array.isArray(parsed) || parsed.length === 0) return null;
  return unlessUnwritable(() => Object.freeze(parsed.map((c) => toNameAddr(c.parsed))));
});

const cseqs = new BoundedMemo<CSeq | null>(1_024, (value) => {
  const parsed = rule(value, 'CSeq') as { value: number; method: string } | null;
  return parsed ? Object.freeze({ seq: parsed.value, method: parsed.method }) : null;
});

const numberRule = (startRule: string): BoundedMemo<number | null> =>
  new BoundedMemo(256, (value) => {
    const parsed = rule(value, startRule);
    return typeof parsed === 'number' ? parsed : null;
  });
const maxForwardsValues = numberRule('Max_Forwards');
const contentLengths = numberRule('Content_Length');

const contentTypes = new BoundedMemo<boolean>(256, (value) => rule(value, 'Content_Type') !== null);

export const sipGrammar = {
  startLine: (line: string): StartLine | null => startLines.get(line),
  from: (value: string): NameAddr | null => froms.get(value),
  to: (value: string): NameAddr | null => tos.get(value),
  /** Every contact of one Contact header value; `*` is not a contact (REGISTER handles it). */
  contacts: (value: string): readonly NameAddr[] | null => contactLists.get(value),
  cseq: (value: string): CSeq | null => cseqs.get(value),
  maxForwards: (value: string): number | null => maxForwardsValues.get(value),
  contentLength: (value: string): number | null => contentLengths.get(value),
  isContentType: (value: string): boolean => contentTypes.get(value),
  /**
   * We answered a request whose To (`to`, tagless) parsed, adding `;tag=<tag>` (§8.2.6.2):
   * the peer's ACK and BYE bring that value back, and its parse is known without the parser.
   * `tag` must be a token (ours are hex).
   */
  rememberTaggedTo: (tagged: string, to: NameAddr, tag: string): void => tos.remember(tagged, withTag(to, tag)),
  /**
   * The branch of a Via value, or null when the value is not a Via. Not memoised: a branch is
   * unique per transaction (§8.1.1.7), so a memo would only hold values never asked again.
   * With a comma-separated list it is the last via-parm's, as sip.js's message parser had it.
   */
  viaBranch: (value: string): { readonly branch: string | undefined } | null => {
    const parsed = rule(value, 'Via') as { branch?: string } | null;
    return parsed ? { branch: parsed.branch } : null;
  },
};
