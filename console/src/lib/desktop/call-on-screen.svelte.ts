// The call on screen as the desk shows it: the picture reconciled from the server's pushes and
// the softphone's events (call-reconciliation.ts), and what the pages read from it. The desk
// (agent-desktop.svelte.ts) extends it with the wiring that moves the picture.
import type { CallEndedEvent, LiveCallView, ScreenPop } from '@kefu/contract';
import type { CallInfo } from '@kefu/softphone';
import type { AfterCallWork } from './after-call-work.svelte.js';
import type { AgentStatus } from './agent-status.svelte.js';
import { callLineWords } from './call-format.js';
import { showPhone } from '../shared/phone-format.js';
import type { CallPop } from './call-pop.svelte.js';
import * as r from './call-reconciliation.js';

export abstract class CallOnScreen {
  /** Ticks every second while the desktop runs: state and call timers. */
  now = $state(Date.now());
  /** The call as the server and the softphone tell it, reconciled. */
  protected picture = $state.raw<r.CallPicture>(r.NO_CALL);

  /** The pop looked up by this page and the customer chosen on it. */
  abstract readonly pop: CallPop;
  /** In wrap-up the call may be known only from today's calls (`afterCall.orphan`). */
  abstract readonly agent: AgentStatus;
  abstract readonly afterCall: AfterCallWork;

  get call(): LiveCallView | null {
    return this.picture.call;
  }

  get ended(): CallEndedEvent | null {
    return this.picture.ended;
  }

  get withdrawn(): r.Withdrawn | null {
    return this.picture.withdrawn;
  }

  get softphoneCall(): CallInfo | null {
    return this.picture.softphoneCall;
  }

  get lastSoftphoneCall(): CallInfo | null {
    return this.picture.lastSoftphoneCall;
  }

  get screenPop(): ScreenPop | null {
    return this.call?.screenPop ?? this.pop.lookupPop;
  }

  /** The interaction of the call on screen: notes and the customer choice go to it. */
  get interactionId(): number | null {
    return r.interactionId(this.picture, this.agent.wrapping ? this.afterCall.orphan : null);
  }

  /** The call on screen can be linked to a case. */
  get canLinkCall(): boolean {
    return r.canLink(this.picture, this.interactionId);
  }

  get callerNumber(): string {
    return r.callerNumber(this.picture, this.screenPop);
  }

  /** "张伟 (138 0013 8000)" or the number alone, in the one phone format. */
  get callerLabel(): string {
    const name = this.pop.callerName(this.screenPop);
    const number = showPhone(this.callerNumber);
    return name && number ? `${name} (${number})` : (name ?? number);
  }

  /** One sentence for where the call stands: "Incoming call from 张伟 (+86…)". */
  get callLine(): string {
    return callLineWords(r.phase(this.picture), this.callerLabel);
  }

  /** A call is ringing or up (for the bar shown on other pages). */
  get callOnScreen(): boolean {
    return r.onScreen(this.picture);
  }

  /** Milliseconds talked on the current call, or null before answer. */
  get talkMs(): number | null {
    return r.talkMs(this.picture, this.now);
  }

  get ringMs(): number | null {
    return r.ringMs(this.picture, this.now);
  }
}
