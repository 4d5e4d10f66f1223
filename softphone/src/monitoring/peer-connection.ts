// The monitoring session's WebRTC plumbing shared by both ends: the offer and the answer travel
// whole over the console's socket (no trickle ICE), so each waits for its candidates first, bounded
// as sip.js bounds it for calls.
const GATHERING_TIMEOUT_MS = 1_000;

/** Sets the local description and resolves with it once ICE gathering is complete (or timed out). */
export async function localDescriptionGathered(pc: RTCPeerConnection, description: RTCSessionDescriptionInit): Promise<string> {
  await pc.setLocalDescription(description);
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, GATHERING_TIMEOUT_MS);
      function done(): void {
        clearTimeout(timer);
        pc.removeEventListener('icegatheringstatechange', changed);
        resolve();
      }
      function changed(): void {
        if (pc.iceGatheringState === 'complete') done();
      }
      pc.addEventListener('icegatheringstatechange', changed);
    });
  }
  const sdp = pc.localDescription?.sdp;
  if (!sdp) throw new Error('No local description after gathering');
  return sdp;
}

/** The first audio track of a peer connection's senders or receivers. */
export function audioTrackOf(pc: RTCPeerConnection, side: 'sending' | 'receiving'): MediaStreamTrack | null {
  const tracks = side === 'sending' ? pc.getSenders().map((s) => s.track) : pc.getReceivers().map((r) => r.track);
  return tracks.find((t): t is MediaStreamTrack => t !== null && t.kind === 'audio') ?? null;
}
