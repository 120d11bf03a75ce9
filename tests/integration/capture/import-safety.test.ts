// Imports that must not stall, double-store, cross units or leave litter behind.
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, PDFArray } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { BlobStore, sweepOrphanBlobs } from '../../../electron/archive/blobs';
import { openDatabase } from '../../../electron/archive/db';
import { expandPaths } from '../../../electron/capture/expand-sources';
import { importFile } from '../../../electron/capture/import-file';
import { IMPORT_LIMITS } from '../../../electron/capture/limits';
import { jpegScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';

function archive(dir = tempDir()) {
  const db = openDatabase(path.join(dir, 'archive.sqlite'));
  if (!db.prepare('SELECT count(*) FROM units').pluck().get())
    db.exec("INSERT INTO units(code, name, level) VALUES ('16222', 'Xã A', 'commune'), ('16219', 'Xã B', 'commune')");
  return { dir, db, blobs: new BlobStore(dir), userId: null };
}
function write(dir: string, name: string, bytes: Buffer | string) {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return { path: p, name };
}

describe('import safety', () => {
  it('refuses a small PDF that declares thousands of pages, quickly and by name', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < IMPORT_LIMITS.maxPdfPages + 1; i++) doc.addPage([10, 10]);
    const bytes = Buffer.from(await doc.save());
    const t = archive();
    const started = Date.now();
    const o = await importFile({ ...t, unitId: 1 }, write(t.dir, 'Sổ dày.pdf', bytes));
    expect(o).toMatchObject({ status: 'error', code: 'PDF_TOO_MANY_PAGES' });
    expect(o.message).toMatch(/^Sổ dày\.pdf: PDF có/);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(t.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(0);
  });

  it('names the file whose page tree loops back on itself', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([100, 100]);
    const pages = doc.catalog.lookup(PDFName.of('Pages')) as any;
    const kids = pages.lookup(PDFName.of('Kids'), PDFArray) as PDFArray;
    kids.push(doc.catalog.get(PDFName.of('Pages'))!); // the tree contains itself
    const t = archive();
    const o = await importFile({ ...t, unitId: 1 }, write(t.dir, 'vong.pdf', Buffer.from(await doc.save())));
    expect(o).toMatchObject({ status: 'error', code: 'PDF_TOO_COMPLEX' });
    expect(o.message).toMatch(/^vong\.pdf: .*lặp vòng/);
  });

  it('walks a folder with a link loop once: no false duplicates, no false "not found"', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.jpg'), await jpegScan({ title: 'A' }));
    fs.symlinkSync('.', path.join(dir, 'vong'));
    fs.symlinkSync('tu-tro', path.join(dir, 'tu-tro')); // a link to itself
    const refs = expandPaths([dir]);
    expect(refs.map((r) => path.basename(r.name))).toEqual(['a.jpg']);
  });

  it('lets each unit archive its own copy of the same file, and says nothing of the other unit', async () => {
    const t = archive();
    const file = write(t.dir, 'qd.jpg', await jpegScan({ title: 'QĐ 15' }));
    const a = await importFile({ ...t, unitId: 1 }, file);
    const b = await importFile({ ...t, unitId: 2 }, file);
    expect(a.status).toBe('imported');
    expect(b).toMatchObject({ status: 'imported', code: null });
    expect(b.documentId).not.toBe(a.documentId);
    const again = await importFile({ ...t, unitId: 2 }, file);
    expect(again).toMatchObject({ status: 'duplicate', documentId: b.documentId });
  });

  it('stores the same bytes once per unit when two imports race, however they interleave', async () => {
    const dir = tempDir();
    const files = await Promise.all(Array.from({ length: 8 }, async (_, i) => write(dir, `${i}.jpg`, await jpegScan({ title: `Số ${i}` }))));
    // two connections to one archive, as two processes would have
    const one = archive(dir);
    const two = archive(dir);
    const run = (t: ReturnType<typeof archive>) => Promise.all(files.map((f) => importFile({ ...t, unitId: 1 }, f)));
    const [x, y] = await Promise.all([run(one), run(two)]);
    const statuses = [...x, ...y].map((o) => o.status);
    expect(statuses.filter((s) => s === 'imported')).toHaveLength(8);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(8);
    expect(one.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(8);
    // every recorded file is on disk
    for (const sha of one.db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[]) expect(one.blobs.has(sha)).toBe(true);
  });

  it('sweeps stored files no row records once they are an hour old, and keeps younger ones', async () => {
    const t = archive();
    await importFile({ ...t, unitId: 1 }, write(t.dir, 'giu.jpg', await jpegScan()));
    const orphan = t.blobs.put(Buffer.from('mồ côi cũ')).sha256;
    const young = t.blobs.put(Buffer.from('mồ côi mới')).sha256;
    const old = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(t.blobs.pathOf(orphan), old, old);
    const kept = t.db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[];
    for (const sha of kept) fs.utimesSync(t.blobs.pathOf(sha), old, old);
    expect(sweepOrphanBlobs(t.db, t.blobs)).toBe(1);
    expect(t.blobs.has(orphan)).toBe(false);
    expect(t.blobs.has(young)).toBe(true);
    for (const sha of kept) expect(t.blobs.has(sha)).toBe(true);
  });
});
