import { describe, expect, it } from 'vitest';
import { isDialToken } from '../../../contract/index.js';
import { DialTokens } from './dial-tokens.js';

describe('dial tokens', () => {
  it('stand for the number once, for the user they were issued to', () => {
    const tokens = new DialTokens(() => 0);
    const a = tokens.issue(7, '+8613800138000');
    expect(isDialToken(a)).toBe(true);
    expect(a).not.toContain('138');
    expect(tokens.take(a, 7)).toBe('+8613800138000');
    expect(tokens.take(a, 7)).toBeNull();
    const b = tokens.issue(7, '+8613800138000');
    expect(tokens.take(b, 8)).toBeNull();
    expect(tokens.take(b, 7)).toBeNull(); // spent by the wrong phone's try
  });

  it('expire after a minute', () => {
    let now = 1_000;
    const tokens = new DialTokens(() => now);
    const a = tokens.issue(7, '+8613800138000');
    const b = tokens.issue(7, '+8613900139000');
    now += 60_000;
    expect(tokens.take(a, 7)).toBe('+8613800138000');
    now += 1;
    expect(tokens.take(b, 7)).toBeNull();
  });
});
