// rtpengine's pcap recordings of one call (one file per stretch recorded: a pause for card
// numbers is a stop and a new start) turned into one stereo WAV: the caller on the left
// channel, the agent on the right. Each packet is placed by its capture time, so a paused
// span is silence of its real length.
import { ALAW, ULAW } from './g711.js';

const RATE = 8000;
const LINK_RAW = 101;
const LINK_ETHERNET = 1;

interface Packet {
  /** Capture time, seconds. */
  readonly at: number;
  readonly source: string;
  readonly payloadType: 0 | 8;
  readonly payload: Buffer;
}

/** The G.711 RTP packets of a pcap file (raw IP or Ethernet framing), by source address:port. */
export function rtpPacketsOf(pcap: Buffer): Packet[] {
  if (pcap.length < 24) return [];
  const magic = pcap.readUInt32LE(0);
  const little = magic === 0xa1b2c3d4;
  if (!little && pcap.readUInt32BE(0) !== 0xa1b2c3d4) throw new Error('not a pcap file');
  const u32 = (o: number): number => (little ? pcap.readUInt32LE(o) : pcap.readUInt32BE(o));
  const link = u32(20);
  const packets: Packet[] = [];
  for (let o = 24; o + 16 <= pcap.length; ) {
    const at = u32(o) + u32(o + 4) / 1e6;
    const length = u32(o + 8);
    let ip = o + 16;
    o += 16 + length;
    if (o > pcap.length) break;
    if (link === LINK_ETHERNET) ip += 14;
    else if (link !== LINK_RAW) continue;
    if (pcap[ip]! >> 4 !== 4 || pcap[ip + 9] !== 17) continue; // IPv4 UDP only
    const ihl = (pcap[ip]! & 0x0f) * 4;
    const udp = ip + ihl;
    const rtp = udp + 8;
    if (pcap[rtp]! >> 6 !== 2) continue;
    const payloadType = pcap[rtp + 1]! & 0x7f;
    if (payloadType !== 0 && payloadType !== 8) continue;
    const csrcs = pcap[rtp]! & 0x0f;
    const end = ip + pcap.readUInt16BE(ip + 2);
    const source = `${pcap[ip + 12]}.${pcap[ip + 13]}.${pcap[ip + 14]}.${pcap[ip + 15]}:${pcap.readUInt16BE(udp)}`;
    packets.push({ at, source, payloadType, payload: pcap.subarray(rtp + 12 + csrcs * 4, end) });
  }
  return packets;
}

/**
 * One stereo 16-bit WAV from the pcaps of a call. `callerSource` is the caller's media address
 * as host:port (what the carrier sent from); the other flow with most packets is the agent.
 */
export function pcapsToStereoWav(pcaps: readonly Buffer[], callerSource: string): { wav: Buffer; seconds: number } {
  const packets = pcaps.flatMap(rtpPacketsOf);
  if (packets.length === 0) return { wav: wavOf(new Int16Array(0)), seconds: 0 };
  const counts = new Map<string, number>();
  for (const p of packets) counts.set(p.source, (counts.get(p.source) ?? 0) + 1);
  const agentSource = [...counts.entries()].filter(([s]) => s !== callerSource).sort((a, b) => b[1] - a[1])[0]?.[0];
  const t0 = Math.min(...packets.map((p) => p.at));
  const t1 = Math.max(...packets.map((p) => p.at + p.payload.length / RATE));
  const frames = Math.ceil((t1 - t0) * RATE);
  const samples = new Int16Array(frames * 2);
  for (const p of packets) {
    const channel = p.source === callerSource ? 0 : p.source === agentSource ? 1 : -1;
    if (channel < 0) continue;
    const table = p.payloadType === 8 ? ALAW : ULAW;
    const start = Math.round((p.at - t0) * RATE);
    for (let i = 0; i < p.payload.length && start + i < frames; i++) samples[(start + i) * 2 + channel] = table[p.payload[i]!]!;
  }
  return { wav: wavOf(samples), seconds: frames / RATE };
}

function wavOf(interleaved: Int16Array): Buffer {
  const data = Buffer.from(interleaved.buffer, interleaved.byteOffset, interleaved.byteLength);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(2, 22); // stereo
  h.writeUInt32LE(RATE, 24);
  h.writeUInt32LE(RATE * 4, 28);
  h.writeUInt16LE(4, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}
