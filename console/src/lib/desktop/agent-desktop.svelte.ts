// The agent desktop: one instance for the signed-in agent, started at sign-in and stopped at
// sign-out (App.svelte), so a call survives moving between pages; the pages only render it.
//
// This is where the parts meet: the server's pushes over the session's socket and the
// softphone's SIP events are reconciled into one picture of the call (call-reconciliation.ts),
// and the picture drives the pop, the notes, the cases of the call and the wrap-up.
import type { AgentDesktopSnapshot, AgentStatusView, CallEndedEvent, FollowUpTask, LiveCallView, MaskedDial, SetAgentStateCommand } from '@kefu/contract';
import type { CallInfo } from '@kefu/softphone';
import { isApiError } from '../shared/api.js';
import { caseApi } from '../cases/case-api.js';
import { askNotificationPermission, closeCallNotification, pageInBackground, showCallNotification } from '../shared/desktop-notification.js';
import { t } from '../i18n/index.svelte.js';
import type { KefuSocket } from '../shared/session.svelte.js';
import { command } from '../shared/socket-command.js';
import { remoteNumber } from '../phone/remote-number.js';
import { AfterCallWork, type FinishThen } from './after-call-work.svelte.js';
import { AgentStatus } from './agent-status.svelte.js';
import { notReadyReasons } from '../shared/not-ready-reasons.svelte.js';
import { CallCases } from './call-cases.svelte.js';
import { CallOnScreen } from './call-on-screen.svelte.js';
import { CallNotes } from './call-notes.svelte.js';
import { CallPop } from './call-pop.svelte.js';
import * as r from './call-reconciliation.js';
import { DeskPhone } from './desk-phone.svelte.js';
import { callConsult } from './call-consult.svelte.js';
import { listenToDesk } from './desk-socket.js';
import { callRecording } from './call-recording.svelte.js';
import { RingToPainted } from './ring-to-painted.svelte.js';
import { TodayCalls } from './today-calls.svelte.js';

/** The socket push may arrive a moment after the INVITE; wait this long before looking up. */
const OFFER_GRACE_MS = 600;

export class AgentDesktop extends CallOnScreen {
  active = $state(false);
  /** The keypad is shown (a button or Alt+K): it stays out of the way until asked for. */
  keypadOpen = $state(false);
  /**
   * The agent became Ready (or Not ready) again after a call: the desk shows the calm next-call
   * view instead of the last caller, who stays one click away (`showingLastCaller`).
   */
  handedOff = $state(false);
  showingLastCaller = $state(false);

