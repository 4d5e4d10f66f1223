// The agent desktop's state: the agent's status, the softphone, the call with its screen-pop,
// the call notes and today's calls. One instance for the signed-in agent, started at sign-in
// and stopped at sign-out (App.svelte), so a call survives moving between pages; the pages
// only render it.
//
// Two sources meet here. The server pushes the agent's state and the call as it sees it
// (`call:offered` carries the screen-pop, before answer), queue calls and calls outside a queue
// alike; the softphone reports the SIP call this browser rings, answers and holds. They are
// matched by the ids the switch puts on the SIP messages (X-Kefu-Interaction-Id on a queue
// offer, X-Kefu-Call-Id on every call).
import type {
  AgentDesktopSnapshot,
  AgentStatusView,
  CallEndedEvent,
  CaseKind,
  CaseSummary,
  FollowUpTask,
  Interaction,
  LiveCallView,
  Me,
  ScreenPop,
  SetAgentStateCommand,
  WrapUpCommand,
} from '@kefu/contract';
import { SELECTABLE_NOT_READY_REASONS } from '@kefu/contract';
import type { CallInfo, HoldAction, RegistrationState, Softphone } from '@kefu/softphone';
import { ApiError, api, isAbort, isApiError } from '../shared/api.js';
import { endReasonWords, remoteNumber } from './call-format.js';
import { caseApi } from '../cases/case-api.js';
import { askNotificationPermission, closeCallNotification, pageInBackground, showCallNotification } from '../shared/desktop-notification.js';
import { t } from '../i18n/index.svelte.js';
import type { KefuSocket } from '../shared/session.svelte.js';
import { command } from '../shared/socket-command.js';
import { WrapUp } from './wrap-up.svelte.js';

export type SelectableReason = (typeof SELECTABLE_NOT_READY_REASONS)[number];
export type NotesStatus = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';
export type WithdrawnReason = 'timeout' | 'caller_left' | 'rejected' | 'unreachable';
export type FinishThen = WrapUpCommand['then'];

/** A ticket or complaint tied to a call from this console. */
export interface LinkedCase {
  id: number;
  number: string;
  /** Unknown for the case of a follow-up task, which names only its number. */
  kind: CaseKind | null;
  subject: string | null;
}

/** A follow-up task being called from "My work". */
export interface FollowUpCall {
  task: FollowUpTask;
  /** The softphone call placed for it, once dialled. */
  softphoneCallId: string | null;
}

/** Autosave of the notes this long after the last key press. */
const NOTES_DEBOUNCE_MS = 1_500;
/** The socket push may arrive a moment after the INVITE; wait this long before looking up. */
const OFFER_GRACE_MS = 600;
const PHONE_RETRY_MIN_MS = 2_000;
const PHONE_RETRY_MAX_MS = 60_000;

export const MARK_OFFERED = 'kefu:call-offered';
export const MARK_PAINTED = 'kefu:screenpop-painted';
export const MEASURE_RING_TO_PAINTED = 'kefu:ring-to-painted';

/** Who gets the agent desktop (and a softphone) at sign-in. */
export function usesAgentDesktop(user: Me | null): boolean {
  return user?.role === 'agent';
}

function parseId(v: string | undefined): number | null {
  return v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : null;
}

function mark(name: string, key: string): void {
  try {
    performance.mark(name, { detail: { key } });
  } catch {
    // Performance marks are a measurement aid; never let them break a call.
  }
}

export class AgentDesktop {
  active = $state(false);
  /** The agent's state as the server holds it. */
  status = $state.raw<AgentStatusView | null>(null);
  stateBusy = $state(false);
  stateError = $state.raw<unknown>(null);
  notReadyReason = $state<SelectableReason>('break');

  /** The current (or just ended) call as the server sees it, with its screen-pop. */
  call = $state.raw<LiveCallView | null>(null);
  /** Set when that call ended; it stays on screen for the notes until the next call. */
  ended = $state.raw<CallEndedEvent | null>(null);
  /** The last offer that went away before it was answered. */
  withdrawn = $state.raw<{ caller: string; reason: WithdrawnReason } | null>(null);

  /** The SIP call in this browser, while it lasts. */
  softphoneCall = $state.raw<CallInfo | null>(null);
  /** The SIP call that ended last, until the next one. */
  lastSoftphoneCall = $state.raw<CallInfo | null>(null);
  registration = $state<RegistrationState>('disconnected');
  /** Why the phone is offline (no SIP account, registration refused). */
  phoneProblem = $state.raw<unknown>(null);
  /** The last call action that failed (answer, hold, dial…). */
  actionError = $state.raw<unknown>(null);
  holdBusy = $state(false);
  /** The far end refused the last hold or resume; the call went on as it was. */
  holdFailure = $state<HoldAction | null>(null);

  /** A screen-pop asked for by this page: an INVITE nobody offered over the socket, or a dialled number. */
  lookupPop = $state.raw<ScreenPop | null>(null);
  lookupStatus = $state<'idle' | 'loading' | 'error'>('idle');
  lookupError = $state.raw<unknown>(null);
  /** The customer the agent picked among several on the number (remembered on the interaction too). */
  chosenCustomerId = $state<number | null>(null);
  choosing = $state(false);
  chooseError = $state.raw<unknown>(null);

