// The peer connection of the call this page's softphone is on, for a supervisor's monitoring
// session to mix from (softphone/src/monitoring). Set and cleared by the media engine as the
// call's media starts and stops.
let current: RTCPeerConnection | null = null;

export const callPeer = {
  get(): RTCPeerConnection | null {
    return current && current.connectionState !== 'closed' ? current : null;
  },
  set(pc: RTCPeerConnection | null): void {
    current = pc;
  },
};
