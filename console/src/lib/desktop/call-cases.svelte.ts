// The tickets and complaints of the call on screen: linked to it from this console, created
// during it, and the case of the follow-up task being called.
import type { CaseKind, CaseSummary, FollowUpTask } from '@kefu/contract';
import { ApiError } from '../shared/api.js';
import { caseApi } from '../cases/case-api.js';

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

export interface CallCasesContext {
  /** The interaction of the call on screen. */
  interactionId(): number | null;
  /** The interaction of this browser's SIP call (current or last) with that id, once known. */
  interactionOfSipCall(softphoneCallId: string): number | null;
}

export class CallCases {
  /** Cases linked to a call (or created from it) in this console, per interaction. */
  linked = $state.raw<ReadonlyMap<number, readonly LinkedCase[]>>(new Map());
  /** Cases created during a call, per interaction: open items of the caller before the next pop lists them. */
  created = $state.raw<ReadonlyMap<number, readonly CaseSummary[]>>(new Map());
  /** The follow-up task whose customer is being called, while that call is on screen. */
  followUpCall = $state.raw<FollowUpCall | null>(null);

  readonly #ctx: CallCasesContext;

  constructor(ctx: CallCasesContext) {
    this.#ctx = ctx;
  }

  /** The cases tied to the call on screen from this console, and the follow-up's case. */
  get ofCall(): readonly LinkedCase[] {
    const id = this.#ctx.interactionId();
    return id === null ? [] : (this.linked.get(id) ?? []);
  }

  /** Cases created during the call on screen. */
  get createdOnCall(): readonly CaseSummary[] {
    const id = this.#ctx.interactionId();
    return id === null ? [] : (this.created.get(id) ?? []);
  }

  isLinked(caseId: number): boolean {
    return this.ofCall.some((c) => c.id === caseId);
  }

  /** Links the call on screen to a case; throws when the server refuses. */
  async link(c: LinkedCase): Promise<void> {
    const interactionId = this.#ctx.interactionId();
    if (interactionId === null) throw new ApiError(0, 'VALIDATION', 'There is no call to link');
    await caseApi.linkCall(c.id, interactionId);
    this.#add(interactionId, c);
  }

  /** A case created during the call on screen; `linked` when the server linked the call to it. */
  caseCreated(interactionId: number, c: CaseSummary, linked: boolean): void {
    const list = this.created.get(interactionId) ?? [];
    this.created = new Map(this.created).set(interactionId, [c, ...list]);
    if (linked) this.#add(interactionId, { id: c.id, number: c.number, kind: c.kind, subject: c.subject });
  }

  /** The follow-up call's interaction, once the server has pushed it (for its outcome). */
  get followUpInteractionId(): number | null {
    const id = this.followUpCall?.softphoneCallId;
    return id ? this.#ctx.interactionOfSipCall(id) : null;
  }

  /** The softphone call for the follow-up task went out. */
  followUpDialled(softphoneCallId: string): void {
    const f = this.followUpCall;
    if (!f || f.softphoneCallId !== null) return;
    this.followUpCall = { ...f, softphoneCallId };
    this.tieFollowUp();
  }

  /** The follow-up's case is linked to its call by the server; show it with the call too. */
  tieFollowUp(): void {
    const f = this.followUpCall;
    const interactionId = this.followUpInteractionId;
    if (!f || f.task.caseId === null || interactionId === null) return;
    this.#add(interactionId, { id: f.task.caseId, number: f.task.caseNumber ?? '', kind: null, subject: null });
  }

  reset(): void {
    this.linked = new Map();
    this.created = new Map();
    this.followUpCall = null;
  }

  #add(interactionId: number, c: LinkedCase): void {
    const list = this.linked.get(interactionId) ?? [];
    if (list.some((x) => x.id === c.id)) return;
    this.linked = new Map(this.linked).set(interactionId, [...list, c]);
  }
}
