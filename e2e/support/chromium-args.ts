// The flags every Chromium the tests and benches start needs: fake camera and microphone without
// a prompt, WebRTC on loopback, sound without a click, and nothing fetched from the network.
// A module of its own: the Playwright config makes the browser tests' data directory when loaded.
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
