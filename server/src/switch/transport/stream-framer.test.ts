import { describe, expect, it } from 'vitest';
import { StreamFramer } from './stream-framer.js';
import { responseTarget } from './plain-sip-address.js';

const msg = (body: string) => `OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('the TCP stream framer', () => {
  it('cuts messages at their Content-Length, across chunks and keep-alives', () => {
    const f = new StreamFramer(10_000);
    const two = `\r\n\r\n${msg('héllo')}${msg('')}`;
    const bytes = Buffer.from(two);
    const first = f.push(bytes.subarray(0, 20));
    expect(first.messages).toEqual([]);
    const rest = f.push(bytes.subarray(20));
    expect(rest.messages).toEqual([msg('héllo'), msg('')]);
  });

  it('gives up on a stream without Content-Length or beyond the size limit', () => {
    expect(new StreamFramer(10_000).push(Buffer.from('OPTIONS sip:x SIP/2.0\r\nVia: x\r\n\r\n')).error).toBe('no Content-Length');
    expect(new StreamFramer(100).push(Buffer.from(msg('x'.repeat(200)))).error).toBe('message too big');
    expect(new StreamFramer(100).push(Buffer.from('A'.repeat(200))).error).toBe('headers too long');
  });
});

describe('where a UDP response goes', () => {
  const response = (via: string) => `SIP/2.0 200 OK\r\nVia: ${via}\r\nCall-ID: 1\r\n\r\n`;
  it('to the source port with rport, else to the Via port, always at the source address', () => {
    expect(responseTarget(response('SIP/2.0/UDP 10.0.0.9:5070;rport;branch=z9hG4bK1'), '192.0.2.1', 40000)).toEqual({ address: '192.0.2.1', port: 40000 });
    expect(responseTarget(response('SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bK1'), '192.0.2.1', 40000)).toEqual({ address: '192.0.2.1', port: 5070 });
    expect(responseTarget(response('SIP/2.0/UDP host.example;branch=z9hG4bK1'), '192.0.2.1', 40000)).toEqual({ address: '192.0.2.1', port: 5060 });
  });
});
