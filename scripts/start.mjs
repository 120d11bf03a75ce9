// `npm start`: the desktop app in Electron when its binary is installed (or can be fetched
// now); otherwise one clear line and the same UI through the browser host.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureRenderer } from './ensure-renderer.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  const dir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const exe = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(exe) ? exe : null;
}

function fetchElectron() {
  // Electron's own installer; fails fast without internet
  const dir = path.dirname(require.resolve('electron/package.json'));
  const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  return r.status === 0 ? electronBinary() : null;
}

ensureRenderer();
const exe = electronBinary() ?? (process.env.SOHOA_NO_ELECTRON_DOWNLOAD ? null : fetchElectron());
/** Runs a step of the start; a failed one stops here with its name rather than starting a broken app. */
function step(what, cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', ...opts });
  if (r.status === 0) return;
  console.error(`Không khởi động được Số hóa Desk: bước "${what}" thất bại (${r.error?.message ?? `mã thoát ${r.status}`}).`);
  process.exit(1);
}

/** better-sqlite3 back at Node's ABI, so `npm run web`, the CLI and the tests work after the app. */
const backToNode = () => spawnSync(process.execPath, ['scripts/ensure-node-abi.mjs'], { stdio: 'inherit' });

if (exe) {
  step('đóng gói mã Electron (scripts/build-electron.mjs)', process.execPath, ['scripts/build-electron.mjs']);
  // better-sqlite3 must match Electron's ABI while the app runs
  const shell = process.platform === 'win32';
  const rebuilt = spawnSync('npx', ['electron-builder', 'install-app-deps'], { stdio: 'inherit', shell });
  if (rebuilt.status !== 0) {
    backToNode();
    console.error(`Không khởi động được Số hóa Desk: bước "electron-builder install-app-deps" thất bại (${rebuilt.error?.message ?? `mã thoát ${rebuilt.status}`}).`);
    process.exit(1);
  }
  const child = spawn(exe, ['.', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => {
    backToNode();
    process.exit(code ?? 0);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
} else {
  console.log('Không có Electron (chưa tải được khi cài đặt ngoại tuyến) — mở Số hóa Desk qua trình duyệt thay thế.');
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}
