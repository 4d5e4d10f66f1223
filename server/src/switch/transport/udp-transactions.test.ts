import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { transactionKeys, UdpTransactions } from './udp-transactions.js';

const T1 = 500;

function request(method: string, branch: string, cseq = 1, callId = 'c1'): string {
  return [`${method} sip:x@127.0.0.1 SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:5070;branch=${branch}`, 'From: <sip:a@b>;tag=1', 'To: <sip:x@b>', `Call-ID: ${callId}`, `CSeq: ${cseq} ${method}`, 'Content-Length: 0', '', ''].join('\r\n');
}

function response(status: number, method: string, branch: string, cseq = 1, callId = 'c1'): string {
  return [`SIP/2.0 ${status} X`, `Via: SIP/2.0/UDP 127.0.0.1:5070;branch=${branch}`, 'From: <sip:a@b>;tag=1', 'To: <sip:x@b>;tag=2', `Call-ID: ${callId}`, `CSeq: ${cseq} ${method}`, 'Content-Length: 0', '', ''].join('\r\n');
}

describe('UDP transactions (RFC 3261 §17)', () => {
  let tx: UdpTransactions;
  beforeEach(() => {
    vi.useFakeTimers();
    tx = new UdpTransactions({ t1Ms: T1, t2Ms: 4_000 });
  });
  afterEach(() => {
    tx.close();
    vi.useRealTimers();
  });

  it('reads the keys of a message from its header fields', () => {
    expect(transactionKeys(request('INVITE', 'z9hG4bKa', 7))).toEqual({ isRequest: true, method: 'INVITE', status: 0, branch: 'z9hG4bKa', callId: 'c1', cseq: 7 });
    expect(transactionKeys(response(180, 'INVITE', 'z9hG4bKa'))).toMatchObject({ isRequest: false, status: 180 });
    expect(transactionKeys('garbage')).toBeUndefined();
  });

  it('repeats an INVITE at T1, 2T1, 4T1… until a response, then stops (Timer A)', () => {
    const resend = vi.fn();
    tx.sent('p', request('INVITE', 'z9hG4bKi'), resend);
    vi.advanceTimersByTime(T1);
    expect(resend).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2 * T1);
    expect(resend).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(4 * T1);
    expect(resend).toHaveBeenCalledTimes(3);
    expect(tx.received('p', response(100, 'INVITE', 'z9hG4bKi'), () => {})).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(resend).toHaveBeenCalledTimes(3);
  });

  it('gives up on a request nobody answers at 64*T1 (Timer B/F), non-INVITE capped at T2 (Timer E)', () => {
    const resend = vi.fn();
    tx.sent('p', request('BYE', 'z9hG4bKb', 2), resend);
    vi.advanceTimersByTime(64 * T1);
    // 0.5, 1.5, 3.5, 7.5, then every 4 s up to 32 s: 4 + 6 = 10.
    expect(resend).toHaveBeenCalledTimes(10);
    vi.advanceTimersByTime(60_000);
    expect(resend).toHaveBeenCalledTimes(10);
  });

  it('repeats a final response to INVITE until the ACK (Timer G), and no longer than 64*T1 (Timer H)', () => {
    const resend = vi.fn();
    tx.received('p', request('INVITE', 'z9hG4bKg'), () => {});
    tx.sent('p', response(486, 'INVITE', 'z9hG4bKg'), resend);
    vi.advanceTimersByTime(3 * T1);
    expect(resend).toHaveBeenCalledTimes(2);
    tx.received('p', request('ACK', 'z9hG4bKg'), () => {});
    vi.advanceTimersByTime(60_000);
    expect(resend).toHaveBeenCalledTimes(2);

    const unacked = vi.fn();
    tx.received('p', request('INVITE', 'z9hG4bKh', 1, 'c2'), () => {});
    tx.sent('p', response(200, 'INVITE', 'z9hG4bKh', 1, 'c2'), unacked);
    vi.advanceTimersByTime(64 * T1);
    const atTimerH = unacked.mock.calls.length;
    vi.advanceTimersByTime(60_000);
    expect(unacked.mock.calls.length).toBe(atTimerH);
  });

  it('answers a retransmitted request with the last response and does not pass it up again', () => {
    const replies: string[] = [];
    const reply = (raw: string) => replies.push(raw);
    expect(tx.received('p', request('INVITE', 'z9hG4bKr'), reply)).toBe(true);
    expect(tx.received('p', request('INVITE', 'z9hG4bKr'), reply)).toBe(false); // nothing sent yet: absorbed
    expect(replies).toEqual([]);
    const trying = response(100, 'INVITE', 'z9hG4bKr');
    tx.sent('p', trying, () => {});
    expect(tx.received('p', request('INVITE', 'z9hG4bKr'), reply)).toBe(false);
    expect(replies).toEqual([trying]);
    // Another peer with the same branch is another transaction.
    expect(tx.received('q', request('INVITE', 'z9hG4bKr'), reply)).toBe(true);
  });

  it('sends our ACK again when a 2xx to our INVITE comes again', () => {
    const ack = request('ACK', 'z9hG4bKack', 1, 'c3');
    tx.sent('p', ack, () => {});
    const replies: string[] = [];
    expect(tx.received('p', response(200, 'INVITE', 'z9hG4bKinv', 1, 'c3'), (r) => replies.push(r))).toBe(false);
    expect(replies).toEqual([ack]);
  });
});
