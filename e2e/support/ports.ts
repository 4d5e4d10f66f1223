// Where the browser tests find their server: E2E_PORT for the console and API, the next port
// for its embedded PostgreSQL, the one after for the test-data door (e2e/support/e2e-server.ts).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3917);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_EMBEDDED_PG_PORT = E2E_PORT + 1;
export const E2E_CAST_PORT = E2E_PORT + 2;
export const E2E_CAST_URL = `http://127.0.0.1:${E2E_CAST_PORT}`;
/** The embedded rtpengine's ng port and RTP ports: two checkouts' browser tests never share them. */
export const E2E_RTPENGINE_NG_PORT = E2E_PORT + 3;
const rtpBase = 40_000 + (E2E_PORT % 200) * 100;
export const E2E_RTPENGINE_PORTS = `${rtpBase}-${rtpBase + 99}`;
