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
    rollupOptions: {
      output: {
        // The design system and the charts change less often than the pages: separate, long-cached files.
        manualChunks: (id) =>
          id.includes('node_modules/echarts') || id.includes('node_modules/zrender')
            ? 'charts'
            : id.includes('node_modules/')
              ? 'vendor'
              : undefined,
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
