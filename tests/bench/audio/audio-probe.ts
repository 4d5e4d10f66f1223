// An init script for the benchmark's pages: keeps every RTCPeerConnection the page makes and,
// once armed, asks them for stats every few milliseconds until one has received audio (an
// inbound-rtp audio stream with bytesReceived > 0), noting when. It also notes the moment a
// button named "Answer" is clicked (capture phase, before the console's own handler runs).
// Times are epoch ms (performance.timeOrigin + now): the pages and the bench share the clock.
// Chromium refreshes getStats results at most every ~50 ms, so a moment can be late by that much.

export interface AudioProbeReading {
  armedAt: number | null;
  answerClickedAt: number | null;
  firstAudioAt: number | null;
  /** Peer connections made since armed. */
  peerConnections: number;
}

export const AUDIO_PROBE_SCRIPT = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const made = [];
  const Original = window.RTCPeerConnection;
  if (!Original) return;
  class Tapped extends Original {
    constructor(...args) {
      super(...args);
      made.push({ pc: this, at: now() });
    }
  }
  window.RTCPeerConnection = Tapped;
  const probe = { armedAt: null, answerClickedAt: null, firstAudioAt: null, round: 0 };
  const poll = async (round) => {
    while (probe.round === round && probe.firstAudioAt === null) {
      for (const m of made) {
        if (m.at < probe.armedAt || m.pc.connectionState === 'closed') continue;
        try {
          const stats = await m.pc.getStats();
          stats.forEach((s) => {
            if (probe.firstAudioAt === null && probe.round === round && s.type === 'inbound-rtp' && s.kind === 'audio' && s.bytesReceived > 0) probe.firstAudioAt = now();
          });
        } catch {}
      }
      await new Promise((r) => setTimeout(r, 4));
    }
  };
  probe.arm = () => {
    probe.round += 1;
    probe.armedAt = now();
    probe.answerClickedAt = null;
    probe.firstAudioAt = null;
    void poll(probe.round);
  };
  probe.read = () => ({
    armedAt: probe.armedAt,
    answerClickedAt: probe.answerClickedAt,
    firstAudioAt: probe.firstAudioAt,
    peerConnections: made.filter((m) => probe.armedAt !== null && m.at >= probe.armedAt).length,
  });
  document.addEventListener('click', (e) => {
    const b = e.target instanceof Element ? e.target.closest('button') : null;
    if (b && (b.getAttribute('aria-label') || b.textContent || '').trim() === 'Answer' && probe.answerClickedAt === null) probe.answerClickedAt = now();
  }, true);
  globalThis.__kefuAudioProbe = probe;
})();`;

export const ARM_PROBE = 'globalThis.__kefuAudioProbe.arm()';
export const READ_PROBE = 'globalThis.__kefuAudioProbe.read()';
export const HEARD_AUDIO = 'globalThis.__kefuAudioProbe.firstAudioAt !== null';
