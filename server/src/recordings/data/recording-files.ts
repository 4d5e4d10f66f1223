// Where recordings live on disk, under the media plane's recording directory:
//   pcaps/, metadata/  what rtpengine writes while a call is recorded (clear audio: removed as
//                      soon as the call's WAV is sealed)
//   sealed/            one file per recording: the stereo WAV sealed with the data key
//                      (platform/crypto/sealed-stream.ts: AES-256-GCM, chunk by chunk)
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Keyring } from '../../platform/crypto/keyring.js';
import { OpenStream, SealStream } from '../../platform/crypto/sealed-stream.js';

const SEALED_NAME = /^\d+-[0-9a-f]{8}\.wav\.sealed$/;

/**
 * A Call-ID as rtpengine writes it in file names (GLib's g_uri_escape_string: every byte but
 * letters, digits and -._~ percent-encoded), so "a1b2@carrier" is "a1b2%40carrier".
 */
export function fileNameOfCallId(sipCallId: string): string {
  return encodeURIComponent(sipCallId).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export class RecordingFiles {
  constructor(
    /** The media plane's recording directory (rtpengine's --recording-dir). */
    readonly dir: string,
    private readonly keyring: Keyring,
  ) {}

  private get sealedDir(): string {
    return path.join(this.dir, 'sealed');
  }

  /** The pcap files rtpengine wrote for a call (one per stretch recorded: <call-id>-<16 hex>.pcap). */
  async capturesOf(sipCallId: string): Promise<string[]> {
    const name = new RegExp(`^${escapeRegExp(fileNameOfCallId(sipCallId))}-[0-9a-f]{16}\\.pcap$`);
    return (await this.namesIn('pcaps')).filter((f) => name.test(f)).map((f) => path.join(this.dir, 'pcaps', f));
  }

  /** Removes what rtpengine wrote for a call: clear audio must not outlive its sealed copy. */
  async removeCaptures(sipCallId: string): Promise<void> {
    const id = escapeRegExp(fileNameOfCallId(sipCallId));
    const ours = new RegExp(`^(rtpengine-meta-)?${id}-[0-9a-f]{16}\\.(pcap|txt|tmp)$`);
    for (const sub of ['pcaps', 'metadata', 'tmp']) {
      for (const f of await this.namesIn(sub)) if (ours.test(f)) await fs.promises.rm(path.join(this.dir, sub, f), { force: true });
    }
  }

  /** Seals a WAV under the current data key; returns the file's name and size. */
  async seal(recordingId: number, wav: Buffer): Promise<{ fileName: string; bytes: number }> {
    await fs.promises.mkdir(this.sealedDir, { recursive: true, mode: 0o700 });
    const fileName = `${recordingId}-${randomBytes(4).toString('hex')}.wav.sealed`;
    const file = path.join(this.sealedDir, fileName);
    // Written beside, then renamed: a half-written file never carries the final name.
    await pipeline(Readable.from([wav]), new SealStream(this.keyring.current, { kind: 'call-recording', recordingId }), fs.createWriteStream(`${file}.part`, { mode: 0o600 }));
    await fs.promises.rename(`${file}.part`, file);
    return { fileName, bytes: (await fs.promises.stat(file)).size };
  }

  /** The WAV of a sealed recording; throws when it is missing, damaged or its key is not configured. */
  async open(fileName: string): Promise<Buffer> {
    if (!SEALED_NAME.test(fileName)) throw new Error('not a recording file name');
    const chunks: Buffer[] = [];
    const opener = new OpenStream(this.keyring);
    opener.on('data', (c: Buffer) => chunks.push(c));
    await pipeline(fs.createReadStream(path.join(this.sealedDir, fileName)), opener);
    return Buffer.concat(chunks);
  }

  async remove(fileName: string): Promise<void> {
    if (SEALED_NAME.test(fileName)) await fs.promises.rm(path.join(this.sealedDir, fileName), { force: true });
  }

  /** The sealed recording files on disk last written before `before`. */
  async sealedFilesBefore(before: Date): Promise<string[]> {
    const out: string[] = [];
    for (const name of await this.namesIn('sealed')) {
      if (!SEALED_NAME.test(name)) continue;
      const stat = await fs.promises.stat(path.join(this.sealedDir, name)).catch(() => null);
      if (stat && stat.mtime < before) out.push(name);
    }
    return out;
  }

  private async namesIn(sub: string): Promise<string[]> {
    try {
      return await fs.promises.readdir(path.join(this.dir, sub));
    } catch (err) {
      // Gone, or not a directory any more: nothing of ours is there.
      if (['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) return [];
      throw err;
    }
  }
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
