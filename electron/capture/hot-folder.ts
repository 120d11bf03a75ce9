// The scanner-output ("hot") folder: files a scanner or its software saves there are imported
// once they are fully written (same size and time over two looks, and readable), then moved
// to "da-nhap" (imported) or "loi" (refused) beside them, so nothing is imported twice.
import fs from 'node:fs';
import path from 'node:path';
import { EXTENSIONS } from './sniff';

export const DONE_DIR = 'da-nhap';
export const FAILED_DIR = 'loi';

export interface HotFolderOptions {
  dir: string;
  /** imports the ready files; resolves with the ones that failed */
  onReady: (files: string[]) => Promise<{ failed: string[] }>;
  intervalMs?: number;
}

export class HotFolderWatcher {
  private timer: NodeJS.Timeout | null = null;
  private watcher: fs.FSWatcher | null = null;
  private readonly seen = new Map<string, string>(); // file → "size:mtime" at the last look
  private busy = false;
  private closed = false;

  constructor(private readonly opts: HotFolderOptions) {}

  start(): void {
    fs.mkdirSync(path.join(this.opts.dir, DONE_DIR), { recursive: true });
    fs.mkdirSync(path.join(this.opts.dir, FAILED_DIR), { recursive: true });
    // fs.watch is quick where it works; the periodic look also covers network shares
    try {
      this.watcher = fs.watch(this.opts.dir, () => void this.look());
      this.watcher.on('error', () => undefined);
    } catch {
      /* polling alone */
    }
    this.timer = setInterval(() => void this.look(), this.opts.intervalMs ?? 2000);
    void this.look();
  }

  /** One look at the folder: files unchanged since the previous look are handed over. */
  async look(): Promise<void> {
    if (this.busy || this.closed) return;
    this.busy = true;
    try {
      const ready: string[] = [];
      const present = new Set<string>();
      if (!fs.existsSync(this.opts.dir)) return; // a share gone offline: look again later
      for (const name of fs.readdirSync(this.opts.dir)) {
        const file = path.join(this.opts.dir, name);
        if (name.startsWith('.') || name.startsWith('~') || !EXTENSIONS[path.extname(name).slice(1).toLowerCase()]) continue;
        let st: fs.Stats;
        try {
          st = fs.statSync(file);
        } catch {
          continue;
        }
        if (!st.isFile()) continue;
        present.add(file);
        const sig = `${st.size}:${st.mtimeMs}`;
        if (st.size > 0 && this.seen.get(file) === sig && readable(file)) ready.push(file);
        else this.seen.set(file, sig);
      }
      for (const f of this.seen.keys()) if (!present.has(f)) this.seen.delete(f);
      if (!ready.length) return;
      const { failed } = await this.opts.onReady(ready);
      for (const f of ready) {
        this.seen.delete(f);
        moveAside(f, failed.includes(f) ? FAILED_DIR : DONE_DIR);
      }
    } catch (e) {
      console.error('hot folder:', e);
    } finally {
      this.busy = false;
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.watcher?.close();
  }
}

/** A scanner still writing may hold the file locked (Windows): try to open it. */
function readable(file: string): boolean {
  try {
    fs.closeSync(fs.openSync(file, 'r'));
    return true;
  } catch {
    return false;
  }
}

function moveAside(file: string, sub: string): void {
  const dir = path.join(path.dirname(file), sub);
  let dest = path.join(dir, path.basename(file));
  for (let i = 2; fs.existsSync(dest); i++) dest = path.join(dir, `${path.basename(file, path.extname(file))} (${i})${path.extname(file)}`);
  try {
    fs.renameSync(file, dest);
  } catch (e) {
    console.error(`hot folder: cannot move ${file}:`, e);
  }
}
