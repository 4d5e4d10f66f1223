// The data keys: AES-256 keys that encrypt backups (and, later, sensitive fields). The current
// key encrypts; every key in the ring decrypts. Each key is known by an id derived from the key
// itself, written beside everything it encrypts, so after a rotation the right key is found
// without anyone naming keys: keep the old key in the key file under the new one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const KEY_BYTES = 32;

export interface DataKey {
  /** 16 hex digits from a hash of the key: names it in files, reveals nothing of it. */
  readonly id: string;
  readonly key: Buffer;
}

export class KeyringError extends Error {
  override readonly name = 'KeyringError';
}

/** The id a key is known by. A hash with its own label, so the id is no use against the key. */
export function keyIdOf(key: Buffer): string {
  return crypto.createHash('sha256').update('kefu data key id\0').update(key).digest('hex').slice(0, 16);
}

/** A key written as base64 (standard or URL-safe) of exactly 32 bytes; null when it is not one. */
export function decodeKey(text: string): Buffer | null {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(t)) return null;
  const key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === KEY_BYTES ? key : null;
}

export class Keyring {
  private readonly byId: Map<string, DataKey>;

  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0) throw new KeyringError('A keyring needs at least one key');
    this.byId = new Map();
    for (const key of keys) {
      const id = keyIdOf(key);
      if (!this.byId.has(id)) this.byId.set(id, { id, key });
    }
    this.current = { id: keyIdOf(keys[0]!), key: keys[0]! };
  }

  /** The key new data is encrypted with. */
  readonly current: DataKey;

  find(id: string): DataKey | undefined {
    return this.byId.get(id);
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }
}

export interface KeySource {
  /** KEFU_DATA_KEY: one base64 key, the current one. Secret. */
  dataKey: string | null;
  /** KEFU_DATA_KEY_FILE: base64 keys one a line (# comments allowed), the current one first. */
  dataKeyFile: string | null;
  /**
   * Where to make a key when none is configured, or null to refuse. Only the demo set-up makes
   * one: a key made silently beside a production database would be lost with the machine,
   * and every backup with it.
   */
  generateAt: string | null;
}

export interface LoadedKeyring {
  keyring: Keyring;
  /** The key file this run created, so the caller can tell the operator to keep a copy. */
  generated: string | null;
}

export const NO_KEY_HELP =
  'No data key: set KEFU_DATA_KEY to a base64 key of 32 bytes (make one with `openssl rand -base64 32`) ' +
  'or KEFU_DATA_KEY_FILE to a file holding one (readable by kefu only), and keep a copy of the key away from the backups.';

function readKeyFile(file: string): Buffer[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new KeyringError(`Cannot read the data key file ${file} (KEFU_DATA_KEY_FILE): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  return lines.map((line, i) => {
    const key = decodeKey(line);
    // The line itself is never quoted: it may be most of a key.
    if (!key) throw new KeyringError(`Line ${i + 1} of the data key file ${file} is not a base64 key of 32 bytes`);
    return key;
  });
}

/** The configured keys; makes a key file (mode 0600) at `generateAt` when allowed and none is set. */
export function loadKeyring(source: KeySource): LoadedKeyring {
  const keys: Buffer[] = [];
  if (source.dataKey !== null) {
    const key = decodeKey(source.dataKey);
    if (!key) throw new KeyringError('KEFU_DATA_KEY is not a base64 key of 32 bytes');
    keys.push(key);
  }
  if (source.dataKeyFile !== null) keys.push(...readKeyFile(source.dataKeyFile));
  if (keys.length > 0) return { keyring: new Keyring(keys), generated: null };
  if (source.generateAt === null) throw new KeyringError(NO_KEY_HELP);
  if (fs.existsSync(source.generateAt)) {
    const found = readKeyFile(source.generateAt);
    if (found.length === 0) throw new KeyringError(`The data key file ${source.generateAt} holds no key`);
    return { keyring: new Keyring(found), generated: null };
  }
  const key = crypto.randomBytes(KEY_BYTES);
  fs.mkdirSync(path.dirname(source.generateAt), { recursive: true });
  try {
    // 'wx': never overwrite a key another process wrote a moment ago; use that one instead.
    fs.writeFileSync(source.generateAt, `# kefu data key, made ${new Date().toISOString()}. Keep a copy away from the backups.\n${key.toString('base64')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { keyring: new Keyring(readKeyFile(source.generateAt)), generated: null };
  }
  return { keyring: new Keyring([key]), generated: source.generateAt };
}
