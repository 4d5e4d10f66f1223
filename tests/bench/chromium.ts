// The system Chromium the browser tests use (never a downloaded one), with the same flags:
// fake microphone and camera without a prompt, calls over loopback, no background traffic.
import { chromium, type Browser } from '@playwright/test';

// Keep in step with CHROMIUM_ARGS in e2e/playwright.config.ts. Not imported from there: loading
// that config creates the browser tests' temporary data directory as a side effect.
export const CHROMIUM_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
