// A raw SIP-over-WebSocket user agent for load: no media, no retransmissions (WS is reliable).
// As an agent it REGISTERs (digest MD5 when challenged) and auto-answers every INVITE with
// 180 then 200 + canned SDP, and answers BYE. As a caller it places INVITEs, ACKs the 200 and
// sends BYE on request, following the route set (Record-Route) when a proxy sits in between.
import { createHash } from 'node:crypto';
import { WebSocket } from 'ws';
import { buildMessage, buildResponse, header, headersNamed, newBranch, parseSip, rand, SDP, splitList, tagOf, uriOf, type SipMessage } from './sip-wire.js';

const TX_TIMEOUT_MS = 10_000;

export interface UaOptions {
  readonly url: string;
  readonly domain: string;
  readonly username: string;
  readonly password?: string;
  /** Called when an initial INVITE reaches this UA (agent role), before 180 is sent. */
  readonly onIncomingInvite?: (msg: SipMessage, at: bigint) => void;
}

export interface Dialog {
  readonly callId: string;
  readonly from: string;
  readonly to: string;
  readonly remoteTarget: string;
  readonly routes: string[];
  cseq: number;
}

export interface CallHandlers {
  /** Any final response to the INVITE (2xx included); `dialog` is set for 2xx (ACK already sent). */
  onFinal(status: number, at: bigint, dialog: Dialog | undefined): void;
  /** Every response to the INVITE, provisional ones included, before onFinal. */
  onResponse?(msg: SipMessage, at: bigint): void;
}

type TxHandler = (msg: SipMessage | undefined) => void;

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

