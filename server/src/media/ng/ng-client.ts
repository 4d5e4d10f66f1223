// rtpengine's control protocol ("ng"): a cookie, a space, and a bencoded dictionary, over UDP.
import dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import bencode from 'bencode';
import { z } from 'zod';

/** A value the ng protocol carries: bencode has strings, integers, lists and dictionaries only. */
export type NgValue = string | number | readonly NgValue[] | { readonly [key: string]: NgValue };
export type NgParams = { readonly [key: string]: NgValue | undefined };

/** What every reply has; commands read their own fields from `raw`. */
const NgReply = z
  .object({
    result: z.string(),
    'error-reason': z.string().optional(),
    warning: z.string().optional(),
    sdp: z.string().optional(),
  })
  .passthrough();
export type NgReply = z.infer<typeof NgReply>;

export class NgError extends Error {
  constructor(
    readonly command: string,
    readonly reason: string,
  ) {
    super(`rtpengine ${command}: ${reason}`);
  }
}

export interface NgClientOptions {
  readonly host: string;
  readonly port: number;
  /** A command with no reply by then fails; rtpengine answers in well under a millisecond. */
  readonly timeoutMs?: number;
  /** UDP loses packets: the command is sent again (same cookie, rtpengine answers it once) this often. */
  readonly retransmitMs?: number;
}

interface Pending {
  readonly command: string;
  resolve(reply: NgReply): void;
  reject(error: Error): void;
  readonly timers: ReturnType<typeof setTimeout>[];
}

/** The parts of an SDP offer/answer request every leg needs. */
export interface SdpRequest {
  readonly callId: string;
  readonly fromTag: string;
  /** The answerer's tag; required on answer. */
  readonly toTag?: string;
  readonly sdp: string;
  /** Leg flags (see leg-flags.ts). */
  readonly flags: NgParams;
}

/**
 * A typed client for one rtpengine. Each command is a promise that resolves with the reply
 * dictionary (result "ok" or "pong") and rejects with an NgError for "error" replies and
 * timeouts, so a caller never mistakes a refused offer for an SDP.
 */
export class NgClient {
  private readonly socket = dgram.createSocket('udp4');
  private readonly pending = new Map<string, Pending>();
  private readonly timeoutMs: number;
  private readonly retransmitMs: number;
  private closed = false;

  constructor(private readonly options: NgClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.retransmitMs = options.retransmitMs ?? 500;
    this.socket.on('message', (msg) => this.onReply(msg));
    this.socket.on('error', () => {}); // ICMP unreachable and the like: the command times out
    this.socket.unref();
  }

  get address(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  async ping(timeoutMs?: number): Promise<void> {
    const reply = await this.command('ping', {}, timeoutMs ? { timeoutMs } : {});
    if (reply.result !== 'pong') throw new NgError('ping', `unexpected result ${reply.result}`);
  }

  /** SDP rewritten for the other side of the call (the offer's recipient). */
  async offer(request: SdpRequest): Promise<string> {
    return this.sdpOf('offer', await this.command('offer', sdpParams(request)));
  }

  async answer(request: SdpRequest): Promise<string> {
    if (!request.toTag) throw new NgError('answer', 'to-tag missing');
    return this.sdpOf('answer', await this.command('answer', sdpParams(request)));
  }

  /** Ends the call's media; no error when rtpengine no longer knows it. */
  async delete(callId: string, fromTag?: string): Promise<void> {
    const reply = await this.command('delete', { 'call-id': callId, 'from-tag': fromTag }, { tolerate: true });
    if (reply.result === 'error' && !/unknown call/i.test(reply['error-reason'] ?? '')) {
      throw new NgError('delete', reply['error-reason'] ?? 'error');
    }
  }

  /** Plays a file (absolute path on rtpengine's machine) to the party of `fromTag`. */
  async playMedia(p: { callId: string; fromTag: string; file: string; repeatTimes?: number }): Promise<void> {
    await this.command('play media', { 'call-id': p.callId, 'from-tag': p.fromTag, file: p.file, 'repeat-times': p.repeatTimes });
  }

  async stopMedia(callId: string, fromTag: string): Promise<void> {
    await this.command('stop media', { 'call-id': callId, 'from-tag': fromTag });
  }

  /** Per-party stream statistics (packets, bytes) of a call. */
  async query(callId: string): Promise<NgReply> {
    return this.command('query', { 'call-id': callId });
  }

  /** Any ng command; rejects on an "error" reply unless `tolerate`. */
  command(command: string, params: NgParams, opts: { tolerate?: boolean; timeoutMs?: number } = {}): Promise<NgReply> {
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    if (this.closed) return Promise.reject(new NgError(command, 'client closed'));
    const cookie = randomBytes(8).toString('hex');
    const dict: Record<string, NgValue> = { command };
    for (const [key, value] of Object.entries(params)) if (value !== undefined) dict[key] = value;
    const packet = Buffer.concat([Buffer.from(`${cookie} `), bencode.encode(dict)]);
    return new Promise<NgReply>((resolve, reject) => {
      const send = (): void => this.socket.send(packet, this.options.port, this.options.host);
      const entry: Pending = {
        command,
        resolve: (reply) => {
          if (reply.result === 'error' && !opts.tolerate) reject(new NgError(command, reply['error-reason'] ?? 'error'));
          else resolve(reply);
        },
        reject,
        timers: [],
      };
      for (let at = this.retransmitMs; at < timeoutMs; at += this.retransmitMs) entry.timers.push(setTimeout(send, at));
      entry.timers.push(
        setTimeout(() => this.settle(cookie)?.reject(new NgError(command, `no reply from ${this.address} within ${timeoutMs} ms`)), timeoutMs),
      );
      this.pending.set(cookie, entry);
      send();
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const cookie of [...this.pending.keys()]) this.settle(cookie)?.reject(new NgError('close', 'client closed'));
    this.socket.close();
  }

  private sdpOf(command: string, reply: NgReply): string {
    if (!reply.sdp) throw new NgError(command, 'reply without SDP');
    return reply.sdp;
  }

  private settle(cookie: string): Pending | undefined {
    const entry = this.pending.get(cookie);
    if (!entry) return undefined;
    this.pending.delete(cookie);
    for (const t of entry.timers) clearTimeout(t);
    return entry;
  }

  private onReply(msg: Buffer): void {
    const space = msg.indexOf(0x20);
    if (space <= 0) return;
    const entry = this.settle(msg.subarray(0, space).toString('latin1'));
    if (!entry) return; // a late duplicate, or not ours
    let decoded: unknown;
    try {
      decoded = asText(bencode.decode(msg.subarray(space + 1)));
    } catch {
      entry.reject(new NgError(entry.command, 'unreadable reply'));
      return;
    }
    const reply = NgReply.safeParse(decoded);
    if (!reply.success) entry.reject(new NgError(entry.command, 'reply without a result'));
    else entry.resolve(reply.data);
  }
}

/** bencode 4 decodes byte strings as Uint8Array (its text mode throws); ng replies are text. */
function asText(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  if (Array.isArray(value)) return value.map(asText);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asText(v)]));
  return value;
}

function sdpParams(r: SdpRequest): NgParams {
  return { 'call-id': r.callId, 'from-tag': r.fromTag, 'to-tag': r.toTag, sdp: r.sdp, ...r.flags };
}
