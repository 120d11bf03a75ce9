import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveCacheControl, parseArchivePath, resolveStatic, versionMatches } from '../../electron/static-files';
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
    expect(parseArchivePath('/archive/thumb/12')).toEqual({ kind: 'thumb', id: 12, version: null });
    expect(parseArchivePath('/archive/searchable/7')).toEqual({ kind: 'searchable', id: 7, version: null });
    expect(parseArchivePath('/archive/clean/8')).toEqual({ kind: 'clean', id: 8, version: null });
    expect(parseArchivePath('/archive/searchable/7/0a1b2c3d4e5f6789')).toEqual({ kind: 'searchable', id: 7, version: '0a1b2c3d4e5f6789' });
    for (const p of ['/archive/other/1', '/archive/file/-1', '/archive/file/1/2', '/archive/file/x', '/archive/file/1/XYZ12345', '/archive/file/1/abc/def'])
      expect(parseArchivePath(p)).toBeNull();
  });
  it('caches a versioned archive URL for good and checks an unversioned one each time', () => {
    expect(versionMatches('0a1b2c3d4e5f6789ff', '0a1b2c3d')).toBe(true);
    expect(versionMatches('0a1b2c3d4e5f6789ff', '0a1b2c3e')).toBe(false);
    expect(versionMatches('0a1b2c3d4e5f6789ff', null)).toBe(true);
    expect(archiveCacheControl('0a1b2c3d')).toContain('immutable');
    expect(archiveCacheControl(null)).toContain('no-cache');
  });
  it('finds an installed Chromium for the app window', () => {
    expect(findChromium('linux', (p) => p === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
    expect(findChromium('linux', () => false)).toBeNull();
  });
});
