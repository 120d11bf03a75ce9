import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobStore } from '../../../electron/archive/blobs';
import { tempDir } from '../../helpers';

describe('BlobStore', () => {
  it('stores bytes once under their SHA-256 and reads them back', () => {
    const dir = tempDir();
    const store = new BlobStore(dir);
    const bytes = Buffer.from('bản quét trang 1');
    const a = store.put(bytes);
    expect(a).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), created: true });
    expect(store.put(bytes).created).toBe(false);
    expect(store.read(a.sha256).equals(bytes)).toBe(true);
    expect(store.pathOf(a.sha256)).toBe(path.join(dir, 'files', a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256));
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]); // no temp file left behind
  });

  it('refuses ids that are not SHA-256 hex (no path tricks)', () => {
    const store = new BlobStore(tempDir());
    expect(() => store.pathOf('../../etc/passwd')).toThrow();
    expect(() => store.pathOf('A'.repeat(64))).toThrow();
  });

  it('removes a blob', () => {
    const store = new BlobStore(tempDir());
    const { sha256 } = store.put(Buffer.from('x'));
    store.remove(sha256);
    expect(store.has(sha256)).toBe(false);
  });
});