  notes = $state('');
  notesStatus = $state<NotesStatus>('idle');
  notesError = $state.raw<unknown>(null);

  today = $state.raw<Interaction[]>([]);
  todayStatus = $state<'loading' | 'ready' | 'error'>('loading');
  todayError = $state.raw<unknown>(null);
  /** Customer id → name, from the pops seen, to name callers in today's calls. */
  customerNames = $state.raw<ReadonlyMap<number, string>>(new Map());

  /** Ticks every second while the desktop runs: state and call timers. */
  now = $state(Date.now());
  /** A pop that arrived and has not been painted yet (see markPainted). */
  pendingPaint = $state<string | null>(null);
  /** Milliseconds from the offer to the painted pop, for the last call. */
  lastRingToPaintedMs = $state<number | null>(null);

  /** The wrap-up form of the call that just ended (finished by finishWrapUp). */
  readonly wrapUp = new WrapUp();
  /** Set when the wrap-up time ran out before the agent finished it, until the next call. */
  wrapUpExpired = $state(false);
  /** Tickets and complaints linked to a call (or created from it) in this console, per interaction. */
  linkedCases = $state.raw<ReadonlyMap<number, readonly LinkedCase[]>>(new Map());
  /** Cases created during a call, per interaction: open items of the caller before the next pop lists them. */
  createdCases = $state.raw<ReadonlyMap<number, readonly CaseSummary[]>>(new Map());
  /** The follow-up task whose customer is being called, while that call is on screen. */
  followUpCall = $state.raw<FollowUpCall | null>(null);

  #socket: KefuSocket | null = null;
  #socketDropped = false;
  #phone: Softphone | null = null;
  #phoneStarting = false;
  #phoneAttempts = 0;
  #phoneRetry: ReturnType<typeof setTimeout> | null = null;
  #ticker: ReturnType<typeof setInterval> | null = null;
  #notesTimer: ReturnType<typeof setTimeout> | null = null;
  /** The interaction the notes box belongs to. */
  #notesFor = $state<number | null>(null);
  #lookupTimer: ReturnType<typeof setTimeout> | null = null;
  #lookupSeq = 0;
  /** A call in wrap-up this page knows nothing of (a reload), found in today's calls. */
  #orphanWrapUp = $state<number | null>(null);
  #wrapUpFinishing = false;
  #markedOffer: string | null = null;
  #todayController: AbortController | null = null;
  #todayReload: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by start and stop: late answers for an earlier run are dropped. */
  #generation = 0;

  // ---- derived views -------------------------------------------------------------------

  get screenPop(): ScreenPop | null {
    return this.call?.screenPop ?? this.lookupPop;
  }

  /** The interaction of the call on screen: notes and the customer choice go to it. */
  get interactionId(): number | null {
    // A call that went away unanswered has nothing to note or to tie to a customer.
    if (this.withdrawn && !this.call && !this.softphoneCall) return null;
    return (
      this.call?.interactionId ??
      this.#interactionOf(this.softphoneCall) ??
      this.#interactionOf(this.lastSoftphoneCall) ??
      (this.wrapping ? this.#orphanWrapUp : null)
    );
  }

  #interactionOf(call: CallInfo | null): number | null {
    if (!call) return null;
    return parseId(call.interactionId) ?? (this.call && call.kefuCallId === this.call.callId ? this.call.interactionId : null);
  }

  /** The agent is in after-call work: the call needs a disposition. */
  get wrapping(): boolean {
    return this.status?.state === 'wrap_up';
  }

  /** The call the wrap-up form finishes, or null outside wrap-up (or while it is looked up). */
  get wrapUpTarget(): number | null {
    return this.wrapping ? this.interactionId : null;
  }

  /** The cases tied to the call on screen from this console, and the follow-up's case. */
  get casesOfCall(): readonly LinkedCase[] {
    const id = this.interactionId;
    return id === null ? [] : (this.linkedCases.get(id) ?? []);
  }

  /** Cases created during the call on screen. */
  get casesCreatedOnCall(): readonly CaseSummary[] {
    const id = this.interactionId;
    return id === null ? [] : (this.createdCases.get(id) ?? []);
  }

  /**
   * The call on screen can be linked to a case: the server links only the agent's own calls,
   * and a call becomes the agent's when answered (or dialled).
   */
  get canLinkCall(): boolean {
    return this.interactionId !== null && !this.ringing && !(this.call?.state === 'ringing' && !this.softphoneCall);
  }

  get ringing(): boolean {
    return this.softphoneCall?.state === 'incoming';
  }

  /** A SIP call is up or being set up in this browser. */
  get inCall(): boolean {
    return this.softphoneCall !== null && this.softphoneCall.state !== 'incoming';
  }

  get held(): boolean {
    return this.softphoneCall?.state === 'held';
  }

  get muted(): boolean {
    return this.softphoneCall?.muted ?? false;
  }

