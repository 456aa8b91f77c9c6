import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';
import tsconfigPaths from 'vite-tsconfig-paths';
import remixConfig from './remix.config.js';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: { port: 3000 },
  // BUILD_DIR lets tests build beside a developer's own build without touching it.
  plugins: [remix({ ...remixConfig, buildDirectory: process.env.BUILD_DIR || remixConfig.buildDirectory }), tsconfigPaths()],
});
