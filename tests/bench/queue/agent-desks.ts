// The agents' side of the queue benchmark, as the console does it minus the page: each agent
// fetches its SIP account from its session (GET /api/softphone/credentials), registers a load
// phone that answers at once, opens the console's Socket.IO connection (which signs the agent
// in) and sets Ready. Pushes are received and dropped.
import { io as ioClient, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents, SipCredentialsView } from '../../../contract/index.js';
import type { SipMessage } from '../switch/sip-wire.js';
import { LoadUa } from '../switch/sip-load-client.js';
import type { QueueBenchAgent } from './queue-fixture.js';

export interface AgentDesk {
  readonly agent: QueueBenchAgent;
  readonly phone: LoadUa;
  readonly console: Socket<ServerToClientEvents, ClientToServerEvents>;
}

const cookieOf = (a: QueueBenchAgent): string => `kefu_session=${a.sessionToken}`;

async function credentials(baseUrl: string, a: QueueBenchAgent): Promise<SipCredentialsView> {
  const res = await fetch(`${baseUrl}/api/softphone/credentials`, { headers: { cookie: cookieOf(a) } });
  if (!res.ok) throw new Error(`credentials for ${a.extension}: HTTP ${res.status}`);
  return (await res.json()) as SipCredentialsView;
}

function openConsole(baseUrl: string, a: QueueBenchAgent): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = ioClient(baseUrl, {
    transports: ['websocket'],
    extraHeaders: { cookie: cookieOf(a) },
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console of ${a.extension}: no session:ready`)), 20_000);
    socket.once('session:ready', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

function setReady(socket: Socket<ServerToClientEvents, ClientToServerEvents>, a: QueueBenchAgent): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.timeout(20_000).emit('agent:set-state', { state: 'ready' }, (err: Error | null, res: Ack<unknown>) => {
      if (err) return reject(new Error(`Ready for ${a.extension}: ${err.message}`));
      if (!res.ok) return reject(new Error(`Ready for ${a.extension}: ${res.error.code} ${res.error.message}`));
      resolve();
    });
  });
}

/** One agent at its desk: phone registered, console open, Ready. */
export async function seatAgent(
  baseUrl: string,
  domain: string,
  a: QueueBenchAgent,
  onIncomingInvite: (msg: SipMessage, at: bigint) => void,
): Promise<AgentDesk> {
  const creds = await credentials(baseUrl, a);
  const phone = new LoadUa({
    url: creds.wsServer,
    domain,
    username: creds.authorizationUsername,
    password: creds.authorizationPassword,
    onIncomingInvite,
  });
  await phone.open();
  await phone.register();
  const socket = await openConsole(baseUrl, a);
  await setReady(socket, a);
  return { agent: a, phone, console: socket };
}

export function leaveDesk(d: AgentDesk): void {
  d.console.disconnect();
  d.phone.close();
}
