// One watched scanner folder per unit, set up by an administrator. The folder's files are
// imported into that unit as the administrator who set it, then moved aside by the watcher.
import fs from 'node:fs';
import path from 'node:path';
import type { HotFolder } from '../../shared/contract';
import type { Db } from '../archive/db';
import { getSetting, putSetting, settingsWithPrefix } from '../archive/settings';
import { CoreError } from '../errors';
import { isInside } from '../files';
import { HotFolderWatcher } from './hot-folder';

const KEY = 'hotfolder:';

interface Stored {
  dir: string | null;
  enabled: boolean;
  ocr: boolean;
  userId: number;
}

export interface HotFolderImporter {
  /** Imports these files into the unit as the user and returns the ones that failed. */
  (files: string[], userId: number, unitId: number, ocr: boolean): Promise<{ failed: string[] }>;
}

export class HotFolders {
  private readonly watchers = new Map<number, HotFolderWatcher>();
  private readonly errors = new Map<number, string>();

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly importFiles: HotFolderImporter,
  ) {}

  get(unitId: number): HotFolder {
    const cfg = this.stored(unitId);
    return { dir: cfg?.dir ?? null, enabled: cfg?.enabled ?? false, unitId, ocr: cfg?.ocr ?? true, error: this.errors.get(unitId) ?? null };
  }

  set(unitId: number, cfg: { dir: string | null; enabled: boolean; ocr: boolean }, userId: number): HotFolder {
    const dir = cfg.dir ? path.resolve(cfg.dir) : null;
    // the app moves what it finds there: never its own data, never the root of a drive
    if (dir && (isInside(dir, this.dataDir) || isInside(this.dataDir, dir)))
      throw new CoreError('BAD_REQUEST', { detail: 'thư mục theo dõi không được chứa hoặc nằm trong thư mục dữ liệu của ứng dụng' });
    putSetting(this.db, KEY + unitId, JSON.stringify({ dir, enabled: cfg.enabled, ocr: cfg.ocr, userId } satisfies Stored));
    this.start(unitId);
    return this.get(unitId);
  }

  /** Starts watching every configured folder (at launch). */
  startAll(): void {
    for (const { key } of settingsWithPrefix(this.db, KEY)) this.start(Number(key.slice(KEY.length)));
  }

  close(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private stored(unitId: number): Stored | null {
    const raw = getSetting(this.db, KEY + unitId);
    return raw ? (JSON.parse(raw) as Stored) : null;
  }

  private start(unitId: number): void {
    this.watchers.get(unitId)?.close();
    this.watchers.delete(unitId);
    this.errors.delete(unitId);
    const cfg = this.stored(unitId);
    if (!cfg?.enabled || !cfg.dir) return;
    try {
      if (!fs.statSync(cfg.dir).isDirectory()) throw new Error('not a folder');
      fs.accessSync(cfg.dir, fs.constants.R_OK | fs.constants.W_OK);
    } catch {
      this.errors.set(unitId, new CoreError('HOT_FOLDER_MISSING', { dir: cfg.dir }).message);
      return;
    }
    const watcher = new HotFolderWatcher({ dir: cfg.dir, onReady: (files) => this.importFiles(files, cfg.userId, unitId, cfg.ocr) });
    this.watchers.set(unitId, watcher);
    watcher.start();
  }
}
