import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import tsconfigPaths from 'vite-tsconfig-paths';

// The production server's own entry points, compiled to plain JavaScript beside the Remix build
// (`<BUILD_DIR>/node/*.mjs`), so a production process is `node build/node/serve.mjs`: no npm,
// no tsx, no TypeScript compiled at start. Packages stay in node_modules (SSR build).
const buildDir = process.env.BUILD_DIR || 'build';

export default defineConfig({
  plugins: [tsconfigPaths()],
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir: `${buildDir}/node`,
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      input: { serve: 'app/cli/serve.ts', worker: 'app/cli/worker.ts', migrate: 'app/cli/migrate.ts' },
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    },
  },
});
