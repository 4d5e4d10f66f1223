import { describe, expect, it } from 'vitest';
import { callerNumberOf } from '../../../contract/index.js';
import { storedCallerNumber } from './caller-number.js';

describe("the caller's number", () => {
  it('is the normalised number when the server could read it, else the number as dialled', () => {
    expect(callerNumberOf('+8613800138000', '013800138000')).toBe('+8613800138000');
    expect(callerNumberOf(null, 'anonymous')).toBe('anonymous');
  });

  it('is cut to the call log column for an unreadable long number', () => {
    expect(storedCallerNumber(null, 'sip:someone-with-a-long-name@example.org')).toBe('sip:someone-with-a-l');
    expect(storedCallerNumber('+8613800138000', 'sip:someone-with-a-long-name@example.org')).toBe('+8613800138000');
  });
});
