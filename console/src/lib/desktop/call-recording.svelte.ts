// The recording of the agent's current call, as the server pushes it ('recording:changed') and
// as the agent commands it: Start (on-demand queues), Pause for a card number, Resume. Only
// calls through the media plane have one; for others nothing shows.
import type { CallRecordingView, DeskRecordingState, RecordingAction } from '@kefu/contract';
import type { KefuSocket } from '../shared/session.svelte.js';
import { command } from '../shared/socket-command.js';

/** What the one button does in each state; a failed recording has no button. */
export function actionFor(state: DeskRecordingState): RecordingAction | null {
  switch (state) {
    case 'available':
      return 'start';
    case 'recording':
      return 'pause';
    case 'paused':
      return 'resume';
    case 'failed':
      return null;
  }
}

export class CallRecording {
  view = $state.raw<CallRecordingView | null>(null);
  busy = $state(false);
  error = $state<unknown>(null);

  /** The recording of `callId`, or null when the call on the desk is another one (or none). */
  of(callId: string | null | undefined): CallRecordingView | null {
    return this.view && this.view.callId === callId ? this.view : null;
  }

  /** Listens for the server's pushes; returns the function that stops listening. */
  listen(socket: KefuSocket): () => void {
    const changed = (v: CallRecordingView) => {
      this.view = v;
      this.error = null;
    };
    // After a reload or a reconnect: what the server knows of the current call's recording.
    const ask = () => {
      command<CallRecordingView | null>((done) => socket.emit('recording:current', {}, done)).then(
        (v) => (this.view = v),
        () => {},
      );
    };
    socket.on('recording:changed', changed);
    socket.on('connect', ask);
    if (socket.connected) ask();
    return () => {
      socket.off('recording:changed', changed);
      socket.off('connect', ask);
    };
  }

  /** Start, pause or resume, as the state says; Alt+P and the button share it. */
  async toggle(socket: KefuSocket | null, callId: string | null | undefined): Promise<void> {
    const view = this.of(callId);
    const action = view ? actionFor(view.state) : null;
    if (!socket || !view || !action || this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      this.view = await command<CallRecordingView>((done) => socket.emit('recording:control', { callId: view.callId, action }, done));
    } catch (e) {
      this.error = e;
    } finally {
      this.busy = false;
    }
  }
}

/** One per console: the desk's indicator and the Alt+P shortcut share it. */
export const callRecording = new CallRecording();
