// Resolves a URL path to a file inside the renderer build, refusing anything that escapes it.
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

/** Archive URLs look like /archive/<file|thumb|preview>/<id>. */
export function parseArchivePath(urlPath: string): { kind: string; id: number } | null {
  const m = /^\/archive\/(file|thumb|preview)\/(\d{1,15})$/.exec(urlPath.split('?')[0]);
  return m ? { kind: m[1], id: Number(m[2]) } : null;
}