  readonly agent = new AgentStatus(() => this.now);
  readonly phone = new DeskPhone({
    picture: () => this.picture,
    running: () => this.active,
    calls: {
      callState: (call) => this.#onPhoneCall(call),
      incoming: (call) => this.#onIncoming(call),
      muteChanged: (call) => this.#apply(r.sipMuted(this.picture, call)),
    },
    consultChanged: (call) => callConsult.lineChanged(call, this.#socket),
  });
  readonly pop = new CallPop({
    socket: () => this.#socket,
    interactionId: () => this.interactionId,
    chosen: (interactionId, pop) => {
      const call = this.call;
      void this.today.load();
      if (call?.interactionId !== interactionId) return false;
      this.picture = { ...this.picture, call: { ...call, screenPop: pop } };
      return true;
    },
  });
  readonly paint = new RingToPainted();
  readonly today = new TodayCalls(() => this.active);
  readonly notes = new CallNotes({ socket: () => this.#socket, saved: () => this.today.reloadSoon() });
  readonly cases = new CallCases({
    interactionId: () => this.interactionId,
    interactionOfSipCall: (id) => r.interactionOfSipCall(this.picture, id),
  });
  readonly afterCall = new AfterCallWork({
    socket: () => this.#socket,
    wrapping: () => this.agent.wrapping,
    interactionId: () => this.interactionId,
    notReadyReason: () => this.agent.notReadyReason,
    notes: this.notes,
    today: this.today,
    retarget: () => this.#retarget(),
    readyWithPhone: () => this.phone.restartIfDown(),
    clearStateError: () => (this.agent.error = null),
    applyStatus: (s) => this.#setStatus(s),
  });

  #socket: KefuSocket | null = null;
  #socketDropped = false;
  #ticker: ReturnType<typeof setInterval> | null = null;
  #lookupTimer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by start and stop: late answers for an earlier run are dropped. */
  #generation = 0;

  // ---- lifecycle -----------------------------------------------------------------------

  /** At sign-in: the timers, today's calls and the softphone. */
  start(): void {
    if (this.active) return;
    this.active = true;
    this.#generation++;
    this.now = Date.now();
    this.#ticker = setInterval(() => (this.now = Date.now()), 1_000);
    void this.today.load();
    void this.#loadReasons();
    this.phone.start();
  }

  /** The admin's reasons, with the desk's choice moved off one that was retired meanwhile. */
  async #loadReasons(): Promise<void> {
    await notReadyReasons.load();
    this.agent.notReadyReason = notReadyReasons.choosable(this.agent.notReadyReason);
  }

  /** At sign-out: hangs up, unregisters, forgets everything. */
  async stop(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    this.#generation++;
    if (this.#lookupTimer) clearTimeout(this.#lookupTimer);
    if (this.#ticker) clearInterval(this.#ticker);
    this.#lookupTimer = this.#ticker = null;
    this.notes.stop();
    this.today.stop();
    closeCallNotification();
    const closing = this.phone.close();
    this.#reset();
    await closing;
  }

  #reset(): void {
    this.picture = r.NO_CALL;
    this.#newCall();
    this.keypadOpen = false;
    this.agent.reset();
    this.phone.reset();
    this.pop.reset();
    this.paint.reset();
    this.notes.reset();
    this.today.reset();
    this.afterCall.reset();
    this.cases.reset();
  }

  /** Listens to the session's socket; returns the function that stops listening. */
  attach(socket: KefuSocket): () => void {
    this.#socket = socket;
    const stop = listenToDesk(socket, {
      connected: () => {
        void this.refresh();
        // Back after an outage (a server restart issues new SIP passwords): start the phone
        // afresh unless it is registered or busy with a call.
        if (this.#socketDropped && this.phone.registration !== 'registered' && !this.softphoneCall) this.phone.restart();
        this.#socketDropped = false;
      },
      disconnected: () => (this.#socketDropped = true),
      stateChanged: (s) => {
        this.#setStatus(s);
        this.agent.error = null;
      },
      offered: (c) => this.#onOffered(c),
      withdrawn: (callId, reason) => this.#onWithdrawn(callId, reason),
      updated: (c) => this.#onUpdated(c),
      ended: (e) => this.#onEnded(e),
    });
    if (socket.connected) void this.refresh();
    const stopRecording = callRecording.listen(socket);
    return () => {
      stop();
      stopRecording();
      if (this.#socket === socket) this.#socket = null;
    };
  }

  /** The agent's state and current call from the server (at connect, after a reload). */
  async refresh(): Promise<void> {
    const socket = this.#socket;
    if (!socket) return;
    const generation = this.#generation;
    try {
      const snap = await command<AgentDesktopSnapshot>((done) => socket.emit('agent:get-desktop', {}, done));
      if (generation !== this.#generation) return;
      this.#move(r.snapshot(this.picture, snap.call));
      if (snap.call) this.pop.remember(snap.call.screenPop);
      this.#setStatus(snap.status);
      this.#retarget();
    } catch {
      // The next push, or the next connect, brings the state.
    }
  }

  // ---- agent state ---------------------------------------------------------------------

  /**
   * Ready. Also asks for notification permission: a click is the moment browsers allow it.
   * In wrap-up with a disposition chosen, Ready finishes the wrap-up with it.
   */
  async setReady(): Promise<void> {
    askNotificationPermission();
    if (this.afterCall.canFinishWithState) {
      await this.afterCall.finish('ready');
      return;
    }
    return this.#setState({ state: 'ready' });
  }

  async setNotReady(reason: string = this.agent.notReadyReason): Promise<void> {
    askNotificationPermission();
    if (this.afterCall.canFinishWithState) {
      this.agent.notReadyReason = reason;
      await this.afterCall.finish('not_ready');
      return;
    }
    return this.#setState({ state: 'not_ready', reason });
  }

  /** Finishes after-call work, then Ready or Not ready (see AfterCallWork.finish). */
  finishWrapUp(then: FinishThen): Promise<boolean> {
    return this.afterCall.finish(then);
  }

  async #setState(cmd: SetAgentStateCommand): Promise<void> {
    const socket = this.#socket;
    if (socket && cmd.state === 'ready') this.phone.restartIfDown();
    const status = await this.agent.send(socket, cmd);
    if (status) this.#setStatus(status);
    // A reason retired since the list was read: the refusal says so; offer the current ones.
    else if (cmd.state === 'not_ready' && isApiError(this.agent.error) && this.agent.error.code === 'VALIDATION' && !this.agent.wrapping) void this.#loadReasons();
    // Refused because the call in wrap-up has no disposition yet: lead the agent to the form.
    else if (isApiError(this.agent.error) && this.agent.error.code === 'VALIDATION' && this.agent.wrapping) this.afterCall.askForDisposition();
  }

  /** The agent's state changed: entering wrap-up prepares the form, leaving it clears it. */
  #setStatus(next: AgentStatusView): void {
    const was = this.agent.status?.state;
    this.agent.status = next;
    // Ready again after wrap-up or a pause: the last call is history. A call the caller gave up
    // while it rang (ringing → ready) keeps its line, so the agent sees what happened.
    if (next.state === 'ready' && (was === 'wrap_up' || was === 'not_ready' || was === 'logged_out') && !this.callOnScreen) this.#handOff();
    if (next.state === 'wrap_up' && was !== 'wrap_up') this.afterCall.entered();
    if (was === 'wrap_up' && next.state !== 'wrap_up') this.afterCall.left(next.state);
  }

  // ---- between calls ----------------------------------------------------------------------

  /** The desk shows the next-call view: no call rings or is up, no wrap-up is open, the agent moved on. */
  get nextCallView(): boolean {
    if (this.callOnScreen || this.agent.wrapping) return false;
    if (this.handedOff) return !this.showingLastCaller;
    // Before the first call of the session: nothing to show but what comes next.
    return r.phase(this.picture).kind === 'idle' && this.screenPop === null && this.pop.lookupStatus === 'idle';
  }

  /** A last caller to reopen from the next-call view: the pop or the number of the call before. */
  get lastCaller(): string | null {
    if (!this.handedOff || this.callOnScreen) return null;
    return this.callerLabel || null;
  }

  override get callLine(): string {
    return this.nextCallView ? t('call.idle') : super.callLine;
  }

  #handOff(): void {
    this.handedOff = true;
    this.showingLastCaller = false;
    this.#retarget();
  }

  /** Reopens (or puts away) the last caller's details; their notes come back with them. */
  showLastCaller(on: boolean): void {
    this.showingLastCaller = on;
    this.#retarget();
    if (on) {
      const id = this.interactionId;
      this.notes.prefill(id, this.today.items.find((i) => i.id === id)?.notes);
    }
  }

  #newCall(): void {
    this.handedOff = false;
    this.showingLastCaller = false;
  }

  // ---- the softphone's events --------------------------------------------------------------

  #onPhoneCall(call: CallInfo): void {
    const next = r.sipChanged(this.picture, call);
    if (!next) return;
    this.picture = next;
    if (call.state === 'ended') this.phone.callEnded();
    if (call.state !== 'incoming') closeCallNotification();
    this.#retarget();
    this.cases.tieFollowUp();
  }

  #onIncoming(call: CallInfo): void {
    this.#newCall();
    this.picture = r.ringing(this.picture);
    this.phone.actionError = null;
    const key = call.interactionId ?? call.id;
    this.paint.offered(key);
    if (r.matchesOffer(this.picture, call)) return; // the push brought the pop and the notification
    if (this.#lookupTimer) clearTimeout(this.#lookupTimer);
    this.#lookupTimer = setTimeout(() => {
      this.#lookupTimer = null;
      const next = r.unoffered(this.picture, call);
      if (!next) return;
      // Rung without an offer over the socket (another console, a direct call): ask for the pop.
      this.picture = next;
      this.pop.forget();
      void this.#lookup(remoteNumber(call), key, true);
    }, OFFER_GRACE_MS);
  }

