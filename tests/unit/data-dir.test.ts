import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataDir, defaultDataDir } from '../../electron/data-dir';

describe('data dir', () => {
  it('matches where Electron keeps userData on each system', () => {
    expect(appDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x');
    expect(appDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe('C:\\Users\\a\\AppData\\Roaming');
    expect(appDataDir({}, 'darwin')).toMatch(/Library[\\/]Application Support$/);
  });
  it('puts the archive under sohoa-desk/archive, unless SOHOA_DATA_DIR says otherwise', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' })).toBe(path.join('/cfg', 'sohoa-desk', 'archive'));
    expect(defaultDataDir({ SOHOA_DATA_DIR: '/srv/kho' })).toBe('/srv/kho');
  });
});
