// Read by @sveltejs/vite-plugin-svelte (console/vite.config.ts) and editors.
export default {
  compilerOptions: { runes: true },
};
