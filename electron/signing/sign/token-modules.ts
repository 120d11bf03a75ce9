// The PKCS#11 libraries the app may load: the usual Vietnamese CA drivers where they are
// installed, plus those an administrator added. Loading a library runs its code in the app,
// so a client never names one: it picks from this list.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../archive/db';
import { getSetting, putSetting } from '../../archive/settings';
import { CoreError } from '../../errors';
import { isInside } from '../../files';
import { KNOWN_MODULES } from './pkcs11';

const KEY = 'signing.modules';
const LIBRARY_EXT: Record<string, RegExp> = { win32: /\.dll$/i, darwin: /\.(dylib|so)$/i };
const DEFAULT_EXT = /\.so(\.\d+)*$/;

export interface TokenModule {
  label: string;
  path: string;
  installed: boolean;
  /** pre-listed by the app (true) or added by an administrator */
  builtIn: boolean;
}

function added(db: Db): { label: string; path: string }[] {
  const raw = getSetting(db, KEY);
  return raw ? JSON.parse(raw) : [];
}

export function tokenModules(db: Db): TokenModule[] {
  const builtIn = (KNOWN_MODULES[os.platform()] ?? []).map((m) => ({ ...m, builtIn: true }));
  const extra = added(db).map((m) => ({ ...m, builtIn: false }));
  return [...builtIn, ...extra].map((m) => ({ ...m, installed: isLibrary(m.path) }));
}

/** The library to load for a request: only an installed one from the list, by its exact path. */
export function allowedModule(db: Db, requested: string): string {
  const m = tokenModules(db).find((x) => x.path === requested && x.installed);
  if (!m) throw new CoreError('TOKEN_MODULE_NOT_ALLOWED', { module: requested });
  return m.path;
}

/** An administrator adds an installed driver: an absolute path to a library file outside the app's data. */
export function addTokenModule(db: Db, dataDir: string, label: string, file: string): TokenModule[] {
  const fail = (detail: string) => new CoreError('TOKEN_MODULE_INVALID', { module: file, detail });
  if (!path.isAbsolute(file)) throw fail('cần đường dẫn đầy đủ');
  if (!(LIBRARY_EXT[os.platform()] ?? DEFAULT_EXT).test(path.basename(file))) throw fail('không phải tệp thư viện');
  if (isInside(file, dataDir)) throw fail('tệp nằm trong thư mục dữ liệu của ứng dụng');
  if (!isLibrary(file)) throw fail('không có tệp này trên máy');
  const list = added(db).filter((m) => m.path !== file);
  if (!tokenModules(db).some((m) => m.builtIn && m.path === file)) list.push({ label: label.trim() || path.basename(file), path: file });
  putSetting(db, KEY, JSON.stringify(list));
  return tokenModules(db);
}

export function removeTokenModule(db: Db, file: string): TokenModule[] {
  putSetting(db, KEY, JSON.stringify(added(db).filter((m) => m.path !== file)));
  return tokenModules(db);
}

function isLibrary(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
