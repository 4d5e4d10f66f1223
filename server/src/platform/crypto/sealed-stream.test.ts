import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { Keyring } from './keyring.js';
import { OpenStream, SealStream, SealedStreamError } from './sealed-stream.js';

const keyA = crypto.randomBytes(32);
const keyB = crypto.randomBytes(32);

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

async function seal(plain: Buffer, key = keyA, chunkBytes = 1000, pieces = 7): Promise<Buffer> {
  const ring = new Keyring([key]);
  const sealer = new SealStream(ring.current, { kind: 'test' }, chunkBytes);
  const parts = Array.from({ length: pieces }, (_, i) => plain.subarray(Math.floor((i * plain.length) / pieces), Math.floor(((i + 1) * plain.length) / pieces)));
  const [, out] = await Promise.all([pipeline(Readable.from(parts), sealer), collect(sealer)]);
  return out;
}

async function open(sealed: Buffer, keys = [keyA], pieces = 5): Promise<Buffer> {
  const opener = new OpenStream(new Keyring(keys));
  const parts = Array.from({ length: pieces }, (_, i) => sealed.subarray(Math.floor((i * sealed.length) / pieces), Math.floor(((i + 1) * sealed.length) / pieces)));
  const [, out] = await Promise.all([pipeline(Readable.from(parts), opener), collect(opener)]);
  return out;
}

async function failure(p: Promise<unknown>): Promise<SealedStreamError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(SealedStreamError);
  return err as SealedStreamError;
}

describe('sealed streams', () => {
  it.each([0, 1, 999, 1000, 1001, 5000, 12_345])('give back exactly the %i bytes sealed, whatever the piece sizes', async (n) => {
    const plain = crypto.randomBytes(n);
    const sealed = await seal(plain);
    if (n >= 16) expect(sealed.includes(plain.subarray(0, 16))).toBe(false);
    expect((await open(sealed, [keyA], 3)).equals(plain)).toBe(true);
  });

  it('are opened by an older key kept in the ring after a rotation', async () => {
    const plain = crypto.randomBytes(3000);
    const sealed = await seal(plain, keyA);
    expect((await open(sealed, [keyB, keyA])).equals(plain)).toBe(true);
  });

  it('refuse the wrong key by naming the key the file needs', async () => {
    const sealed = await seal(crypto.randomBytes(3000), keyA);
    const err = await failure(open(sealed, [keyB]));
    expect(err.reason).toBe('unknown-key');
    expect(err.message).toContain('KEFU_DATA_KEY');
  });

  it('fail on a changed byte anywhere after the header', async () => {
    const sealed = await seal(crypto.randomBytes(5000));
    for (const at of [sealed.length - 1, sealed.length - 2000, sealed.length - 4500]) {
      const bad = Buffer.from(sealed);
      bad[at]! ^= 1;
      expect((await failure(open(bad))).reason).toBe('damaged');
    }
  });

  it('fail on a changed header, a dropped chunk and a cut-off end', async () => {
    const sealed = await seal(crypto.randomBytes(5000));
    const headerEnd = sealed.indexOf('}}') + 2;
    const badHeader = Buffer.from(sealed);
    badHeader[headerEnd - 5] = badHeader[headerEnd - 5] === 0x74 ? 0x75 : 0x74; // inside "test"
    expect((await failure(open(badHeader))).reason).toBe('damaged');
    const record = 1000 + 16;
    const dropped = Buffer.concat([sealed.subarray(0, headerEnd), sealed.subarray(headerEnd + record)]);
    expect((await failure(open(dropped))).reason).toBe('damaged');
    // Cut exactly at a chunk boundary: every remaining chunk is whole, but none is the last.
    const cut = sealed.subarray(0, headerEnd + 3 * record);
    expect((await failure(open(cut))).reason).toBe('damaged');
  });

  it('refuse what is not a sealed file', async () => {
    expect((await failure(open(Buffer.from('PGDMP plain dump')))).reason).toBe('not-sealed');
    expect((await failure(open(Buffer.alloc(0)))).reason).toBe('not-sealed');
  });
});
