// Where a call's time goes, seen from the pages: an init script that notes (performance.now())
// when a SIP INVITE leaves the caller's page and when an INVITE and the `call:offered` push
// reach the agent's page. It wraps the WebSocket constructor before the console loads, so its
// listener runs first, as the frame is delivered; the console itself is not changed.
//
// The page-side code is plain JavaScript text: functions handed to the page would carry the
// helpers the TypeScript loader adds to named functions, which do not exist there.

/** Installs the tap: lists of performance.now() times, one per frame seen. */
export const WEBSOCKET_TAP_SCRIPT = `(() => {
  const tap = { invitesSent: [], invitesReceived: [], offersReceived: [] };
  globalThis.__kefuBenchTap = tap;
  const isInvite = (d) => typeof d === 'string' && d.startsWith('INVITE ');
  // Socket.IO sends an event as 42["name",...]; only the head of the frame is looked at.
  const isOffer = (d) => typeof d === 'string' && d.startsWith('42') && d.slice(0, 40).includes('["call:offered"');
  const Native = globalThis.WebSocket;
  globalThis.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const now = performance.now();
        if (isInvite(e.data)) tap.invitesReceived.push(now);
        else if (isOffer(e.data)) tap.offersReceived.push(now);
      });
    }
    send(data) {
      if (isInvite(data)) tap.invitesSent.push(performance.now());
      super.send(data);
    }
  };
})();`;

export const RESET_TAP = `(() => {
  const tap = globalThis.__kefuBenchTap;
  if (tap) for (const k of Object.keys(tap)) tap[k].length = 0;
})()`;

/** The page's tap in epoch milliseconds (timeOrigin + performance time), comparable across processes. */
export const READ_TAP = `(() => {
  const tap = globalThis.__kefuBenchTap ?? { invitesSent: [], invitesReceived: [], offersReceived: [] };
  const epoch = (list) => (list.length ? performance.timeOrigin + list[0] : null);
  return { inviteSent: epoch(tap.invitesSent), inviteReceived: epoch(tap.invitesReceived), offerReceived: epoch(tap.offersReceived) };
})()`;

export interface TapReading {
  inviteSent: number | null;
  inviteReceived: number | null;
  offerReceived: number | null;
}
