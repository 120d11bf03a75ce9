import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArchivePath, resolveStatic } from '../../electron/static-files';
import { findChromium } from '../../electron/web/open-browser';
import { tempDir } from '../helpers';

describe('static files', () => {
  const root = tempDir();
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), 'x');
  fs.writeFileSync(path.join(root, 'assets', 'a.js'), 'x');

  it('maps / to index.html and stays inside the root', () => {
    expect(resolveStatic(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStatic(root, '/assets/a.js?v=1')).toBe(path.join(root, 'assets', 'a.js'));
    for (const p of ['/../x', '/%2e%2e/x', '/assets/../../x', '/assets', '/%E0%A4%A']) expect(resolveStatic(root, p)).toBeNull();
  });
  it('parses archive URLs strictly', () => {
    expect(parseArchivePath('/archive/thumb/12')).toEqual({ kind: 'thumb', id: 12 });
    expect(parseArchivePath('/archive/searchable/7')).toEqual({ kind: 'searchable', id: 7 });
    expect(parseArchivePath('/archive/clean/8')).toEqual({ kind: 'clean', id: 8 });
    for (const p of ['/archive/other/1', '/archive/file/-1', '/archive/file/1/2', '/archive/file/x']) expect(parseArchivePath(p)).toBeNull();
  });
  it('finds an installed Chromium for the app window', () => {
    expect(findChromium('linux', (p) => p === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
    expect(findChromium('linux', () => false)).toBeNull();
  });
});
