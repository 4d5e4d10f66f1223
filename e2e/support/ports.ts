// Where the browser tests find their server: E2E_PORT for the console and API, the next port
// for its embedded PostgreSQL, the one after for the test-data door (e2e/support/e2e-server.ts).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3917);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_EMBEDDED_PG_PORT = E2E_PORT + 1;
export const E2E_CAST_PORT = E2E_PORT + 2;
export const E2E_CAST_URL = `http://127.0.0.1:${E2E_CAST_PORT}`;
