import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../../contract/index.js';
import { httpStatusFor } from './error-status.js';

describe('httpStatusFor', () => {
  it('maps only server faults to 5xx', () => {
    const fiveHundreds = ERROR_CODES.filter((c) => httpStatusFor(c) >= 500);
    expect(fiveHundreds.sort()).toEqual(['INTERNAL', 'UNAVAILABLE']);
  });
});
