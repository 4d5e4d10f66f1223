// The supervisor's monitoring session, one at a time: the page's microphone and a peer
// connection to the agent's softphone, set up through the server (which checks and audits it).
// Modes switch in the same session; the server ends it with the call.
import type { MonitorAnswered, MonitorEnded, MonitorEndReason, MonitorMode, MonitorModeChanged, MonitorSessionView } from '@kefu/contract';
import type { SupervisorMonitorSession } from '@kefu/softphone';
import type { KefuSocket } from '../shared/session.svelte.js';
import { listen } from '../shared/socket-listeners.js';
import { command } from '../shared/socket-command.js';

/** How long the agent's softphone has to answer before the session is given up. */
const ANSWER_TIMEOUT_MS = 10_000;

declare global {
  interface Window {
    /** The supervisor's monitoring peer connection; set only when navigator.webdriver is true. */
    __kefuSupervisorMonitorPeerConnection?: RTCPeerConnection;
  }
}

export interface MonitorState {
  agentUserId: number;
  sessionId: string | null;
  mode: MonitorMode;
  allowedModes: MonitorMode[];
  live: boolean;
}

export class SupervisorMonitoring {
  current = $state.raw<MonitorState | null>(null);
  busy = $state(false);
  /** Why the last session ended or failed, for the row it concerned. */
  outcome = $state.raw<{ agentUserId: number; ended: MonitorEndReason | 'no_answer' | null; error: unknown } | null>(null);

  #media: SupervisorMonitorSession | null = null;
  #socket: KefuSocket | null = null;
  #unlisten: (() => void) | null = null;
  #answerTimer: ReturnType<typeof setTimeout> | undefined;

  async start(socket: KefuSocket, agentUserId: number, mode: MonitorMode): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.outcome = null;
    try {
      if (this.current) await this.stop();
      this.#listen(socket);
      // Shown as connecting at once: the microphone and the offer's candidates take a moment.
      this.current = { agentUserId, sessionId: null, mode, allowedModes: [mode], live: false };
      const { SupervisorMonitorSession } = await import('@kefu/softphone');
      const { session, offer } = await SupervisorMonitorSession.offer({ mode });
      if (this.current?.agentUserId !== agentUserId) return session.close(); // stopped meanwhile
      this.#media = session;
      if (navigator.webdriver === true) window.__kefuSupervisorMonitorPeerConnection = session.peer;
      const view = await command<MonitorSessionView>((done) => socket.emit('monitor:start', { agentUserId, mode, offer }, done));
      if (this.#media !== session) {
        // Stopped while the server was setting it up.
        socket.emit('monitor:stop', { sessionId: view.sessionId }, () => {});
        return;
      }
      // An answer may already have come: it names the session id the ack now gives.
      this.current = { agentUserId, sessionId: view.sessionId, mode: view.mode, allowedModes: view.allowedModes, live: this.current?.live ?? false };
      this.#answerTimer = setTimeout(() => {
        if (this.current?.sessionId === view.sessionId && !this.current.live) void this.stop('no_answer');
      }, ANSWER_TIMEOUT_MS);
    } catch (error) {
      this.#close();
      this.outcome = { agentUserId, ended: null, error };
    } finally {
      this.busy = false;
    }
  }

  async setMode(mode: MonitorMode): Promise<void> {
    const c = this.current;
    if (!c?.sessionId || !this.#socket || c.mode === mode) return;
    const socket = this.#socket;
    this.busy = true;
    try {
      const view = await command<MonitorSessionView>((done) => socket.emit('monitor:set-mode', { sessionId: c.sessionId!, mode }, done));
      this.#applyMode(view.sessionId, view.mode);
    } catch (error) {
      this.outcome = { agentUserId: c.agentUserId, ended: null, error };
    } finally {
      this.busy = false;
    }
  }

  async stop(why: 'no_answer' | null = null): Promise<void> {
    const c = this.current;
    const socket = this.#socket;
    this.#close();
    if (c) this.outcome = { agentUserId: c.agentUserId, ended: why ?? 'stopped', error: null };
    if (c?.sessionId && socket) await command((done) => socket.emit('monitor:stop', { sessionId: c.sessionId! }, done)).catch(() => {});
  }

  #listen(socket: KefuSocket): void {
    if (this.#socket === socket) return;
    this.#unlisten?.();
    this.#socket = socket;
    this.#unlisten = listen(socket, { 'monitor:answered': this.#answered, 'monitor:mode-changed': this.#changed, 'monitor:ended': this.#ended });
  }

  readonly #answered = (a: MonitorAnswered): void => {
    const media = this.#media;
    if (!media || (this.current?.sessionId && this.current.sessionId !== a.sessionId)) return;
    void media.accept(a.answer).then(() => {
      if (this.current && this.#media === media) this.current = { ...this.current, sessionId: a.sessionId, live: true };
    });
  };

  readonly #changed = (c: MonitorModeChanged): void => this.#applyMode(c.sessionId, c.mode);

  readonly #ended = (e: MonitorEnded): void => {
    const c = this.current;
    if (!c || c.sessionId !== e.sessionId) return;
    this.#close();
    this.outcome = { agentUserId: c.agentUserId, ended: e.reason, error: null };
  };

  #applyMode(sessionId: string, mode: MonitorMode): void {
    if (this.current?.sessionId !== sessionId) return;
    this.#media?.setMode(mode);
    this.current = { ...this.current, mode };
  }

  #close(): void {
    clearTimeout(this.#answerTimer);
    this.#media?.close();
    this.#media = null;
    this.current = null;
  }
}

export const supervisorMonitoring = new SupervisorMonitoring();