function param(challenge: string, name: string): string | undefined {
  const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^,\\s]+))`, 'i').exec(challenge);
  return m ? (m[1] ?? m[2]) : undefined;
}

export class LoadUa {
  readonly host = `${rand(4)}.invalid`;
  readonly contact: string;
  readonly aor: string;
  private ws: WebSocket | undefined;
  private readonly tx = new Map<string, { handler: TxHandler; timer: NodeJS.Timeout }>();
  /** Agent role: To tags of dialogs we answered, by Call-ID (ACK/BYE matching is lenient). */
  private readonly answered = new Map<string, string>();
  sendErrors = 0;

  constructor(readonly options: UaOptions) {
    this.contact = `<sip:${options.username}@${this.host};transport=ws>`;
    this.aor = `sip:${options.username}@${options.domain}`;
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.options.url, 'sip', { perMessageDeflate: false });
      this.ws = ws;
      ws.on('message', (data) => this.onMessage(String(data)));
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.on('close', () => {
        for (const [key, t] of this.tx) {
          clearTimeout(t.timer);
          this.tx.delete(key);
          t.handler(undefined);
        }
      });
    });
  }

  close(): void {
    this.ws?.terminate();
  }

  private send(raw: string): void {
    if (this.ws?.readyState !== WebSocket.OPEN) {
      this.sendErrors++;
      return;
    }
    this.ws.send(raw);
  }

  private expect(callId: string, cseq: number, method: string, handler: TxHandler): void {
    const key = `${callId}|${cseq} ${method}`;
    const timer = setTimeout(() => {
      this.tx.delete(key);
      handler(undefined);
    }, TX_TIMEOUT_MS);
    this.tx.set(key, { handler, timer });
  }

  private via(branch = newBranch()): [string, string] {
    return ['Via', `SIP/2.0/WS ${this.host};branch=${branch};rport`];
  }

  /** REGISTER, answering a 401 with MD5 digest (no challenge, as from Kamailio's test config: done). */
  register(expires = 600): Promise<void> {
    const { domain, username, password } = this.options;
    const callId = `reg-${rand(8)}`;
    const fromTag = rand(4);
    const send = (cseq: number, auth?: string): void => {
      this.send(
        buildMessage(`REGISTER sip:${domain} SIP/2.0`, [
          this.via(),
          ['Max-Forwards', '70'],
          ['To', `<${this.aor}>`],
          ['From', `<${this.aor}>;tag=${fromTag}`],
          ['Call-ID', callId],
          ['CSeq', `${cseq} REGISTER`],
          ['Contact', `${this.contact};expires=${expires}`],
          ['Expires', String(expires)],
          ...(auth ? [['Authorization', auth] as [string, string]] : []),
        ]),
      );
    };
    return new Promise((resolve, reject) => {
      const onReply = (cseq: number) => (msg: SipMessage | undefined): void => {
        if (!msg) return reject(new Error(`REGISTER ${username}: no answer`));
        if (msg.status < 200) return this.expect(callId, cseq, 'REGISTER', onReply(cseq));
        if (msg.status >= 200 && msg.status < 300) return resolve();
        if (msg.status === 401 && cseq === 1) {
          const challenges = headersNamed(msg, 'www-authenticate');
          const challenge = challenges.find((c) => /algorithm\s*=\s*"?MD5"?(,|\s|$)/i.test(c)) ?? challenges.find((c) => !/algorithm/i.test(c));
          if (!challenge || password === undefined) return reject(new Error(`REGISTER ${username}: no MD5 challenge or no password`));
          const realm = param(challenge, 'realm') ?? domain;
          const nonce = param(challenge, 'nonce') ?? '';
          const opaque = param(challenge, 'opaque');
          const uri = `sip:${domain}`;
          const cnonce = rand(4);
          const nc = '00000001';
          const ha1 = md5(`${username}:${realm}:${password}`);
          const ha2 = md5(`REGISTER:${uri}`);
          const response = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
          const auth =
            `Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", ` +
            `algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}"${opaque ? `, opaque="${opaque}"` : ''}`;
          this.expect(callId, 2, 'REGISTER', onReply(2));
          return send(2, auth);
        }
        reject(new Error(`REGISTER ${username}: ${msg.status}`));
      };
      this.expect(callId, 1, 'REGISTER', onReply(1));
      send(1);
    });
  }

  /** Caller role: INVITE with canned SDP; ACKs a 2xx at once. */
  invite(ruri: string, callId: string, handlers: CallHandlers): void {
    const fromTag = rand(4);
    const from = `<${this.aor}>;tag=${fromTag}`;
    const to = `<${ruri}>`;
    const onReply = (msg: SipMessage | undefined): void => {
      const at = process.hrtime.bigint();
      if (!msg) return handlers.onFinal(0, at, undefined);
      handlers.onResponse?.(msg, at);
      if (msg.status < 200) return this.expect(callId, 1, 'INVITE', onReply);
      if (msg.status >= 300) return handlers.onFinal(msg.status, at, undefined); // no ACK: both peers tolerate its absence over WS
      const contact = header(msg, 'contact');
      const dialog: Dialog = {
        callId,
        from,
        to: header(msg, 'to') ?? to,
        remoteTarget: contact ? uriOf(contact) : ruri,
        routes: splitList(headersNamed(msg, 'record-route')).reverse(),
        cseq: 1,
      };
      this.send(this.inDialog('ACK', dialog, 1));
      handlers.onFinal(msg.status, at, dialog);
    };
    this.expect(callId, 1, 'INVITE', onReply);
    this.send(
      buildMessage(
        `INVITE ${ruri} SIP/2.0`,
        [
          this.via(),
          ['Max-Forwards', '70'],
          ['To', to],
          ['From', from],
          ['Call-ID', callId],
          ['CSeq', '1 INVITE'],
          ['Contact', this.contact],
        ],
        SDP,
      ),
    );
  }

  /** Caller role: BYE on an established dialog; resolves with the final status (0: none). */
  bye(dialog: Dialog): Promise<number> {
    dialog.cseq += 1;
    const cseq = dialog.cseq;
    return new Promise((resolve) => {
      const onReply = (msg: SipMessage | undefined): void => {
        if (msg && msg.status < 200) return this.expect(dialog.callId, cseq, 'BYE', onReply);
        resolve(msg?.status ?? 0);
      };
      this.expect(dialog.callId, cseq, 'BYE', onReply);
      this.send(this.inDialog('BYE', dialog, cseq));
    });
  }

  private inDialog(method: string, dialog: Dialog, cseq: number): string {
    return buildMessage(`${method} ${dialog.remoteTarget} SIP/2.0`, [
      this.via(),
      ['Max-Forwards', '70'],
      ...dialog.routes.map((r): [string, string] => ['Route', r]),
      ['To', dialog.to],
      ['From', dialog.from],
      ['Call-ID', dialog.callId],
      ['CSeq', `${cseq} ${method}`],
    ]);
  }

  private onMessage(raw: string): void {
    const msg = parseSip(raw);
    if (!msg) return;
    const callId = header(msg, 'call-id') ?? '';
    if (!msg.isRequest) {
      const cseq = header(msg, 'cseq') ?? '';
      const key = `${callId}|${cseq.replace(/\s+/, ' ')}`;
      const t = this.tx.get(key);
      if (!t) return; // a retransmitted or late response
      clearTimeout(t.timer);
      this.tx.delete(key);
      t.handler(msg);
      return;
    }
    const hasToTag = tagOf(header(msg, 'to') ?? '') !== undefined;
    switch (msg.method) {
      case 'INVITE': {
        if (hasToTag) return this.send(buildResponse(msg, 200, 'OK', undefined, [['Contact', this.contact]], SDP)); // re-INVITE
        if (this.answered.has(callId)) return; // retransmission
        const tag = rand(4);
        this.answered.set(callId, tag);
        this.options.onIncomingInvite?.(msg, process.hrtime.bigint());
        this.send(buildResponse(msg, 180, 'Ringing', tag, [['Contact', this.contact]]));
        this.send(buildResponse(msg, 200, 'OK', tag, [['Contact', this.contact]], SDP));
        return;
      }
      case 'ACK':
        return;
      case 'BYE':
        this.answered.delete(callId);
        return this.send(buildResponse(msg, 200, 'OK', undefined));
      case 'CANCEL':
        return this.send(buildResponse(msg, 200, 'OK', undefined));
      default:
        return this.send(buildResponse(msg, 200, 'OK', hasToTag ? undefined : rand(4)));
    }
  }
}
