// Cuts a TCP byte stream into SIP messages: headers up to the empty line, then Content-Length
// bytes of body (RFC 3261 §18.3, where Content-Length is mandatory).

export interface FramerResult {
  readonly messages: string[];
  /** Set when the stream can no longer be read (no Content-Length, or too big): close it. */
  readonly error?: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\n(?:content-length|l)[ \t]*:[ \t]*(\d{1,9})[ \t]*(?=\r\n)/i;

export class StreamFramer {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly maxMessageBytes: number) {}

  push(chunk: Buffer): FramerResult {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const messages: string[] = [];
    for (;;) {
      // CRLF keep-alives (RFC 5626 §3.5.1) between messages.
      let start = 0;
      while (start + 1 < this.buffer.length && this.buffer[start] === 13 && this.buffer[start + 1] === 10) start += 2;
      if (start > 0) this.buffer = this.buffer.subarray(start);
      const end = this.buffer.indexOf(HEADER_END);
      if (end < 0) {
        if (this.buffer.length > this.maxMessageBytes) return { messages, error: 'headers too long' };
        return { messages };
      }
      const head = this.buffer.subarray(0, end + 2).toString('latin1');
      const length = CONTENT_LENGTH.exec(head);
      if (!length) return { messages, error: 'no Content-Length' };
      const total = end + 4 + Number(length[1]);
      if (total > this.maxMessageBytes) return { messages, error: 'message too big' };
      if (this.buffer.length < total) return { messages };
      messages.push(this.buffer.subarray(0, total).toString('utf8'));
      this.buffer = this.buffer.subarray(total);
    }
  }
}