  get canHold(): boolean {
    const s = this.softphoneCall?.state;
    return !this.holdBusy && (s === 'active' || s === 'held');
  }

  get canMute(): boolean {
    const s = this.softphoneCall?.state;
    return s === 'active' || s === 'held';
  }

  /** The caller's name when the pop says who it is, else the number. */
  get callerName(): string | null {
    const pop = this.screenPop;
    const primary = pop?.primary;
    if (!pop || !primary) return null;
    if (pop.matches.length <= 1 || this.chosenCustomerId === primary.customer.id) return primary.customer.name;
    return null;
  }

  get callerNumber(): string {
    if (this.softphoneCall) return remoteNumber(this.softphoneCall);
    return this.call?.callerNumber ?? this.screenPop?.callerNumber ?? (this.lastSoftphoneCall ? remoteNumber(this.lastSoftphoneCall) : '');
  }

  /** "张伟 (+8613800138000)" or the number alone. */
  get callerLabel(): string {
    const name = this.callerName;
    const number = this.callerNumber;
    return name && number ? `${name} (${number})` : (name ?? number);
  }

  /** One sentence for where the call stands: "Incoming call from 张伟 (+86…)". */
  get callLine(): string {
    const caller = this.callerLabel;
    const sp = this.softphoneCall;
    if (sp) {
      switch (sp.state) {
        case 'incoming':
          return t('call.incoming', { caller });
        case 'answering':
          return t('call.answering', { caller });
        case 'dialing':
          return t('call.dialing', { caller });
        case 'ringing-out':
          return t('call.ringingOut', { caller });
        case 'active':
          return t('call.active', { caller });
        case 'held':
          return t('call.held', { caller });
        default:
          return t('call.idle');
      }
    }
    if (this.withdrawn) return t(`call.withdrawn.${this.withdrawn.reason}`, { caller: this.withdrawn.caller });
    if (this.ended) return t('call.endedBecause', { caller, reason: endReasonWords(this.ended.endReason) });
    if (this.lastSoftphoneCall) return t('call.ended', { caller });
    if (this.call) return this.call.state === 'ringing' ? t('call.offered', { caller }) : t('call.elsewhere', { caller });
    return t('call.idle');
  }

  /** A call is ringing or up (for the bar shown on other pages). */
  get callOnScreen(): boolean {
    return this.softphoneCall !== null || (this.call !== null && !this.ended);
  }

  /** Milliseconds talked on the current call, or null before answer. */
  get talkMs(): number | null {
    const sp = this.softphoneCall;
    if (sp?.answeredAt !== undefined && sp.answeredAt !== null) return this.now - sp.answeredAt;
    const c = this.call;
    if (!sp && c?.answeredAt && !this.ended && (c.state === 'talking' || c.state === 'held')) {
      return this.now - Date.parse(c.answeredAt);
    }
    return null;
  }

  get ringMs(): number | null {
    const sp = this.softphoneCall;
    return sp?.state === 'incoming' ? this.now - sp.startedAt : null;
  }

  get stateMs(): number | null {
    const since = this.status ? Date.parse(this.status.since) : NaN;
    return Number.isNaN(since) ? null : Math.max(0, this.now - since);
  }

  /** Wrap-up time left before the server makes the agent Ready; null when the queue sets no limit. */
  get wrapUpLeftMs(): number | null {
    const endsAt = this.wrapping && this.status?.wrapUpEndsAt ? Date.parse(this.status.wrapUpEndsAt) : NaN;
    return Number.isNaN(endsAt) ? null : Math.max(0, endsAt - this.now);
  }

  // ---- lifecycle -----------------------------------------------------------------------

  /** At sign-in: the timers, today's calls and the softphone. */
  start(): void {
    if (this.active) return;
    this.active = true;
    const generation = ++this.#generation;
    this.now = Date.now();
    this.#ticker = setInterval(() => (this.now = Date.now()), 1_000);
    void this.loadToday();
    void this.#startPhone(generation);
  }

