// Resolves a URL path to a file inside the renderer build, refusing anything that escapes it.
import { ASSET_KINDS } from './archive/asset-kinds';
import fs from 'node:fs';
import path from 'node:path';

export function resolveStatic(root: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const full = path.resolve(root, `.${path.posix.normalize(rel)}`);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  try {
    return fs.statSync(full).isFile() ? full : null;
  } catch {
    return null;
  }
}

/** Generated downloads look like /export/<name>, e.g. /export/coverage.xlsx?at=2021-06-30. */
export function parseExportPath(urlPath: string): string | null {
  const m = /^\/export\/([a-z0-9.-]{1,40})$/.exec(urlPath.split('?')[0]);
  return m ? m[1] : null;
}

/** Content-Disposition for a download, with the UTF-8 name for browsers that read it. */
export const attachment = (fileName: string) => `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

const ARCHIVE_PATH = new RegExp(`^/archive/(${ASSET_KINDS.join('|')})/(\\d{1,15})(?:/([0-9a-f]{8,64}))?$`);

/**
 * Archive URLs look like /archive/<kind>/<id>[/<version>], kind one of ASSET_KINDS; the
 * version is the start of the content's SHA-256, so a page change gives a new URL and a
 * versioned URL can be cached for good.
 */
export function parseArchivePath(urlPath: string): { kind: string; id: number; version: string | null } | null {
  const m = ARCHIVE_PATH.exec(urlPath.split('?')[0]);
  return m ? { kind: m[1], id: Number(m[2]), version: m[3] ?? null } : null;
}

/** Whether an asset answers a versioned URL (an unversioned one always does). */
export const versionMatches = (sha256: string, version: string | null) => version === null || sha256.startsWith(version);

/** Cache rule: a versioned archive URL never changes content; an unversioned one must be checked again. */
export const archiveCacheControl = (version: string | null) => (version ? 'private, max-age=31536000, immutable' : 'private, no-cache');
