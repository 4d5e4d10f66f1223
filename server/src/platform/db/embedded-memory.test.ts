import { describe, expect, it } from 'vitest';
import { embeddedMemory, sizeMb } from './embedded-memory.js';

const GB = 1024 ** 3;
const unset = { sharedBuffers: null, effectiveCacheSize: null };

describe('embeddedMemory', () => {
  it('gives shared_buffers a quarter and effective_cache_size half of the machine', () => {
    expect(embeddedMemory(unset, 16 * GB)).toMatchObject({ sharedBuffers: '4096MB', effectiveCacheSize: '8192MB', sized: { sharedBuffers: true, effectiveCacheSize: true } });
  });

  it('caps both on a large server and keeps PostgreSQL minimums on a small one', () => {
    expect(embeddedMemory(unset, 256 * GB)).toMatchObject({ sharedBuffers: '8192MB', effectiveCacheSize: '24576MB' });
    expect(embeddedMemory(unset, 0.25 * GB)).toMatchObject({ sharedBuffers: '128MB', effectiveCacheSize: '256MB' });
  });

  it('takes a setting from the environment as it is, and never plans a cache smaller than the buffers', () => {
    expect(embeddedMemory({ sharedBuffers: '2GB', effectiveCacheSize: null }, 2 * GB + 0.8 * GB)).toMatchObject({
      sharedBuffers: '2GB',
      effectiveCacheSize: '2048MB',
      sized: { sharedBuffers: false, effectiveCacheSize: true },
    });
    expect(embeddedMemory({ sharedBuffers: null, effectiveCacheSize: '1GB' }, 16 * GB).effectiveCacheSize).toBe('1GB');
  });

  it('refuses shared buffers the machine cannot hold, naming the setting', () => {
    expect(() => embeddedMemory({ sharedBuffers: '8GB', effectiveCacheSize: null }, 8 * GB)).toThrow(/KEFU_EMBEDDED_PG_SHARED_BUFFERS=8GB/);
  });

  it('reads sizes in the spelling config.ts writes', () => {
    expect([sizeMb('4096kB'), sizeMb('256MB'), sizeMb('2GB')]).toEqual([4, 256, 2048]);
  });
});