  /** At sign-out: hangs up, unregisters, forgets everything. */
  async stop(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    this.#generation++;
    for (const timer of [this.#phoneRetry, this.#notesTimer, this.#lookupTimer, this.#todayReload]) {
      if (timer) clearTimeout(timer);
    }
    if (this.#ticker) clearInterval(this.#ticker);
    this.#phoneRetry = this.#notesTimer = this.#lookupTimer = this.#todayReload = this.#ticker = null;
    this.#todayController?.abort();
    closeCallNotification();
    const phone = this.#phone;
    this.#phone = null;
    this.#reset();
    await phone?.dispose().catch(() => {});
  }

  #reset(): void {
    this.status = null;
    this.stateError = null;
    this.call = null;
    this.ended = null;
    this.withdrawn = null;
    this.softphoneCall = null;
    this.lastSoftphoneCall = null;
    this.registration = 'disconnected';
    this.phoneProblem = null;
    this.actionError = null;
    this.holdFailure = null;
    this.lookupPop = null;
    this.lookupStatus = 'idle';
    this.chosenCustomerId = null;
    this.chooseError = null;
    this.notes = '';
    this.notesStatus = 'idle';
    this.#notesFor = null;
    this.today = [];
    this.todayStatus = 'loading';
    this.customerNames = new Map();
    this.pendingPaint = null;
    this.#markedOffer = null;
    this.#phoneAttempts = 0;
    this.wrapUp.reset();
    this.wrapUpExpired = false;
    this.linkedCases = new Map();
    this.createdCases = new Map();
    this.followUpCall = null;
    this.#orphanWrapUp = null;
  }

  /** Listens to the session's socket; returns the function that stops listening. */
  attach(socket: KefuSocket): () => void {
    this.#socket = socket;
    const onConnect = () => {
      void this.refresh();
      // Back after an outage (a server restart issues new SIP passwords): start the phone
      // afresh unless it is registered or busy with a call.
      if (this.#socketDropped && this.registration !== 'registered' && !this.softphoneCall) this.restartPhone();
      this.#socketDropped = false;
    };
    const onDisconnect = () => (this.#socketDropped = true);
    const onState = (s: AgentStatusView) => {
      this.#setStatus(s);
      this.stateError = null;
    };
    const onOffered = (c: LiveCallView) => this.#onOffered(c);
    const onWithdrawn = (p: { callId: string; reason: WithdrawnReason }) => this.#onWithdrawn(p.callId, p.reason);
    const onUpdated = (c: LiveCallView) => this.#onUpdated(c);
    const onEnded = (e: CallEndedEvent) => this.#onEnded(e);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('agent:state-changed', onState);
    socket.on('call:offered', onOffered);
    socket.on('call:offer-withdrawn', onWithdrawn);
    socket.on('call:updated', onUpdated);
    socket.on('call:ended', onEnded);
    if (socket.connected) void this.refresh();
    return () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('agent:state-changed', onState);
      socket.off('call:offered', onOffered);
      socket.off('call:offer-withdrawn', onWithdrawn);
      socket.off('call:updated', onUpdated);
      socket.off('call:ended', onEnded);
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
      if (snap.call) {
        if (this.call?.callId !== snap.call.callId) this.#newCall();
        this.call = snap.call;
        this.ended = null;
        this.#rememberNames(snap.call.screenPop);
      } else if (this.call && !this.ended && !this.softphoneCall) {
        // It ended while this page was not listening.
        this.call = null;
      }
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
    if (this.#finishesWrapUp()) {
      await this.finishWrapUp('ready');
      return;
    }
    return this.#setState({ state: 'ready' });
  }

  async setNotReady(reason: SelectableReason = this.notReadyReason): Promise<void> {
    askNotificationPermission();
    if (this.#finishesWrapUp()) {
      this.notReadyReason = reason;
      await this.finishWrapUp('not_ready');
      return;
    }
    return this.#setState({ state: 'not_ready', reason });
  }

  #finishesWrapUp(): boolean {
    return this.wrapping && this.wrapUpTarget !== null && this.wrapUp.interactionId === this.wrapUpTarget && this.wrapUp.disposition !== '';
  }

  /** The agent's state changed: entering wrap-up prepares the form, leaving it clears it. */
  #setStatus(next: AgentStatusView): void {
    const was = this.status?.state;
    this.status = next;
    if (next.state === 'wrap_up' && was !== 'wrap_up') this.#enterWrapUp();
    if (was === 'wrap_up' && next.state !== 'wrap_up') {
      // Left without the agent finishing it: the queue's wrap-up time ran out.
      if (!this.#wrapUpFinishing && next.state === 'ready') this.wrapUpExpired = true;
      this.wrapUp.reset();
      this.#orphanWrapUp = null;
    }
  }

  #enterWrapUp(): void {
    this.wrapUpExpired = false;
    void this.loadToday().then(() => {
      if (!this.wrapping) return;
      const known = this.interactionId;
      // After a reload the page may not know which call is being wrapped up: the agent's
      // newest ended call without a disposition is.
      if (known === null) {
        const orphan = this.today.find((i) => i.kind === 'call' && i.endedAt !== null && i.disposition === null);
        if (orphan) {
          this.#orphanWrapUp = orphan.id;
          this.#retarget();
        }
      }
      this.#prefillNotes();
    });
  }

  /** The wrap-up form starts from the notes the call already has (typed here or saved before). */
  #prefillNotes(): void {
    const id = this.interactionId;
    if (id === null || id !== this.#notesFor || this.notes !== '' || this.notesStatus !== 'idle') return;
    const saved = this.today.find((i) => i.id === id)?.notes;
    if (saved) this.notes = saved;
  }

  /**
   * Finishes after-call work: the disposition (required), the notes, then Ready or Not ready
   * with the chosen reason. Without a disposition the agent is asked for one.
   */
  async finishWrapUp(then: FinishThen): Promise<boolean> {
    const socket = this.#socket;
    const form = this.wrapUp;
    const interactionId = this.wrapUpTarget;
    if (!this.wrapping || interactionId === null || form.busy) return false;
    if (form.interactionId !== interactionId || !form.disposition) {
      form.target(interactionId);
      form.askForDisposition();
      return false;
    }
    form.error = null;
    this.stateError = null;
    if (!socket) {
      form.error = new ApiError(0, 'NETWORK', 'Not connected');
      return false;
    }
    if (then === 'ready' && (this.registration === 'failed' || this.registration === 'disconnected')) this.restartPhone();
    const cmd: WrapUpCommand = { interactionId, disposition: form.disposition, then, reason: this.notReadyReason };
    // The notes go with the wrap-up; untouched notes are left as the server has them.
    const notes = this.notes;
    const notesTouched = this.#notesFor === interactionId && (this.notesStatus !== 'idle' || notes !== '');
    if (notesTouched) cmd.notes = notes;
    form.busy = true;
    this.#wrapUpFinishing = true;
    try {
      const status = await command<AgentStatusView>((done) => socket.emit('call:wrap-up', cmd, done));
      if (notesTouched && this.#notesFor === interactionId && this.notes === notes) {
        if (this.#notesTimer) clearTimeout(this.#notesTimer);
        this.#notesTimer = null;
        this.notesStatus = 'saved';
      }
      this.#setStatus(status);
      this.#reloadTodaySoon();
      return true;
    } catch (e) {
      form.error = e;
      return false;
    } finally {
      form.busy = false;
      this.#wrapUpFinishing = false;
    }
  }

  async #setState(cmd: SetAgentStateCommand): Promise<void> {
    const socket = this.#socket;
    this.stateError = null;
    if (!socket) {
      this.stateError = new ApiError(0, 'NETWORK', 'Not connected');
      return;
    }
    if (cmd.state === 'ready' && (this.registration === 'failed' || this.registration === 'disconnected')) this.restartPhone();
    this.stateBusy = true;
    try {
      this.#setStatus(await command<AgentStatusView>((done) => socket.emit('agent:set-state', cmd, done)));
    } catch (e) {
      this.stateError = e;
      // Refused because the call in wrap-up has no disposition yet: lead the agent to the form.
      if (isApiError(e) && e.code === 'VALIDATION' && this.wrapping) {
        this.wrapUp.target(this.wrapUpTarget);
        this.wrapUp.askForDisposition();
      }
    } finally {
      this.stateBusy = false;
    }
  }

  // ---- the softphone -------------------------------------------------------------------

  /** Gets a fresh SIP account and starts a new softphone (not during a call). */
  restartPhone(): void {
    if (!this.active || this.#phoneStarting || this.softphoneCall) return;
    void this.#startPhone(this.#generation);
  }

  async #startPhone(generation: number): Promise<void> {
    if (this.#phoneStarting) return;
    this.#phoneStarting = true;
    if (this.#phoneRetry) clearTimeout(this.#phoneRetry);
    this.#phoneRetry = null;
    try {
      // sip.js is loaded here, not with the console: only agents need it.
      const [{ createSoftphone }, credentials] = await Promise.all([import('../phone/phone-factory.js'), api.softphoneCredentials()]);
      if (generation !== this.#generation) return;
      const old = this.#phone;
      this.#phone = null;
      if (old) await old.dispose().catch(() => {});
      if (generation !== this.#generation) return;
      const phone = createSoftphone(credentials);
      this.#wire(phone, generation);
      this.#phone = phone;
      this.registration = phone.registrationState;
      // Progress and refusals arrive as registration events.
      void phone.start().catch(() => {});
    } catch (e) {
      if (generation !== this.#generation) return;
      this.phoneProblem = e;
      // Not allowed a phone at all: retrying will not change that.
      if (!(isApiError(e) && (e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED'))) this.#schedulePhoneRetry(generation);
    } finally {
      this.#phoneStarting = false;
    }
  }

  #schedulePhoneRetry(generation: number): void {
    if (this.#phoneRetry) clearTimeout(this.#phoneRetry);
    const delay = Math.min(PHONE_RETRY_MAX_MS, PHONE_RETRY_MIN_MS * 2 ** Math.min(this.#phoneAttempts, 5));
    this.#phoneAttempts++;
    this.#phoneRetry = setTimeout(() => {
      this.#phoneRetry = null;
      if (generation === this.#generation && !this.softphoneCall) void this.#startPhone(generation);
    }, delay);
  }

  #wire(phone: Softphone, generation: number): void {
    phone.on('registration:state-changed', ({ state, error }) => {
      if (this.#phone !== phone) return;
      this.registration = state;
      if (state === 'registered') {
        this.phoneProblem = null;
        this.#phoneAttempts = 0;
      } else if (state === 'failed') {
        // Refused credentials (e.g. the server restarted and issued new ones): fetch again.
        this.phoneProblem = error ?? null;
        this.#schedulePhoneRetry(generation);
      }
    });
    phone.on('call:state-changed', ({ call }) => {
      if (this.#phone === phone) this.#onPhoneCall(call);
    });
    phone.on('call:incoming', ({ call }) => {
      if (this.#phone === phone) this.#onIncoming(call);
    });
    phone.on('call:mute-changed', ({ call }) => {
      if (this.#phone === phone && this.softphoneCall?.id === call.id) this.softphoneCall = call;
    });
    phone.on('call:hold-failed', ({ call, action }) => {
      // A refusal that ended the call (481, 408) is told by the call ending.
      if (this.#phone === phone && call.state !== 'ended') this.holdFailure = action;
    });
  }

  #onPhoneCall(call: CallInfo): void {
    if (call.state === 'ended') {
      if (this.softphoneCall && this.softphoneCall.id !== call.id) return;
      this.softphoneCall = null;
      this.lastSoftphoneCall = call;
      this.holdBusy = false;
      this.holdFailure = null;
      closeCallNotification();
    } else {
      this.softphoneCall = call;
      if (call.state !== 'incoming') closeCallNotification();
    }
    this.#retarget();
    this.#tieFollowUp();
  }

  #onIncoming(call: CallInfo): void {
    this.lastSoftphoneCall = null;
    this.withdrawn = null;
    this.actionError = null;
    const key = call.interactionId ?? call.id;
    this.#markOffered(key);
    if (this.#matchesOffer(call)) return; // the push brought the pop and the notification
    if (this.#lookupTimer) clearTimeout(this.#lookupTimer);
    this.#lookupTimer = setTimeout(() => {
      this.#lookupTimer = null;
      if (this.softphoneCall?.id !== call.id || this.#matchesOffer(call)) return;
      // Rung without an offer over the socket (another console, a direct call): ask for the pop.
      if (this.call && this.call.callId !== call.kefuCallId) this.call = null;
      this.ended = null;
      this.#newCall();
      void this.#lookup(remoteNumber(call), key, true);
    }, OFFER_GRACE_MS);
  }

  #matchesOffer(call: CallInfo): boolean {
    const offer = this.call;
    if (!offer || this.ended) return false;
    if (call.interactionId !== undefined) return String(offer.interactionId) === call.interactionId;
    // The switch did not tag the INVITE: the offer ringing now is this call.
    return offer.state === 'ringing';
  }

  // ---- server pushes -------------------------------------------------------------------

  #onOffered(c: LiveCallView): void {
    const key = String(c.interactionId);
    this.followUpCall = null;
    this.wrapUpExpired = false;
    this.#markOffered(key);
    if (this.#lookupTimer) clearTimeout(this.#lookupTimer);
    this.#lookupTimer = null;
    this.withdrawn = null;
    this.ended = null;
    if (this.lastSoftphoneCall) this.lastSoftphoneCall = null;
    this.#newCall();
    this.call = c;
    this.#rememberNames(c.screenPop);
    this.pendingPaint = key;
    this.#retarget();
    if (pageInBackground()) this.#notify();
  }

  #onWithdrawn(callId: string, reason: WithdrawnReason): void {
    if (this.call?.callId !== callId) return;
    this.withdrawn = { caller: this.callerLabel, reason };
    this.call = null;
    this.pendingPaint = null;
    closeCallNotification();
    this.#retarget();
    this.#reloadTodaySoon();
  }

  #onUpdated(c: LiveCallView): void {
    if (this.call?.callId !== c.callId) {
      this.#newCall();
      this.ended = null;
    }
    this.call = c;
    this.#rememberNames(c.screenPop);
    this.#retarget();
    this.#tieFollowUp();
  }

  #onEnded(e: CallEndedEvent): void {
    if (this.call && this.call.callId !== e.callId) return;
    this.ended = e;
    closeCallNotification();
    if (this.notesStatus === 'dirty') void this.saveNotes();
    this.#reloadTodaySoon();
  }

  /** A different call is on screen: forget the choices made for the previous one. */
  #newCall(): void {
    this.lookupPop = null;
    this.lookupStatus = 'idle';
    this.lookupError = null;
    this.chosenCustomerId = null;
    this.chooseError = null;
    this.#lookupSeq++;
  }

  #notify(): void {
    const queue = this.call?.queueName;
    const caller = this.callerLabel;
    showCallNotification(t('notify.title'), queue ? t('notify.bodyQueue', { caller, queue }) : t('notify.body', { caller }));
  }

  #rememberNames(pop: ScreenPop): void {
    if (!pop.matches.length && !pop.primary) return;
    const names = new Map(this.customerNames);
    for (const m of pop.matches) names.set(m.id, m.name);
    if (pop.primary) names.set(pop.primary.customer.id, pop.primary.customer.name);
    this.customerNames = names;
  }

  // ---- ring-to-painted -----------------------------------------------------------------

  #markOffered(key: string): void {
    if (this.#markedOffer === key) return;
    this.#markedOffer = key;
    try {
      performance.clearMarks(MARK_OFFERED);
      performance.clearMarks(MARK_PAINTED);
    } catch {
      // see mark()
    }
    mark(MARK_OFFERED, key);
  }

  /** Called by the screen-pop once the pop for `key` is in the DOM (after tick and a frame). */
  markPainted(key: string): void {
    if (this.pendingPaint !== key) return;
    this.pendingPaint = null;
    if (this.#markedOffer !== key) return;
    mark(MARK_PAINTED, key);
    try {
      const m = performance.measure(MEASURE_RING_TO_PAINTED, MARK_OFFERED, MARK_PAINTED);
      this.lastRingToPaintedMs = m.duration;
    } catch {
      // see mark()
    }
  }

  // ---- screen-pop look-up and the customer choice ---------------------------------------

  async #lookup(callerNumber: string, key: string | null, notify: boolean): Promise<void> {
    const socket = this.#socket;
    if (!socket || !callerNumber) return;
    const seq = ++this.#lookupSeq;
    this.lookupStatus = 'loading';
    this.lookupError = null;
    try {
      const pop = await command<ScreenPop>((done) => socket.emit('screenpop:lookup', { callerNumber }, done));
      if (seq !== this.#lookupSeq) return;
      this.lookupPop = pop;
      this.lookupStatus = 'idle';
      this.#rememberNames(pop);
      if (key !== null && this.#markedOffer === key) this.pendingPaint = key;
    } catch (e) {
      if (seq !== this.#lookupSeq) return;
      this.lookupStatus = 'error';
      this.lookupError = e;
    }
    if (notify && this.ringing && pageInBackground()) this.#notify();
  }

  /** Ties the call's interaction to this customer; the server answers the new pop. */
  async chooseCustomer(customerId: number): Promise<boolean> {
    const socket = this.#socket;
    const interactionId = this.interactionId;
    if (!socket || interactionId === null) {
      this.chooseError = new ApiError(0, 'NETWORK', 'Not connected');
      return false;
    }
    this.choosing = true;
    this.chooseError = null;
    try {
      const pop = await command<ScreenPop>((done) => socket.emit('call:choose-customer', { interactionId, customerId }, done));
      this.chosenCustomerId = customerId;
      if (this.call?.interactionId === interactionId) this.call = { ...this.call, screenPop: pop };
      else this.lookupPop = pop;
      this.#rememberNames(pop);
      void this.loadToday();
      return true;
    } catch (e) {
      this.chooseError = e;
      return false;
    } finally {
      this.choosing = false;
    }
  }

  // ---- call control --------------------------------------------------------------------

  async #act(action: (phone: Softphone) => Promise<void> | void): Promise<void> {
    const phone = this.#phone;
    if (!phone) return;
    this.actionError = null;
    try {
      await action(phone);
    } catch (e) {
      this.actionError = e;
    }
  }

  answer(): Promise<void> {
    if (!this.ringing) return Promise.resolve();
    closeCallNotification();
    return this.#act((p) => p.answer());
  }

  reject(): Promise<void> {
    if (!this.ringing) return Promise.resolve();
    closeCallNotification();
    return this.#act((p) => p.reject());
  }

  hangup(): Promise<void> {
    if (!this.softphoneCall) return Promise.resolve();
    return this.#act((p) => p.hangup());
  }

  /** Alt+X: reject while ringing, hang up otherwise. */
  hangupOrReject(): Promise<void> {
    return this.ringing ? this.reject() : this.hangup();
  }

  async toggleHold(): Promise<void> {
    if (!this.canHold) return;
    const resume = this.held;
    this.holdBusy = true;
    this.holdFailure = null;
    try {
      await this.#act((p) => (resume ? p.resume() : p.hold()));
      // A refusal is told calmly as a status (the call goes on), not as a failed action.
      if (this.holdFailure) this.actionError = null;
    } finally {
      this.holdBusy = false;
    }
  }

  toggleMute(): Promise<void> {
    if (!this.canMute) return Promise.resolve();
    const muted = this.muted;
    return this.#act((p) => (muted ? p.unmute() : p.mute()));
  }

  sendDtmf(digit: string): Promise<void> {
    if (this.softphoneCall?.state !== 'active') return Promise.resolve();
    return this.#act((p) => p.sendDtmf(digit));
  }

  /** An outbound call; the pop shows who is being called. */
  dial(number: string): Promise<void> {
    this.followUpCall = null;
    return this.#dial(number);
  }

  async #dial(number: string): Promise<void> {
    const target = number.trim();
    if (!target || this.softphoneCall) return;
    this.wrapUpExpired = false;
    this.withdrawn = null;
    this.ended = null;
    this.call = null;
    this.lastSoftphoneCall = null;
    this.#newCall();
    this.#retarget();
    await this.#act(async (p) => {
      const info = await p.dial(target);
      if (!this.softphoneCall || this.softphoneCall.id === info.id) this.softphoneCall = info;
      const f = this.followUpCall;
      if (f && f.softphoneCallId === null) {
        this.followUpCall = { ...f, softphoneCallId: info.id };
        this.#tieFollowUp();
      }
    });
    if (!this.actionError) void this.#lookup(target, null, false);
  }

  // ---- cases of the call ---------------------------------------------------------------

  /**
   * Calls the customer of a follow-up task: tells the server first (so the call joins the task's
   * case), then dials the task's number. Throws when the server refuses the task.
   */
  async callFollowUp(task: FollowUpTask): Promise<boolean> {
    if (!task.phone || this.softphoneCall) return false;
    await caseApi.startFollowUp(task.id);
    this.followUpCall = { task, softphoneCallId: null };
    await this.#dial(task.phone);
    return !this.actionError;
  }

  /** The follow-up's case is linked to its call by the server; show it with the call too. */
  #tieFollowUp(): void {
    const f = this.followUpCall;
    const interactionId = this.followUpInteractionId;
    if (!f || f.task.caseId === null || interactionId === null) return;
    this.#addLinkedCase(interactionId, { id: f.task.caseId, number: f.task.caseNumber ?? '', kind: null, subject: null });
  }

  /** The follow-up call's interaction, once the server has pushed it (for its outcome). */
  get followUpInteractionId(): number | null {
    const id = this.followUpCall?.softphoneCallId;
    const sip = [this.softphoneCall, this.lastSoftphoneCall].find((c) => c !== null && c.id === id);
    return sip ? this.#interactionOf(sip) : null;
  }

  /** Links the call on screen to a case; throws when the server refuses. */
  async linkCase(c: LinkedCase): Promise<void> {
    const interactionId = this.interactionId;
    if (interactionId === null) throw new ApiError(0, 'VALIDATION', 'There is no call to link');
    await caseApi.linkCall(c.id, interactionId);
    this.#addLinkedCase(interactionId, c);
  }

  /** A case created during the call on screen; `linked` when the server linked the call to it. */
  caseCreated(interactionId: number, c: CaseSummary, linked: boolean): void {
    const list = this.createdCases.get(interactionId) ?? [];
    this.createdCases = new Map(this.createdCases).set(interactionId, [c, ...list]);
    if (linked) this.#addLinkedCase(interactionId, { id: c.id, number: c.number, kind: c.kind, subject: c.subject });
  }

  isLinked(caseId: number): boolean {
    return this.casesOfCall.some((c) => c.id === caseId);
  }

  #addLinkedCase(interactionId: number, c: LinkedCase): void {
    const list = this.linkedCases.get(interactionId) ?? [];
    if (list.some((x) => x.id === c.id)) return;
    this.linkedCases = new Map(this.linkedCases).set(interactionId, [...list, c]);
  }

  // ---- notes ---------------------------------------------------------------------------

  get notesEnabled(): boolean {
    return this.#notesFor !== null;
  }

  setNotes(text: string): void {
    this.notes = text;
    if (this.#notesFor === null) return;
    this.notesStatus = 'dirty';
    if (this.#notesTimer) clearTimeout(this.#notesTimer);
    this.#notesTimer = setTimeout(() => void this.saveNotes(), NOTES_DEBOUNCE_MS);
  }

  async saveNotes(): Promise<void> {
    if (this.#notesTimer) clearTimeout(this.#notesTimer);
    this.#notesTimer = null;
    const socket = this.#socket;
    const interactionId = this.#notesFor;
    if (interactionId === null) return;
    if (!socket) {
      this.notesStatus = 'error';
      this.notesError = new ApiError(0, 'NETWORK', 'Not connected');
      return;
    }
    const notes = this.notes;
    this.notesStatus = 'saving';
    this.notesError = null;
    try {
      await command<{ savedAt: string }>((done) => socket.emit('call:save-notes', { interactionId, notes }, done));
      if (this.#notesFor !== interactionId) return;
      // Typed on meanwhile: the pending autosave sends the rest.
      this.notesStatus = this.notes === notes ? 'saved' : 'dirty';
      this.#reloadTodaySoon();
    } catch (e) {
      if (this.#notesFor !== interactionId) return;
      this.notesStatus = 'error';
      this.notesError = e;
    }
  }

  /** Points the notes box at the call on screen; unsaved notes of the previous call are sent first. */
  #retarget(): void {
    const id = this.interactionId;
    if (id === this.#notesFor) return;
    const previous = this.#notesFor;
    const socket = this.#socket;
    if (previous !== null && socket && (this.notesStatus === 'dirty' || this.notesStatus === 'error') && this.notes) {
      const notes = this.notes;
      void command((done) => socket.emit('call:save-notes', { interactionId: previous, notes }, done)).catch(() => {});
    }
    if (this.#notesTimer) clearTimeout(this.#notesTimer);
    this.#notesTimer = null;
    this.#notesFor = id;
    this.notes = '';
    this.notesStatus = 'idle';
    this.notesError = null;
  }

  // ---- today's calls -------------------------------------------------------------------

  async loadToday(): Promise<void> {
    this.#todayController?.abort();
    const controller = new AbortController();
    this.#todayController = controller;
    try {
      const { items } = await api.todayCalls(controller.signal);
      this.today = items;
      this.todayStatus = 'ready';
      this.todayError = null;
    } catch (e) {
      if (isAbort(e)) return;
      this.todayError = e;
      this.todayStatus = 'error';
    }
  }

  /** After a call ends the server writes its record; read it now and once more shortly after. */
  #reloadTodaySoon(): void {
    void this.loadToday();
    if (this.#todayReload) clearTimeout(this.#todayReload);
    this.#todayReload = setTimeout(() => {
      this.#todayReload = null;
      if (this.active) void this.loadToday();
    }, 2_000);
  }
}

export const agentDesktop = new AgentDesktop();
