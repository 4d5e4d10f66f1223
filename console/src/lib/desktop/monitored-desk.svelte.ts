// The agent's side of a supervisor's monitoring session: answered by the softphone of the tab
// that holds the call, never shown as a call; the desk says who is monitoring and how when the
// site lets agents see it. The mixing is the softphone's (softphone/src/monitoring).
import type { MonitorEnded, MonitorModeChanged, MonitorMode, MonitorOffered } from '@kefu/contract';
import type { AgentMonitorSession } from '@kefu/softphone';
import type { KefuSocket } from '../shared/session.svelte.js';
import { command } from '../shared/socket-command.js';
import { listen } from '../shared/socket-listeners.js';
import { callPeer } from '../phone/call-peer.js';

declare global {
  interface Window {
    /** The monitoring session's peer connection; set only when navigator.webdriver is true. */
    __kefuMonitorPeerConnection?: RTCPeerConnection;
  }
}

export class MonitoredDesk {
  /** Who is monitoring, as the desk shows it; null when nobody is or the site hides it. */
  by = $state.raw<{ name: string; mode: MonitorMode } | null>(null);

  #session: { id: string; media: AgentMonitorSession | null } | null = null;

  /** Listens for sessions on the session's socket; returns the function that stops listening. */
  attach(socket: KefuSocket): () => void {
    const stop = listen(socket, {
      'monitor:offered': (o: MonitorOffered) => void this.#answer(socket, o),
      'monitor:mode-changed': (c: MonitorModeChanged) => {
        if (this.#session?.id !== c.sessionId) return;
        void this.#session.media?.setMode(c.mode);
        if (this.by) this.by = { ...this.by, mode: c.mode };
      },
      'monitor:ended': (e: MonitorEnded) => {
        if (this.#session?.id === e.sessionId) this.#end();
      },
    });
    return () => {
      stop();
      this.#end();
    };
  }

  async #answer(socket: KefuSocket, o: MonitorOffered): Promise<void> {
    const call = callPeer.get();
    // Another tab (or a phone elsewhere) holds the call: that one answers.
    if (!call) return;
    this.#end();
    const session: { id: string; media: AgentMonitorSession | null } = { id: o.sessionId, media: null };
    this.#session = session;
    try {
      const { AgentMonitorSession } = await import('@kefu/softphone');
      const { session: media, answer } = await AgentMonitorSession.answer(o.offer, { call, mode: o.mode });
      if (this.#session !== session) return void media.close(); // ended while answering
      session.media = media;
      if (typeof navigator !== 'undefined' && navigator.webdriver === true) window.__kefuMonitorPeerConnection = media.peer;
      await command<{ answered: true }>((done) => socket.emit('monitor:answer', { sessionId: o.sessionId, answer }, done));
      if (this.#session === session && o.supervisor) this.by = { name: o.supervisor.name, mode: media.mode };
    } catch {
      if (this.#session === session) this.#end();
      socket.emit('monitor:decline', { sessionId: o.sessionId }, () => {});
    }
  }

  #end(): void {
    void this.#session?.media?.close();
    this.#session = null;
    this.by = null;
  }
}

export const monitoredDesk = new MonitoredDesk();
