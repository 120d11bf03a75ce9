// Bundles the Electron main process and the sandboxed preload into dist-electron/.
// Native and ESM-only modules stay external and are unpacked from asar by electron-builder.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

// main.cjs, and worker.cjs beside it: the page pipeline's worker threads (electron/workers/)
// find it there at run time
await build({
  ...common,
  entryPoints: { main: 'electron/app/main.ts', worker: 'electron/workers/entry.ts' },
  outdir: 'dist-electron',
  outExtension: { '.js': '.cjs' },
  // tesseract.js starts its worker threads from its own files, so it stays a module on disk
  external: ['electron', 'better-sqlite3', 'sharp', 'pdfjs-dist', '@napi-rs/canvas', 'pkcs11js', 'tesseract.js', 'tesseract.js-core'],
  // the core finds its assets through import.meta.url; give CommonJS an equivalent
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
});

await build({
  ...common,
  entryPoints: { preload: 'electron/preload.ts' },
  outdir: 'dist-electron',
  outExtension: { '.js': '.cjs' },
  external: ['electron'],
});
console.log('dist-electron/main.cjs, dist-electron/worker.cjs, dist-electron/preload.cjs');
