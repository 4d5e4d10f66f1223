// Which media plane kefu has: an external rtpengine, one it started itself, or none.
import path from 'node:path';
import type { Logger } from '../platform/logger.js';
import { NgClient } from './ng/ng-client.js';
import { findRtpengine, startRtpengine } from './rtpengine-process.js';

export type MediaPlaneKind = 'rtpengine' | 'none';

export interface MediaPlane {
  readonly kind: MediaPlaneKind;
  /** The ng client; null when there is no media plane. */
  readonly ng: NgClient | null;
  /** Where it writes call recordings, as kefu sees that directory; null or unset: calls are not recorded. */
  readonly recordingDir?: string | null;
  stop(): Promise<void>;
}

export interface MediaPlaneSettings {
  /** 'off': never start or use one. */
  readonly mode: 'auto' | 'off';
  /** An external rtpengine's ng address; when set, nothing is started. */
  readonly externalNg: { host: string; port: number } | null;
  readonly dataDir: string;
  /** Loopback (or the host kefu listens on) for the embedded daemon's ng and RTP. */
  readonly interface: string;
  readonly ngPort: number;
  readonly ports: { min: number; max: number };
  /** The rtpengine program; null: looked for (findRtpengine). */
  readonly binary?: string | null;
}

export const INSTALL_HINT = 'apt-get install -y --no-install-recommends rtpengine-daemon';

export const NO_MEDIA: MediaPlane = { kind: 'none', ng: null, stop: async () => {} };

/**
 * Opens the media plane. An external rtpengine must answer a ping at start, or kefu does not
 * start (a wrong address is a configuration error, not a reason to run without media).
 */
export async function openMediaPlane(s: MediaPlaneSettings, log: Logger): Promise<MediaPlane> {
  const mediaLog = log.child({ module: 'media' });
  if (s.mode === 'off') {
    mediaLog.info('Media plane off (KEFU_RTPENGINE=off): calls from phone lines are refused');
    return NO_MEDIA;
  }
  if (s.externalNg) {
    const ng = new NgClient(s.externalNg);
    try {
      await ng.ping();
    } catch (err) {
      ng.close();
      throw new Error(`The rtpengine at KEFU_RTPENGINE_URL (${ng.address}) does not answer: ${(err as Error).message}`);
    }
    mediaLog.info({ ng: ng.address }, 'Using the external rtpengine');
    return { kind: 'rtpengine', ng, stop: async () => ng.close() };
  }
  const binary = s.binary ?? findRtpengine();
  if (!binary) {
    mediaLog.warn(
      `No media plane: rtpengine is not installed, so calls from phone lines (SIP trunks) are refused and ` +
        `web callers' media runs browser to browser. Install it with: ${INSTALL_HINT} (or set KEFU_RTPENGINE_URL)`,
    );
    return NO_MEDIA;
  }
  const recordingDir = path.join(s.dataDir, 'recordings');
  try {
    const running = await startRtpengine(
      {
        binary,
        runDir: path.join(s.dataDir, 'run'),
        interface: s.interface,
        ngPort: s.ngPort,
        portMin: s.ports.min,
        portMax: s.ports.max,
        // Recordings (pcap, one file per stretch) stay in kefu's data directory.
        recordingDir,
      },
      log,
    );
    return { kind: 'rtpengine', ng: running.client, recordingDir, stop: () => running.stop() };
  } catch (err) {
    // Web calls need no media plane: kefu runs on, and says why phone lines will not work.
    mediaLog.error({ err }, 'No media plane: the embedded rtpengine did not start; calls from phone lines are refused');
    return NO_MEDIA;
  }
}

/** For /api/health: 'rtpengine' when it answers a ping now, 'down' when not, 'none' without one. */
export async function mediaHealth(plane: MediaPlane): Promise<'rtpengine' | 'none' | 'down'> {
  if (!plane.ng) return 'none';
  try {
    await plane.ng.ping(500);
    return 'rtpengine';
  } catch {
    return 'down';
  }
}
