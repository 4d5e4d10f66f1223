// rtpengine flag sets per kind of leg, kept as data (rtpengine 10.5, proven on loopback with
// Chromium and SIPp). Each set describes the SDP rtpengine writes TOWARD that leg.
import type { NgParams } from './ng-client.js';

/** Toward a carrier or desk phone: plain RTP/AVP, no ICE or DTLS, RTCP on its own port. */
export const TOWARD_TRUNK: NgParams = {
  ICE: 'remove',
  DTLS: 'off',
  SDES: ['off'],
  'transport-protocol': 'RTP/AVP',
  'rtcp-mux': ['demux'],
  replace: ['origin', 'session-connection'],
  flags: ['trust-address', 'strip-extmap'],
};

/**
 * Toward a browser: ICE and DTLS-SRTP over UDP/TLS/RTP/SAVPF with RTCP multiplexed (Chromium
 * refuses an offer without rtcp-mux) and a=mid. G.711 stays first, so nothing is transcoded.
 */
export const TOWARD_BROWSER: NgParams = {
  ICE: 'force',
  DTLS: 'passive',
  SDES: ['off'],
  'transport-protocol': 'UDP/TLS/RTP/SAVPF',
  'rtcp-mux': ['offer', 'require'],
  replace: ['origin', 'session-connection'],
  flags: ['trust-address', 'generate-mid'],
};

/** When a browser offers: keep only G.711 and telephone-event, which every carrier takes. */
export const G711_ONLY: NgParams = {
  codec: { strip: ['all'], except: ['PCMU', 'PCMA', 'telephone-event'] },
};
