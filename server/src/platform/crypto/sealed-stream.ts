// A stream sealed with AES-256-GCM, a chunk at a time, so gigabytes pass through in constant
// memory. GCM authenticates each chunk; the chunk's number and a last-chunk flag are in its
// nonce and the header is every chunk's associated data, so chunks cannot be reordered,
// dropped, cut off at the end or moved under another header without the opening failing.
//
//   "KEFUSEAL" | version (1 byte) | header length (uint16 BE) | header (JSON)
//   then chunks: ciphertext of `chunkBytes` bytes (the last one: 0..chunkBytes) | 16-byte tag
//
// The header names the data key by its id (keyring.ts) and carries a random salt: each stream
// is encrypted with its own key, HKDF(data key, salt), so nonces never repeat under one key
// however many streams a data key seals.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { z } from 'zod';
import type { DataKey, Keyring } from './keyring.js';

const MAGIC = Buffer.from('KEFUSEAL');
const VERSION = 1;
const PREFIX_BYTES = MAGIC.length + 1 + 2;
const TAG_BYTES = 16;
const MAX_HEADER_BYTES = 16 * 1024;
const MAX_CHUNK_BYTES = 16 * 1024 * 1024;
export const DEFAULT_CHUNK_BYTES = 256 * 1024;

const SealedHeader = z
  .object({
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    salt: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
    chunkBytes: z.number().int().min(1).max(MAX_CHUNK_BYTES),
    /** What the caller wrote about the contents (e.g. which pg_dump made them). */
    meta: z.record(z.unknown()),
  })
  .strict();
export type SealedHeader = z.infer<typeof SealedHeader>;

export type SealedStreamFailure = 'not-sealed' | 'unknown-key' | 'damaged';

export class SealedStreamError extends Error {
  override readonly name = 'SealedStreamError';
  constructor(
    readonly reason: SealedStreamFailure,
    message: string,
  ) {
    super(message);
  }
}

function streamKey(dataKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', dataKey, salt, 'kefu sealed stream v1', 32));
}

function nonce(counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 0, 6);
  n[11] = last ? 1 : 0;
  return n;
}

/** Encrypts what is written to it; the output is the sealed stream. */
export class SealStream extends Transform {
  private readonly key: Buffer;
  private readonly aad: Buffer;
  private pending: Buffer = Buffer.alloc(0);
  private counter = 0;
  private headerSent = false;

  constructor(
    dataKey: DataKey,
    meta: Record<string, unknown>,
    private readonly chunkBytes = DEFAULT_CHUNK_BYTES,
  ) {
    super();
    const salt = crypto.randomBytes(16);
    this.key = streamKey(dataKey.key, salt);
    const header: SealedHeader = { keyId: dataKey.id, salt: salt.toString('base64'), chunkBytes, meta };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    if (json.length > MAX_HEADER_BYTES) throw new Error('The sealed stream header is too large');
    const prefix = Buffer.alloc(PREFIX_BYTES);
    MAGIC.copy(prefix);
    prefix[MAGIC.length] = VERSION;
    prefix.writeUInt16BE(json.length, MAGIC.length + 1);
    this.aad = Buffer.concat([prefix, json]);
  }

  private seal(plain: Buffer, last: boolean): void {
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, nonce(this.counter++, last));
    cipher.setAAD(this.aad);
    this.push(Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]));
  }

  private sendHeader(): void {
    if (this.headerSent) return;
    this.headerSent = true;
    this.push(this.aad);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.sendHeader();
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    // A full chunk is sealed as "not last" only once more data is known to follow it.
    let at = 0;
    while (this.pending.length - at > this.chunkBytes) {
      this.seal(this.pending.subarray(at, at + this.chunkBytes), false);
      at += this.chunkBytes;
    }
    this.pending = at ? Buffer.from(this.pending.subarray(at)) : this.pending;
    done();
  }

  override _flush(done: TransformCallback): void {
    this.sendHeader();
    this.seal(this.pending, true);
    this.pending = Buffer.alloc(0);
    done();
  }
}

