// Turns what the user chose (files and folders) into the list of files to import, in a
// stable order, so a folder of scans imports page files in name order.
import fs from 'node:fs';
import path from 'node:path';
import type { FileRef } from './import-file';

const SKIP = new Set(['thumbs.db', 'desktop.ini']);
const collator = new Intl.Collator('vi', { numeric: true });

export function expandPaths(paths: string[]): FileRef[] {
  const out: FileRef[] = [];
  const walk = (p: string, rel: string) => {
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(p);
    } catch {
      /* reported as not found by the importer */
    }
    if (st?.isDirectory()) {
      const names = fs.readdirSync(p).filter((n) => !n.startsWith('.') && !SKIP.has(n.toLowerCase()));
      for (const n of names.sort(collator.compare)) walk(path.join(p, n), `${rel}/${n}`);
    } else out.push({ path: p, name: rel });
  };
  // names keep the form the user gave, so messages name files as they were chosen
  for (const p of paths) walk(path.resolve(p), p.replace(/[\\/]+$/, ''));
  return out;
}
