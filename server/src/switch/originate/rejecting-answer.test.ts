import { describe, expect, it } from 'vitest';
import { reasonHeader, rejectingAnswer } from './rejecting-answer.js';

describe('the answer that declines a lead\'s offer', () => {
  it('declines every stream with port zero and keeps one format each (RFC 3264 §6)', () => {
    const offer = ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 40000 UDP/TLS/RTP/SAVPF 111 0 8', 'a=rtpmap:111 opus/48000/2', 'm=video 40002 RTP/AVP 96'].join('\r\n');
    const answer = rejectingAnswer(offer);
    expect(answer.contentType).toBe('application/sdp');
    expect(answer.content.split('\r\n').filter((l) => l.startsWith('m='))).toEqual(['m=audio 0 UDP/TLS/RTP/SAVPF 111', 'm=video 0 RTP/AVP 96']);
  });

  it('says why in a Reason header a peer cannot break out of', () => {
    expect(reasonHeader(480, 'no agent "free"\r\nX: y')).toEqual(['Reason', 'SIP;cause=480;text="no agent freeX: y"']);
  });
});
