// Builds the renderer when dist/renderer is missing or older than its sources, so
// `npm start` and `npm run web` always serve the current UI without a manual build step.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const out = 'dist/renderer/index.html';
const newest = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
    const p = path.join(dir, e.name);
    return Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }, 0);

export function ensureRenderer() {
  const built = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
  const sources = Math.max(newest('renderer'), newest('shared'), fs.statSync('vite.config.ts').mtimeMs);
  if (built >= sources) return;
  console.log('Đang dựng giao diện (vite build)…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}

if (import.meta.url === `file://${process.argv[1]}`) ensureRenderer();
