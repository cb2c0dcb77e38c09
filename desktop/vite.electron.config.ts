// Bundles the main process and the preload, one at a time (`--mode main` / `--mode
// preload`): a sandboxed preload may require only 'electron', so it must be one file with
// no shared chunk.
import { defineConfig } from 'vite';

export default defineConfig(({ mode }) => {
  const entry = mode === 'preload' ? 'preload' : 'main';
  return {
    build: {
      ssr: `src/${entry}/index.ts`,
      outDir: 'dist/electron',
      emptyOutDir: false,
      target: 'node22',
      sourcemap: false,
      rollupOptions: {
        external: ['electron', /^node:/],
        output: { format: 'cjs', entryFileNames: `${entry}.cjs` },
      },
    },
  };
});
