import { describe, expect, it } from 'vitest';
import { fileNameOfCallId } from './recording-files.js';

describe('a Call-ID in rtpengine’s file names', () => {
  it('is percent-encoded but for letters, digits and -._~', () => {
    expect(fileNameOfCallId('probe-1@host')).toBe('probe-1%40host');
    expect(fileNameOfCallId("a.b_c~d!e'(f)*/g")).toBe("a.b_c~d%21e%27%28f%29%2A%2Fg");
  });
});
