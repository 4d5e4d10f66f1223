import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeKey, keyIdOf, KeyringError, loadKeyring } from './keyring.js';

const b64 = () => crypto.randomBytes(32).toString('base64');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-keyring-'));

describe('the data keyring', () => {
  it('takes only base64 keys of exactly 32 bytes', () => {
    expect(decodeKey(b64())).not.toBeNull();
    expect(decodeKey(crypto.randomBytes(32).toString('base64url'))).not.toBeNull();
    expect(decodeKey(crypto.randomBytes(16).toString('base64'))).toBeNull();
    expect(decodeKey('not a key')).toBeNull();
  });

  it('refuses to run without a key outside the demo, naming both variables', () => {
    const err = (() => {
      try {
        loadKeyring({ dataKey: null, dataKeyFile: null, generateAt: null });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(KeyringError);
    expect(err!.message).toMatch(/KEFU_DATA_KEY .*KEFU_DATA_KEY_FILE/);
  });

  it('encrypts with the environment key and still reads with the older keys of the key file', () => {
    const dir = tmp();
    const current = b64();
    const older = b64();
    fs.writeFileSync(path.join(dir, 'keys'), `# rotated\n${older}\n`);
    const { keyring } = loadKeyring({ dataKey: current, dataKeyFile: path.join(dir, 'keys'), generateAt: null });
    expect(keyring.current.id).toBe(keyIdOf(Buffer.from(current, 'base64')));
    expect(keyring.find(keyIdOf(Buffer.from(older, 'base64')))).toBeDefined();
  });

  it('names a bad key file line by number without quoting it', () => {
    const dir = tmp();
    const file = path.join(dir, 'keys');
    fs.writeFileSync(file, `${b64()}\nsecret-looking-but-short\n`);
    expect(() => loadKeyring({ dataKey: null, dataKeyFile: file, generateAt: null })).toThrow(/Line 2 of the data key file/);
    expect(() => loadKeyring({ dataKey: null, dataKeyFile: file, generateAt: null })).not.toThrow(/secret-looking/);
  });

  it('makes a key file readable by its owner only in the demo, once, and reuses it', () => {
    const file = path.join(tmp(), 'data-key');
    const first = loadKeyring({ dataKey: null, dataKeyFile: null, generateAt: file });
    expect(first.generated).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const second = loadKeyring({ dataKey: null, dataKeyFile: null, generateAt: file });
    expect(second.generated).toBeNull();
    expect(second.keyring.current.id).toBe(first.keyring.current.id);
  });
});
