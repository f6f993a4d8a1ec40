import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const page = (file: string) => fileURLToPath(new URL(`./web/${file}`, import.meta.url));

/**
 * Writes a `.br` and a `.gz` beside every page, script and style sheet of the build, which
 * `frontline serve` sends to browsers that accept them (@fastify/static's `preCompressed`): the
 * viewer's 1.75 MB of scripts travel as 0.41 MB. A few lines over node:zlib, so no plugin to
 * depend on.
 */
function precompress(): Plugin {
  return {
    name: 'frontline-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(html|m?js|css|svg|json)$/.test(name)) continue;
        const file = join(options.dir!, name);
        const bytes = readFileSync(file);
        if (bytes.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

// Two pages built into dist/web and served by `frontline serve`: the public viewer at / and the
// analyst workspace at /edit (docs/web.md).
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [precompress()],
  build: {
    outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1500,
    rollupOptions: { input: { viewer: page('index.html'), editor: page('edit.html') } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/tiles': 'http://127.0.0.1:8080' } },
});
