import { describe, expect, it } from 'vitest';
import type { MonitorMode } from '../../../contract/monitoring.js';
import { callerHearsMix, supervisorSpeaks } from './mix-rules.js';
import { MonitorMixer, type MixContext, type MixGain, type MixNode, type MixSink } from './monitor-mixer.js';

// A fake WebAudio graph that answers one question: whose voice reaches a node now, following
// connections through open gains only. Streams are the parties' names.
class FakeNode implements MixNode {
  readonly out = new Set<FakeNode>();
  constructor(readonly voice: string | null = null) {}
  connect(destination: MixNode): unknown {
    this.out.add(destination as FakeNode);
    return destination;
  }
  disconnect(): void {
    this.out.clear();
  }
  passes(): boolean {
    return true;
  }
}
class FakeGain extends FakeNode implements MixGain {
  readonly gain = { value: 1 };
  override passes(): boolean {
    return this.gain.value > 0;
  }
}
class FakeSink extends FakeNode implements MixSink<string> {
  constructor(readonly stream: string) {
    super();
  }
}
class FakeGraph implements MixContext<string> {
  readonly sources: FakeNode[] = [];
  readonly destination = new FakeSink('speaker');
  private sinks = 0;
  createMediaStreamSource(stream: string): FakeNode {
    const n = new FakeNode(stream);
    this.sources.push(n);
    return n;
  }
  createGain(): FakeGain {
    return new FakeGain();
  }
  createMediaStreamDestination(): FakeSink {
    return new FakeSink(`mix${++this.sinks}`);
  }
  /** The voices that reach the node whose stream is `sink`, sorted. */
  heardAt(sink: string): string[] {
    const heard = new Set<string>();
    for (const s of this.sources) {
      const seen = new Set<FakeNode>();
      const walk = (n: FakeNode): void => {
        if (seen.has(n) || !n.passes()) return;
        seen.add(n);
        if (n instanceof FakeSink && n.stream === sink) heard.add(s.voice!);
        for (const next of n.out) walk(next);
      };
      walk(s);
    }
    return [...heard].sort();
  }
}

function mixer(mode: MonitorMode) {
  const graph = new FakeGraph();
  const m = new MonitorMixer(graph, { caller: 'caller', agent: 'agent' }, mode);
  m.addSupervisor('supervisor');
  return { graph, m };
}

describe("the agent's mixer while a supervisor monitors", () => {
  it('listen: the supervisor hears caller and agent; nobody hears the supervisor', () => {
    const { graph, m } = mixer('listen');
    expect(graph.heardAt(m.toSupervisor)).toEqual(['agent', 'caller']);
    expect(graph.heardAt('speaker')).toEqual([]);
    expect(graph.heardAt(m.toCaller)).toEqual(['agent']);
    expect(callerHearsMix('listen')).toBe(false);
    expect(supervisorSpeaks('listen')).toBe(false);
  });

  it('whisper: the agent hears the supervisor, the caller never does', () => {
    const { graph, m } = mixer('whisper');
    expect(graph.heardAt('speaker')).toEqual(['supervisor']);
    expect(graph.heardAt(m.toCaller)).toEqual(['agent']);
    // The call keeps the plain microphone: the mix is not even sent to the caller.
    expect(callerHearsMix('whisper')).toBe(false);
    expect(graph.heardAt(m.toSupervisor)).toEqual(['agent', 'caller']);
  });

  it('barge: the caller and the agent both hear the supervisor, who still hears both', () => {
    const { graph, m } = mixer('barge');
    expect(graph.heardAt(m.toCaller)).toEqual(['agent', 'supervisor']);
    expect(callerHearsMix('barge')).toBe(true);
    expect(graph.heardAt('speaker')).toEqual(['supervisor']);
    // The supervisor never hears themselves back.
    expect(graph.heardAt(m.toSupervisor)).toEqual(['agent', 'caller']);
  });

  it('switches modes in one session, back and forth, without rewiring', () => {
    const { graph, m } = mixer('barge');
    const connections = graph.sources.map((s) => s.out.size);
    m.setMode('whisper');
    expect(graph.heardAt(m.toCaller)).toEqual(['agent']);
    m.setMode('listen');
    expect(graph.heardAt('speaker')).toEqual([]);
    expect(m.isOpen('supervisor>agent')).toBe(false);
    m.setMode('barge');
    expect(graph.heardAt(m.toCaller)).toEqual(['agent', 'supervisor']);
    expect(graph.sources.map((s) => s.out.size)).toEqual(connections);
  });

  it("keeps a supervisor who arrives after a mode change under that mode's rules", () => {
    const graph = new FakeGraph();
    const m = new MonitorMixer(graph, { caller: 'caller', agent: 'agent' }, 'listen');
    m.setMode('whisper');
    m.addSupervisor('supervisor');
    expect(graph.heardAt('speaker')).toEqual(['supervisor']);
    expect(graph.heardAt(m.toCaller)).toEqual(['agent']);
  });

  it('goes silent when closed', () => {
    const { graph, m } = mixer('barge');
    m.close();
    expect(graph.heardAt(m.toSupervisor)).toEqual([]);
    expect(graph.heardAt(m.toCaller)).toEqual([]);
    expect(graph.heardAt('speaker')).toEqual([]);
  });
});
