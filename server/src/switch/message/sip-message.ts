import { bodyBytes, type FramedMessage } from './frame.js';
import { sipGrammar, type CSeq, type NameAddr } from './grammar.js';

/** Marks a lazily parsed field not read yet (null is a result: "does not parse"). */
const UNREAD = Symbol('unread');
type Lazy<T> = T | typeof UNREAD;

/**
 * What the request and the response share: raw header access, and the fields both need,
 * each parsed by the grammar the first time it is read and never again.
 */
abstract class SipMessage {
  private cseqValue: Lazy<CSeq | null> = UNREAD;
  private branchValue: Lazy<string | undefined> = UNREAD;
  private bodyValue: string | undefined;

  constructor(protected readonly frame: FramedMessage) {}

  /** The first value of a header (name case-insensitive, compact forms understood). */
  getHeader(name: string): string | undefined {
    const { names, values } = this.frame;
    const wanted = name.toLowerCase();
    for (let i = 0; i < names.length; i++) if (names[i] === wanted) return values[i];
    return undefined;
  }

  getHeaders(name: string): string[] {
    const { names, values } = this.frame;
    const wanted = name.toLowerCase();
    const found: string[] = [];
    for (let i = 0; i < names.length; i++) if (names[i] === wanted) found.push(values[i]!);
    return found;
  }

  hasHeader(name: string): boolean {
    return this.getHeader(name) !== undefined;
  }

  /** How many times a header occurs (a second From or Content-Length makes a message ambiguous). */
  countHeader(name: string): number {
    const wanted = name.toLowerCase();
    let n = 0;
    for (const present of this.frame.names) if (present === wanted) n++;
    return n;
  }

  /** The Call-ID as sent: only compared and copied, never interpreted, so never parsed. */
  get callId(): string {
    return this.getHeader('call-id') ?? '';
  }

  /** The topmost Via value as sent. */
  get topVia(): string | undefined {
    return this.getHeader('via');
  }

  /** The topmost Via's branch; undefined when there is none or the Via does not parse. */
  get viaBranch(): string | undefined {
    if (this.branchValue === UNREAD) {
      const via = this.topVia;
      this.branchValue = via === undefined ? undefined : (sipGrammar.viaBranch(via)?.branch ?? undefined);
    }
    return this.branchValue;
  }

  /** CSeq number and method; null when absent or not a CSeq. */
  get cseqHeader(): CSeq | null {
    if (this.cseqValue === UNREAD) {
      const raw = this.getHeader('cseq');
      this.cseqValue = raw === undefined ? null : sipGrammar.cseq(raw);
    }
    return this.cseqValue;
  }

  get cseq(): number {
    return this.cseqHeader?.seq ?? -1;
  }

  /** Content-Length: undefined when absent, null when present but not a length. */
  get contentLength(): number | null | undefined {
    const raw = this.getHeader('content-length');
    return raw === undefined ? undefined : sipGrammar.contentLength(raw);
  }

  /** The body, cut at Content-Length (RFC 3261 §18.3: bytes beyond it are discarded). */
  get body(): string {
    if (this.bodyValue === undefined) {
      const length = this.contentLength;
      this.bodyValue = typeof length === 'number' ? bodyBytes(this.frame.rest, length) : this.frame.rest;
    }
    return this.bodyValue;
  }

  /** Bytes after the empty line, whatever Content-Length says (to tell a truncated message). */
  get receivedBodyBytes(): number {
    return Buffer.byteLength(this.frame.rest, 'utf8');
  }

  /** The contacts of the `index`-th Contact header; null when absent or not contacts. */
  contacts(index = 0): readonly NameAddr[] | null {
    const raw = this.getHeaders('contact')[index];
    return raw === undefined ? null : sipGrammar.contacts(raw);
  }

  /** The first contact's URI, where the peer wants in-dialog requests (§12.1.1). */
  contactUri(): string | undefined {
    return this.contacts()?.[0]?.uri;
  }
}

export class SipRequest extends SipMessage {
  private fromValue: Lazy<NameAddr | null> = UNREAD;
  private toValue: Lazy<NameAddr | null> = UNREAD;

  constructor(
    frame: FramedMessage,
    readonly method: string,
    /** The Request-URI, normalised by the grammar. */
    readonly ruri: string,
    readonly ruriUser: string | undefined,
  ) {
    super(frame);
  }

  get from(): NameAddr | null {
    if (this.fromValue === UNREAD) {
      const raw = this.getHeader('from');
      this.fromValue = raw === undefined ? null : sipGrammar.from(raw);
    }
    return this.fromValue;
  }

  get to(): NameAddr | null {
    if (this.toValue === UNREAD) {
      const raw = this.getHeader('to');
      this.toValue = raw === undefined ? null : sipGrammar.to(raw);
    }
    return this.toValue;
  }

  get fromTag(): string | undefined {
    return this.from?.params.get('tag') ?? undefined;
  }

  /** Our tag once a dialog exists: a request with one belongs to a dialog (§12.2). */
  get toTag(): string | undefined {
    return this.to?.params.get('tag') ?? undefined;
  }

  /** Max-Forwards: undefined when absent, null when present but not a number of hops. */
  get maxForwards(): number | null | undefined {
    const raw = this.getHeader('max-forwards');
    return raw === undefined ? undefined : sipGrammar.maxForwards(raw);
  }
}

export class SipResponse extends SipMessage {
  constructor(
    frame: FramedMessage,
    readonly statusCode: number,
    readonly reasonPhrase: string,
  ) {
    super(frame);
  }

  /** The method of the request answered, from CSeq (§8.1.3.3). */
  get method(): string | undefined {
    return this.cseqHeader?.method;
  }
}
