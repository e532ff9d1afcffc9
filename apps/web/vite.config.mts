import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Writes a Brotli and a gzip copy beside each script and style sheet, which the API serves to
 * browsers that accept them (apps/api/src/web/web-app.ts): compressed once per build, not per request.
 */
const precompress = (): Plugin => ({
  name: 'xj-precompress',
  apply: 'build',
  async writeBundle(options, bundle) {
    const dir = options.dir ?? '';
    for (const name of Object.keys(bundle).filter((file) => /\.(?:js|css|svg)$/.test(file))) {
      const file = join(dir, name);
      const data = await readFile(file);
      if (data.length < 1024) continue;
      await writeFile(`${file}.gz`, gzipSync(data, { level: 9 }));
      await writeFile(
        `${file}.br`,
        brotliCompressSync(data, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
        }),
      );
    }
  },
});

/** The workbench (issue 16): built into dist/web, which the API serves at `/` (apps/api/src/web). */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // No hand-made chunks: Rollup puts into the entry only what 我的待办 needs at start, and each lazy
    // page's own code (the charts, date pickers, tabs, forms) into its chunks. One `vendor` chunk of
    // all node_modules made every page's libraries part of the first load (1.32 MB; now 1.14 MB).
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
