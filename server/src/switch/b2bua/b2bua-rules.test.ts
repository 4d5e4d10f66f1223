import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../platform/token-bucket.js';
import { callerStatusFor, offerFailureFor, releaseReason, worstFailure } from './offer-failure.js';
import { dtmfFromInfo, sdpMeansHold } from './sdp.js';
import { presentedCaller } from './presented-caller.js';

describe('hold detection from the SDP offer', () => {
  it.each([
    ['a=sendonly', true],
    ['a=inactive', true],
    ['c=IN IP4 0.0.0.0', true],
    ['a=sendrecv', false],
    ['a=recvonly', false],
  ])('%s → %s', (line, hold) => {
    expect(sdpMeansHold(`v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n${line}\r\n`)).toBe(hold);
  });
});

describe('DTMF from INFO', () => {
  it('reads dtmf-relay and plain dtmf bodies', () => {
    expect(dtmfFromInfo('application/dtmf-relay', 'Signal=5\r\nDuration=160')).toBe('5');
    expect(dtmfFromInfo('application/dtmf-relay; charset=x', 'Signal= #\r\n')).toBe('#');
    expect(dtmfFromInfo('application/dtmf', 'a')).toBe('A');
  });
  it('ignores anything else', () => {
    expect(dtmfFromInfo('application/dtmf-relay', 'Signal=55')).toBeUndefined();
    expect(dtmfFromInfo('text/plain', 'Signal=5')).toBeUndefined();
    expect(dtmfFromInfo(undefined, '5')).toBeUndefined();
  });
});

describe('offer failures', () => {
  it('maps agent responses to what the ACD hears', () => {
    expect(offerFailureFor(486)).toBe('rejected');
    expect(offerFailureFor(603)).toBe('rejected');
    expect(offerFailureFor(600)).toBe('busy');
    expect(offerFailureFor(480)).toBe('unreachable');
    expect(offerFailureFor('timeout')).toBe('unreachable');
    expect(offerFailureFor('closed')).toBe('unreachable');
    expect(offerFailureFor(500)).toBe('failed');
  });
  it('reports the most telling failure of several phones', () => {
    expect(worstFailure(['unreachable', 'rejected'])).toBe('rejected');
    expect(worstFailure(['failed', 'unreachable'])).toBe('unreachable');
    expect(worstFailure([])).toBe('failed');
  });
  it('words the status the ACD releases a waiting caller with', () => {
    expect([releaseReason(486), releaseReason(503), releaseReason(480)]).toEqual(['Busy Here', 'Service Unavailable', 'Temporarily Unavailable']);
  });
  it('relays the callee status to a direct caller, 480 when there is none', () => {
    expect(callerStatusFor(486)).toBe(486);
    expect(callerStatusFor(487)).toBe(480);
    expect(callerStatusFor('timeout')).toBe(480);
  });
});

describe('TokenBucket', () => {
  it('allows a burst, then the refill rate', () => {
    let now = 0;
    const bucket = new TokenBucket(3, 2, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now += 500;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now += 60_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});

describe('the caller a called party sees', () => {
  const agent = { number: '1001', displayName: 'Li Na', isStaff: true };
  it("shows the site's default number to a customer, without the agent's name", () => {
    expect(presentedCaller(agent, false, '+864008001234')).toEqual({ number: '+864008001234', displayName: null });
  });
  it('keeps the own number between colleagues, without a default, and for callers who are not staff', () => {
    expect(presentedCaller(agent, true, '+864008001234')).toEqual({ number: '1001', displayName: 'Li Na' });
    expect(presentedCaller(agent, false, null)).toEqual({ number: '1001', displayName: 'Li Na' });
    expect(presentedCaller({ ...agent, number: '+8613800138000', isStaff: false }, false, '+864008001234').number).toBe('+8613800138000');
  });
});
