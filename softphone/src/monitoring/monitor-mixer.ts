// The agent's side of a monitoring session as a WebAudio graph. Every route of mix-rules.ts is
// one gain node, wired once; a mode change only sets gains, so switching between listen, whisper
// and barge never renegotiates and never drops audio.
//
//   caller (call's remote track) ─┬─▶ [caller>supervisor] ─▶ toSupervisor (sent to the supervisor)
//   agent  (call's microphone)   ─┼─▶ [agent>supervisor]  ─┘
//                                 └─▶ [agent>caller]      ─▶ toCaller (sent on the call when barging)
//   supervisor (monitor's track) ──▶ [supervisor>caller]  ─┘
//                                 └─▶ [supervisor>agent]  ─▶ the agent's speaker
import type { MonitorMode } from '../../../contract/monitoring.js';
import { MIX_ROUTES, openRoutes, type MixRoute } from './mix-rules.js';

/** The parts of WebAudio the mixer uses (an AudioContext fits); narrow so tests can fake it. */
export interface MixNode {
  connect(destination: MixNode): unknown;
  disconnect(): void;
}
export interface MixGain extends MixNode {
  readonly gain: { value: number };
}
export interface MixSink<S> extends MixNode {
  readonly stream: S;
}
export interface MixContext<S> {
  createMediaStreamSource(stream: S): MixNode;
  createGain(): MixGain;
  createMediaStreamDestination(): MixSink<S>;
  readonly destination: MixNode;
}

export class MonitorMixer<S> {
  private readonly gains = new Map<MixRoute, MixGain>();
  private readonly nodes: MixNode[] = [];
  private readonly supervisorSink: MixSink<S>;
  private readonly callerSink: MixSink<S>;
  private supervisorSource: MixNode | null = null;
  private current: MonitorMode;

  constructor(
    private readonly ctx: MixContext<S>,
    parties: { caller: S; agent: S },
    mode: MonitorMode,
  ) {
    this.current = mode;
    this.supervisorSink = ctx.createMediaStreamDestination();
    this.callerSink = ctx.createMediaStreamDestination();
    for (const route of MIX_ROUTES) {
      const g = ctx.createGain();
      this.gains.set(route, g);
      this.nodes.push(g);
    }
    const caller = this.source(parties.caller);
    const agent = this.source(parties.agent);
    this.wire(caller, 'caller>supervisor', this.supervisorSink);
    this.wire(agent, 'agent>supervisor', this.supervisorSink);
    this.wire(agent, 'agent>caller', this.callerSink);
    // The supervisor's routes end at their sinks now and gain a source when the monitor's track arrives.
    this.gain('supervisor>caller').connect(this.callerSink);
    this.gain('supervisor>agent').connect(ctx.destination);
    this.apply();
  }

  /** What the supervisor hears: the caller and the agent. */
  get toSupervisor(): S {
    return this.supervisorSink.stream;
  }

  /** The call's outgoing audio while barging: the agent and the supervisor. */
  get toCaller(): S {
    return this.callerSink.stream;
  }

  get mode(): MonitorMode {
    return this.current;
  }

  /** The supervisor's voice arrived over the monitoring session. */
  addSupervisor(stream: S): void {
    this.supervisorSource?.disconnect();
    this.supervisorSource = this.ctx.createMediaStreamSource(stream);
    this.supervisorSource.connect(this.gain('supervisor>caller'));
    this.supervisorSource.connect(this.gain('supervisor>agent'));
  }

  setMode(mode: MonitorMode): void {
    this.current = mode;
    this.apply();
  }

  /** Whether a route is open now (its gain is up). */
  isOpen(route: MixRoute): boolean {
    return this.gain(route).gain.value > 0;
  }

  close(): void {
    this.supervisorSource?.disconnect();
    for (const n of this.nodes) n.disconnect();
  }

  private apply(): void {
    const open = openRoutes(this.current);
    for (const route of MIX_ROUTES) this.gain(route).gain.value = open[route] ? 1 : 0;
  }

  private source(stream: S): MixNode {
    const node = this.ctx.createMediaStreamSource(stream);
    this.nodes.push(node);
    return node;
  }

  private wire(from: MixNode, route: MixRoute, to: MixNode): void {
    const g = this.gain(route);
    from.connect(g);
    g.connect(to);
  }

  private gain(route: MixRoute): MixGain {
    return this.gains.get(route)!;
  }
}
