// Turns what the user chose (files and folders) into the list of files to import, in a
// stable order, so a folder of scans imports page files in name order.
import fs from 'node:fs';
import path from 'node:path';
import type { FileRef } from './import-file';

const SKIP = new Set(['thumbs.db', 'desktop.ini']);
const collator = new Intl.Collator('vi', { numeric: true });

export function expandPaths(paths: string[]): FileRef[] {
  const out: FileRef[] = [];
  // each folder and file once, however many links lead to it (a link loop would never end)
  const seen = new Set<string>();
  const walk = (p: string, rel: string, top: boolean) => {
    let st: fs.Stats | null = null;
    let real = p;
    try {
      real = fs.realpathSync(p);
      st = fs.statSync(real);
    } catch (e) {
      // a link that leads back to itself, met inside a folder, is not a file the user chose
      if (!top && (e as NodeJS.ErrnoException).code === 'ELOOP') return;
      /* otherwise reported as not found by the importer */
    }
    if (seen.has(real)) return;
    seen.add(real);
    if (st?.isDirectory()) {
      const names = fs.readdirSync(real).filter((n) => !n.startsWith('.') && !SKIP.has(n.toLowerCase()));
      for (const n of names.sort(collator.compare)) walk(path.join(p, n), `${rel}/${n}`, false);
    } else out.push({ path: p, name: rel });
  };
  // names keep the form the user gave, so messages name files as they were chosen
  for (const p of paths) walk(path.resolve(p), p.replace(/[\\/]+$/, ''), true);
  return out;
}
