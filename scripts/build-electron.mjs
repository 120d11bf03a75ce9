// Bundles the Electron shell into dist-electron/: the main process (window, IPC forwarding),
// the core's utility process (core-host.cjs: the archive and all work), the page pipeline's
// worker threads (worker.cjs, which electron/workers/ finds beside core-host.cjs at run time), the
// guarded worker threads that read spreadsheets and verify signatures (guarded-worker.cjs, likewise)
// and the sandboxed preload. Native and ESM-only modules stay external and are unpacked from
// asar by electron-builder.
// An argument names another output folder (the packaged-layout test builds into its own tree).
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'dist-electron';
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', outdir, outExtension: { '.js': '.cjs' } };

await build({
  ...common,
  entryPoints: { main: 'electron/app/main.ts' },
  external: ['electron'],
  // paths.ts finds the assets through import.meta.url; give CommonJS an equivalent
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
});

await build({
  ...common,
  entryPoints: { 'core-host': 'electron/app/core-host.ts', worker: 'electron/workers/entry.ts', 'guarded-worker': 'electron/workers/guarded-entry.ts' },
  // tesseract.js starts its worker threads from its own files, so it stays a module on disk
  external: ['electron', 'better-sqlite3', 'sharp', 'pdfjs-dist', '@napi-rs/canvas', 'pkcs11js', 'tesseract.js', 'tesseract.js-core'],
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
});

await build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, external: ['electron'] });
console.log(['main', 'core-host', 'worker', 'guarded-worker', 'preload'].map((n) => `${outdir}/${n}.cjs`).join(', '));
