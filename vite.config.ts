import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (file: string) => fileURLToPath(new URL(`./web/${file}`, import.meta.url));

// Two pages built into dist/web and served by `frontline serve`: the public viewer at / and the
// analyst workspace at /edit (docs/web.md).
export default defineConfig({
  root: 'web',
  base: '/',
  build: {
    outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1500,
    rollupOptions: { input: { viewer: page('index.html'), editor: page('edit.html') } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/tiles': 'http://127.0.0.1:8080' } },
});
