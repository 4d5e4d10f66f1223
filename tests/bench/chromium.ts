// The system Chromium the browser tests use (never a downloaded one), with the same flags:
// fake microphone and camera without a prompt, calls over loopback, no background traffic.
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../e2e/support/chromium-args.js';


export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
