import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The API server the dev server forwards to (`npm run dev:server` listens on 3000). */
const api = process.env.KEFU_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here('.'),
  plugins: [svelte({ configFile: here('svelte.config.js') })],
  resolve: {
    alias: {
      // The zod schemas and types shared with the server: one source of truth for the API.
      '@kefu/contract': here('../contract/index.ts'),
      // The browser SIP phone (sip.js) the agent desktop and the web phone are built on.
      '@kefu/softphone': here('../softphone/src/index.ts'),
    },
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: {
      // No changeOrigin: the server's same-origin guard compares Origin with Host.
      '/api': { target: api },
      '/socket.io': { target: api, ws: true },
    },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The console is one page loaded once per shift from the contact center's own server; the
    // size advice (500 kB) is for public sites and only adds noise to `npm start`.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // The bundler's timing report reads like a warning on a first start; it is for bundler work.
      checks: { bundlerTimings: false },
    },
  },
});
