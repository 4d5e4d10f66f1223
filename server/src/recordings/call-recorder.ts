// Records the calls of queues that record, following the call facts: at the answer the queue's
// policy starts a recording (or offers the agent Start), the agent pauses and resumes it for card
// numbers, and when the call ends its pcaps become one stereo WAV sealed with the data key.
// A media plane that refuses to record never stops the call: the recording is marked failed,
// with the reason, and a warning is logged for the supervisors and admins.
import fs from 'node:fs';
import type { CallRecordingView, DeskRecordingState, PausedSpan, RecordingCommand } from '../../../contract/index.js';
import type { CallFact } from '../acd/call-facts.js';
import { pcapsToStereoWav } from '../media/recording/pcap-to-wav.js';
import type { Clock } from '../platform/clock.js';
import { DomainError } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { Logger } from '../platform/logger.js';
import type { CallRecording, CallRecordingHandle } from '../switch/ports.js';
import type { RecordingFiles } from './data/recording-files.js';
import type { RecordingRepository } from './data/recording.repository.js';
import { move, stateAtAnswer } from './rules/live-recording.js';

export interface CallRecorderDeps {
  /** The switch's recording of anchored calls; null before the switch exists. */
  recording: () => CallRecording | null;
  repo: RecordingRepository;
  files: RecordingFiles;
  /** Resolves once the call log has written the call so far (its interaction row exists). */
  callWritten(callId: string): Promise<void>;
  /** Tells the agent's desk what their call's recording is doing now. */
  notify(agentId: number, view: CallRecordingView): void;
  clock: Clock;
  log: Logger;
}

interface LiveCall {
  readonly callId: string;
  readonly interactionId: number;
  queueId: number;
  agentId: number | null;
  handle: CallRecordingHandle | null;
  /** null: not recorded, nothing on the desk. */
  state: DeskRecordingState | null;
  recordingId: number | null;
  spans: PausedSpan[];
  failure: string | null;
  /** This call's recording work, one step after another. */
  work: Promise<unknown>;
}

const reasonOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class CallRecorder {
  private readonly calls = new Map<string, LiveCall>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly d: CallRecorderDeps) {}

  readonly follow = (fact: CallFact): void => {
    switch (fact.type) {
      case 'call-queued':
        this.calls.set(fact.callId, {
          callId: fact.callId,
          interactionId: fact.interactionId,
          queueId: fact.queueId,
          agentId: null,
          handle: null,
          state: null,
          recordingId: null,
          spans: [],
          failure: null,
          work: Promise.resolve(),
        });
        return;
      case 'call-requeued': {
        const call = this.calls.get(fact.callId);
        if (call) call.queueId = fact.toQueueId;
        return;
      }
      case 'call-answered': {
        const call = this.calls.get(fact.callId);
        if (!call || call.agentId !== null) return;
        call.agentId = fact.agentId;
        this.step(call, () => this.answered(call));
        return;
      }
      case 'call-ended': {
        const call = this.calls.get(fact.callId);
        if (!call) return;
        this.calls.delete(fact.callId);
        const at = new Date(fact.at);
        this.step(call, () => this.finish(call, at));
        return;
      }
      default:
    }
  };

  /** The agent's command on their current call's recording; answers with its state now. */
  async control(agentId: number, cmd: RecordingCommand): Promise<CallRecordingView> {
    const call = this.calls.get(cmd.callId);
    if (!call || call.agentId !== agentId) throw new DomainError('NOT_FOUND', msg('recording.noCall'));
    return this.step(call, async () => {
      if (!call.handle) throw new DomainError('NOT_FOUND', msg('recording.noCall'));
      if (call.state === null) throw new DomainError('FORBIDDEN', msg('recording.notAllowed')).markAudited();
      const m = move(call.state, cmd.action);
      if (!m.ok) throw new DomainError('CONFLICT', msg(m.why));
      const now = new Date(this.d.clock.now());
      if (m.media === 'stop') {
        // A pause that did not reach the media plane is refused: the card number must not be read out.
        try {
          await call.handle!.stop();
        } catch (err) {
          this.d.log.warn({ err, callId: call.callId, recordingId: call.recordingId }, 'The media plane did not pause a recording');
          throw new DomainError('CONFLICT', msg('recording.mediaFailed'));
        }
        call.spans.push({ from: now.toISOString(), to: null });
        call.state = 'paused';
        await this.d.repo.setPausedSpans(call.recordingId!, call.spans);
      } else if (call.state === 'available') {
        await this.begin(call, 'agent');
      } else {
        await this.capture(call);
        if (call.state === 'recording') {
          const open = call.spans[call.spans.length - 1];
          if (open && open.to === null) open.to = now.toISOString();
          await this.d.repo.setPausedSpans(call.recordingId!, call.spans);
        }
      }
      return this.changed(call);
    });
  }

  /** The recording of the agent's current call as the desk shows it; null when it has none. */
  currentOf(agentId: number): CallRecordingView | null {
    for (const call of this.calls.values()) {
      if (call.agentId === agentId && call.state !== null) return { callId: call.callId, interactionId: call.interactionId, state: call.state, failure: call.failure };
    }
    return null;
  }

  /** Resolves once every recording step started so far is done (files sealed, rows written). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private step<T>(call: LiveCall, work: () => Promise<T>): Promise<T> {
    const run = call.work.then(work, work);
    call.work = run.catch(() => {});
    const tracked = run.catch((err: unknown) => {
      if (!(err instanceof DomainError)) this.d.log.error({ err, callId: call.callId }, 'A recording step failed');
    });
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
    return run;
  }

  private async answered(call: LiveCall): Promise<void> {
    call.handle = this.d.recording()?.recordingOf(call.callId) ?? null;
    // A web caller, or no media plane: nothing to record, nothing on the desk.
    if (!call.handle) return;
    const first = stateAtAnswer(await this.d.repo.policyOfQueue(call.queueId));
    if (first === null) return;
    if (first === 'available') {
      call.state = 'available';
      this.changed(call);
      return;
    }
    await this.begin(call, 'policy');
    this.changed(call);
  }

  /** A new recording row, then its first stretch. */
  private async begin(call: LiveCall, by: 'policy' | 'agent'): Promise<void> {
    // The row points at the interaction, which the call log writes off the call's path.
    await this.d.callWritten(call.callId);
    call.recordingId = await this.d.repo.start({ interactionId: call.interactionId, agentId: call.agentId!, startedBy: by, at: new Date(this.d.clock.now()) });
    await this.capture(call);
  }

  /** Starts a stretch in the media plane; a refusal marks the recording failed and the call goes on. */
  private async capture(call: LiveCall): Promise<void> {
    try {
      const before = (await this.d.files.capturesOf(call.handle!.sipCallId)).length;
      await call.handle!.start(`kefu interaction=${call.interactionId} recording=${call.recordingId}`);
      // rtpengine opens the stretch's file as it starts, and says ok even when it could not.
      if ((await this.d.files.capturesOf(call.handle!.sipCallId)).length <= before) {
        throw new Error(`rtpengine wrote no recording file in ${this.d.files.dir} (disk full, or the directory is not writable)`);
      }
      call.state = 'recording';
    } catch (err) {
      call.state = 'failed';
      call.failure = reasonOf(err);
      this.d.log.warn({ err, callId: call.callId, interactionId: call.interactionId, recordingId: call.recordingId }, 'The media plane refused to record a call; the call goes on unrecorded');
      await this.d.repo.fail(call.recordingId!, call.failure);
    }
  }

  private changed(call: LiveCall): CallRecordingView {
    const view: CallRecordingView = { callId: call.callId, interactionId: call.interactionId, state: call.state!, failure: call.failure };
    if (call.agentId !== null) this.d.notify(call.agentId, view);
    return view;
  }

  /** The call is over: its stretches become one sealed stereo WAV, and the clear captures go. */
  private async finish(call: LiveCall, endedAt: Date): Promise<void> {
    const { handle, recordingId: id } = call;
    if (!handle || id === null) return;
    const open = call.spans[call.spans.length - 1];
    if (open && open.to === null) open.to = endedAt.toISOString();
    try {
      if (call.state === 'failed') return await this.d.repo.fail(id, call.failure ?? 'failed', endedAt);
      // Only once the media plane let the call go are its files complete.
      await handle.released;
      const captures = await this.d.files.capturesOf(handle.sipCallId);
      if (captures.length === 0) throw new Error(`no capture of the call was written in ${this.d.files.dir}`);
      const pcaps = await Promise.all(captures.map((f) => fs.promises.readFile(f)));
      const { wav, seconds } = pcapsToStereoWav(pcaps, handle.callerSource ?? '');
      const sealed = await this.d.files.seal(id, wav);
      await this.d.repo.ready(id, { endedAt, durationSeconds: Math.round(seconds), spans: call.spans, ...sealed, fileBytes: sealed.bytes });
    } catch (err) {
      this.d.log.warn({ err, callId: call.callId, recordingId: id }, 'A call recording could not be stored');
      await this.d.repo.fail(id, reasonOf(err), endedAt);
    } finally {
      await this.d.files.removeCaptures(handle.sipCallId).catch((err: unknown) => this.d.log.error({ err, recordingId: id }, 'Clear recording captures not removed'));
    }
  }
}