function parseHeader(buf: Buffer): { header: SealedHeader; aad: Buffer } | 'need-more' {
  if (buf.length < PREFIX_BYTES) {
    if (!MAGIC.subarray(0, buf.length).equals(buf.subarray(0, MAGIC.length))) throw notSealed();
    return 'need-more';
  }
  if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) throw notSealed();
  if (buf[MAGIC.length] !== VERSION) throw new SealedStreamError('not-sealed', `Sealed with format version ${buf[MAGIC.length]}, which this kefu does not read`);
  const length = buf.readUInt16BE(MAGIC.length + 1);
  if (length > MAX_HEADER_BYTES) throw new SealedStreamError('damaged', 'The file header is damaged');
  if (buf.length < PREFIX_BYTES + length) return 'need-more';
  let json: unknown;
  try {
    json = JSON.parse(buf.subarray(PREFIX_BYTES, PREFIX_BYTES + length).toString('utf8'));
  } catch {
    throw new SealedStreamError('damaged', 'The file header is damaged');
  }
  const parsed = SealedHeader.safeParse(json);
  if (!parsed.success) throw new SealedStreamError('damaged', 'The file header is damaged');
  return { header: parsed.data, aad: Buffer.from(buf.subarray(0, PREFIX_BYTES + length)) };
}

const notSealed = () => new SealedStreamError('not-sealed', 'Not an encrypted kefu file');

/** Decrypts a sealed stream; fails (as a stream error) at the first chunk that does not authenticate. */
export class OpenStream extends Transform {
  private buf: Buffer = Buffer.alloc(0);
  private key: Buffer | null = null;
  private aad: Buffer | null = null;
  private chunkBytes = 0;
  private counter = 0;
  header: SealedHeader | null = null;

  constructor(private readonly keyring: Keyring) {
    super();
  }

  private open(sealed: Buffer, last: boolean): void {
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key!, nonce(this.counter++, last));
    decipher.setAAD(this.aad!);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      this.push(Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]));
    } catch {
      throw new SealedStreamError(
        'damaged',
        last ? 'The file was changed, damaged or cut short: its end does not authenticate' : `The file was changed or damaged: part ${this.counter} does not authenticate`,
      );
    }
  }

  private startIfHeader(): boolean {
    if (this.key) return true;
    const parsed = parseHeader(this.buf);
    if (parsed === 'need-more') return false;
    const dataKey = this.keyring.find(parsed.header.keyId);
    if (!dataKey) {
      throw new SealedStreamError(
        'unknown-key',
        `The file was encrypted with data key ${parsed.header.keyId}, which is not among the configured keys (${this.keyring.ids.join(', ')}). ` +
          'Set KEFU_DATA_KEY or KEFU_DATA_KEY_FILE to the key it was made with.',
      );
    }
    this.header = parsed.header;
    this.emit('header', parsed.header);
    this.key = streamKey(dataKey.key, Buffer.from(parsed.header.salt, 'base64'));
    this.aad = parsed.aad;
    this.chunkBytes = parsed.header.chunkBytes;
    this.buf = Buffer.from(this.buf.subarray(parsed.aad.length));
    return true;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
      if (!this.startIfHeader()) return done();
      const record = this.chunkBytes + TAG_BYTES;
      let at = 0;
      // Only a record followed by more data is "not last"; the last one is known at the end.
      while (this.buf.length - at > record) {
        this.open(this.buf.subarray(at, at + record), false);
        at += record;
      }
      if (at) this.buf = Buffer.from(this.buf.subarray(at));
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (!this.startIfHeader()) throw this.buf.length ? new SealedStreamError('damaged', 'The file is cut short: its header is incomplete') : notSealed();
      if (this.buf.length < TAG_BYTES) throw new SealedStreamError('damaged', 'The file is cut short');
      this.open(this.buf, true);
      done();
    } catch (err) {
      done(err as Error);
    }
  }
}

/** The header of a sealed file, read without decrypting (nothing in it is secret or trusted yet). */
export async function readSealedHeader(file: string): Promise<SealedHeader> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(PREFIX_BYTES + MAX_HEADER_BYTES);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const parsed = parseHeader(buf.subarray(0, bytesRead));
    if (parsed === 'need-more') throw new SealedStreamError('damaged', 'The file is cut short: its header is incomplete');
    return parsed.header;
  } finally {
    await handle.close();
  }
}