  // ---- server pushes -------------------------------------------------------------------

  #onOffered(c: LiveCallView): void {
    const key = String(c.interactionId);
    this.#newCall();
    this.cases.followUpCall = null;
    this.afterCall.expired = false;
    this.paint.offered(key);
    if (this.#lookupTimer) clearTimeout(this.#lookupTimer);
    this.#lookupTimer = null;
    this.pop.forget();
    this.picture = r.offered(this.picture, c);
    this.pop.remember(c.screenPop);
    this.paint.expect(key);
    this.#retarget();
    if (pageInBackground()) this.#notify();
  }

  #onWithdrawn(callId: string, reason: r.WithdrawnReason): void {
    const next = r.withdrawn(this.picture, callId, reason, this.callerLabel);
    if (!next) return;
    this.picture = next;
    this.paint.pending = null;
    closeCallNotification();
    this.#retarget();
    this.today.reloadSoon();
  }

  #onUpdated(c: LiveCallView): void {
    this.#move(r.updated(this.picture, c));
    this.pop.remember(c.screenPop);
    this.#retarget();
    this.cases.tieFollowUp();
  }

  #onEnded(e: CallEndedEvent): void {
    const next = r.ended(this.picture, e);
    if (!next) return;
    this.picture = next;
    closeCallNotification();
    this.notes.flush();
    this.today.reloadSoon();
  }

  #move(moved: r.Moved): void {
    if (moved.newCall) {
      this.pop.forget();
      this.#newCall();
    }
    this.picture = moved.picture;
  }

  #apply(next: r.CallPicture | null): void {
    if (next) this.picture = next;
  }

  #notify(): void {
    const queue = this.call?.queueName;
    const caller = this.callerLabel;
    showCallNotification(t('notify.title'), queue ? t('notify.bodyQueue', { caller, queue }) : t('notify.body', { caller }));
  }

  /** Points the notes box at the call on screen; between calls, at none (a clean page). */
  #retarget(): void {
    this.notes.retarget(this.nextCallView ? null : this.interactionId);
  }

  // ---- the pop -------------------------------------------------------------------------

  async #lookup(callerNumber: string, key: string | null, notify: boolean): Promise<void> {
    const socket = this.#socket;
    if (!socket || !callerNumber) return;
    const outcome = await this.pop.lookup(socket, callerNumber);
    if (outcome === 'stale') return;
    if (outcome === 'found' && key !== null) this.paint.expectIfOffered(key);
    if (notify && this.phone.ringing && pageInBackground()) this.#notify();
  }

  // ---- dialling out --------------------------------------------------------------------

  /** An outbound call; the pop shows who is being called. */
  dial(number: string): Promise<void> {
    this.cases.followUpCall = null;
    return this.#dial(number);
  }

  /**
   * Calls the customer of a follow-up task: tells the server first (so the call joins the task's
   * case), then dials the task's number. Throws when the server refuses the task.
   */
  async callFollowUp(task: FollowUpTask): Promise<boolean> {
    if (!task.phone || this.softphoneCall) return false;
    await caseApi.startFollowUp(task.id);
    this.cases.followUpCall = { task, softphoneCallId: null };
    await this.#dial(task.phone);
    return !this.phone.actionError;
  }

  /**
   * Calls a number the agent sees masked, through the server's one-time dial token: the pop
   * comes from the server (masked), since the page has no number to look up.
   */
  dialHidden(dial: MaskedDial): Promise<void> {
    this.cases.followUpCall = null;
    return this.#dial(dial.target, false);
  }

  async #dial(number: string, lookUp = true): Promise<void> {
    const target = number.trim();
    if (!target || this.softphoneCall) return;
    this.#newCall();
    this.afterCall.expired = false;
    this.picture = r.dialling(this.picture);
    this.pop.forget();
    this.#retarget();
    await this.phone.act(async (p) => {
      const info = await p.dial(target);
      this.picture = r.dialled(this.picture, info);
      this.cases.followUpDialled(info.id);
    });
    if (!this.phone.actionError && lookUp) void this.#lookup(target, null, false);
  }
}

export const agentDesktop = new AgentDesktop();
