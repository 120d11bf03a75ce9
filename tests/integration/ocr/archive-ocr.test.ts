// OCR in the archive through the core, as the screens use it: import with OCR, the job's
// per-page outcomes, tags, searchable PDF, search, review and linking, page operations,
// cancel, retry of failed pages, and a job resumed after the app was closed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../../electron/archive/text';
import { Core, type Client } from '../../../electron/core';
import { renderScan, SAMPLE_DOCS } from '../../fixtures/admin-docs';
import { must, setUpCore, tempDir } from '../../helpers';

let core: Core;
let admin: Client;
let byCode: (c: string) => number;
let files: string;

async function tiff(pages: Buffer[]): Promise<Buffer> {
  const png = await Promise.all(pages.map((p) => sharp(p).resize(1654, 2339, { fit: 'fill' }).png().toBuffer()));
  return sharp(png, { join: { animated: true } }).tiff({ compression: 'jpeg', quality: 85 }).withMetadata({ density: 200 }).toBuffer();
}
const blankPage = () => sharp({ create: { width: 1654, height: 2339, channels: 3, background: '#fbfaf4' } }).png().toBuffer();

async function importWithOcr(name: string, bytes: Buffer): Promise<number> {
  fs.writeFileSync(path.join(files, name), bytes);
  const { jobId } = await must(core.call('documents.import', { sources: [{ path: path.join(files, name) }], ocr: true }, admin));
  await core.jobs.idle();
  const st = await must(core.call('jobs.get', { id: jobId }, admin));
  expect(st.outcomes[0].status).toBe('imported');
  return st.outcomes[0].documentId;
}
const doc = (id: number) => must(core.call('documents.get', { id }, admin));
const field = (d: any, n: string) => d.fields.find((f: any) => f.name === n)?.value ?? null;
function pdfText(c: Core, client: Client, id: number): string {
  const a = c.asset('searchable', id, client)!;
  return execFileSync('pdftotext', [a.path, '-'], { encoding: 'utf8' });
}

beforeAll(async () => {
  ({ core, admin, byCode } = await setUpCore());
  files = tempDir();
});
afterAll(() => core.close());

describe('OCR in the archive', () => {
  let letter: number;
  let result: number;

  it('imports with OCR: each page an outcome, blank pages flagged, fields tagged, a searchable PDF stored', async () => {
    letter = await importWithOcr('cong-van.jpg', (await renderScan(SAMPLE_DOCS[0], { dpi: 200, jpegQuality: 85, skew: 1 })).image);
    const qd = await renderScan(SAMPLE_DOCS[3], { dpi: 200 });
    result = await importWithOcr('quyet-dinh.tif', await tiff([qd.image, await blankPage()]));
    const jobs = await must(core.call('jobs.list', { active: false }, admin));
    const ocrJob = jobs.find((j: any) => j.kind === 'ocr' && j.outcomes.some((o: any) => o.documentId === result));
    expect(ocrJob).toMatchObject({ state: 'done', total: 2, done: 2 });
    const d = await doc(result);
    // pages are read in parallel, so outcomes come in the order they finish
    const noticesOf = (pageId: number) => ocrJob.outcomes.find((o: any) => o.pageId === pageId).notices?.map((n: any) => n.code) ?? [];
    expect(d.pages.map((p: any) => noticesOf(p.id))).toEqual([[], ['PAGE_BLANK']]);
    expect(d.pages.map((p: any) => [p.ocrState, p.blank, p.hasClean])).toEqual([
      ['done', false, true],
      ['done', true, true],
    ]);
    expect(d.hasSearchable).toBe(true);
    expect(field(d, 'number')).toBe('45/QĐ-UBND');
    expect(field(d, 'type')).toBe('Quyết định');
    expect(d.fields.find((f: any) => f.name === 'dossierCode')).toMatchObject({ value: 'H56.38-240312-0042', source: 'qr' });
    const number = d.fields.find((f: any) => f.name === 'number');
    expect(number.page).toBe(1);
    expect(number.bbox.x0).toBeGreaterThan(0.05);
    expect(number.bbox.x1).toBeLessThan(0.5);
    expect(d.title).toBe('Quyết định 45/QĐ-UBND: Về việc cấp giấy chứng nhận đăng ký hộ kinh doanh');
    expect(pdfText(core, admin, result)).toContain('Về việc cấp giấy chứng nhận');
    expect(execFileSync('pdfinfo', [core.asset('searchable', result, admin)!.path], { encoding: 'utf8' })).toMatch(/Pages:\s+2/);
  });

  it('finds documents by OCR text without accents, filters by type and issue date, and shows the tags in the list', async () => {
    const hits = await must(core.call('documents.list', { query: 'chan chinh cong tac', sort: 'relevance' }, admin));
    expect(hits.items.map((d: any) => d.id)).toEqual([letter]);
    expect(hits.items[0].snippet).toContain('«chấn» «chỉnh» «công» «tác»');
    expect(hits.items[0]).toMatchObject({ docType: 'Công văn', docNumber: '1147/UBND-VP', docDate: '2021-04-19', ocrState: 'done' });
    expect((await must(core.call('documents.list', { type: 'Quyết định' }, admin))).items.map((d: any) => d.id)).toEqual([result]);
    expect((await must(core.call('documents.list', { issuedFrom: '2021-01-01', issuedTo: '2021-12-31' }, admin))).items.map((d: any) => d.id)).toEqual([letter]);
    expect((await must(core.call('documents.list', { query: '"QUYET DINH"', type: 'Công văn' }, admin))).total).toBe(0);
  });

  it('proposes the register entry with a score, and acceptance links it, keeps the reviewer’s words and marks it digitized', async () => {
    await must(core.call('register.save', { dossierCode: 'H56.38-240312-0042', unitId: byCode('402'), holderName: 'Trần Thị Mai', holderId: '038190004512', resultNumber: '45/QĐ-UBND', issuedOn: '2024-03-12' }, admin));
    await must(core.call('register.save', { dossierCode: 'H56.38-240312-0043', unitId: byCode('402'), holderName: 'Trần Thị Mai', issuedOn: '2024-03-13' }, admin));
    const { items } = await must(core.call('documents.proposals', { id: result }, admin));
    expect(items[0]).toMatchObject({ dossierCode: 'H56.38-240312-0042', score: 1 });
    expect(items[0].reasons).toEqual(expect.arrayContaining(['dossierCode', 'resultNumber', 'holderId', 'issuedOn']));
    expect(items[1]).toMatchObject({ dossierCode: 'H56.38-240312-0043', score: 0.25, reasons: ['holderName'] });
    expect((await must(core.call('documents.toReview', {}, admin))).ids).toEqual([letter, result]);

    const d = await must(core.call('documents.review', { id: result, fields: { signer: 'Nguyễn Văn Bình', place: 'xã Thanh Sơn' }, dossierCode: 'H56.38-240312-0042', accept: true }, admin));
    expect(d).toMatchObject({ status: 'digitized', dossierCode: 'H56.38-240312-0042' });
    expect(d.reviewedAt).not.toBeNull();
    expect(d.fields.find((f: any) => f.name === 'place')).toMatchObject({ value: 'xã Thanh Sơn', source: 'user' });
    expect((await must(core.call('documents.toReview', {}, admin))).ids).toEqual([letter]);
    // a later correction, saved without accepting again, keeps it digitized and linked
    const later = await must(core.call('documents.review', { id: result, fields: { holderName: 'Trần Thị Mai' }, dossierCode: 'H56.38-240312-0042', accept: false }, admin));
    expect(later).toMatchObject({ status: 'digitized', dossierCode: 'H56.38-240312-0042' });
    const reg = await must(core.call('register.list', { query: 'H56.38-240312-0042' }, admin));
    expect(reg.items[0].digitizedOn).not.toBeNull();
  });

  it('drops the blank page, keeps the reviewer’s fields and rebuilds the searchable PDF', async () => {
    const before = await doc(result);
    const d = await must(core.call('pages.delete', { documentId: result, pageIds: [before.pages[1].id] }, admin));
    expect(d.pageCount).toBe(1);
    expect(d.hasSearchable).toBe(true);
    expect(field(d, 'place')).toBe('xã Thanh Sơn');
    expect(execFileSync('pdfinfo', [core.asset('searchable', result, admin)!.path], { encoding: 'utf8' })).toMatch(/Pages:\s+1/);
    // nothing is lost: the imported file is still the one imported
    expect(core.asset('file', result, admin)).not.toBeNull();
  });

  it('splits one import into documents, merges them back, and refuses to empty a document', async () => {
    const first = await renderScan(SAMPLE_DOCS[1], { dpi: 200 });
    const second = await renderScan(SAMPLE_DOCS[4], { dpi: 200 });
    const id = await importWithOcr('hai-van-ban.tif', await tiff([first.image, second.image]));
    const d = await doc(id);
    const { documentIds } = await must(core.call('documents.split', { documentId: id, startPageIds: [d.pages[1].id] }, admin));
    expect(documentIds).toHaveLength(2);
    const [a, b] = await Promise.all(documentIds.map(doc));
    expect([a.pageCount, b.pageCount]).toEqual([1, 1]);
    expect(field(a, 'type')).toBe('Chỉ thị');
    expect(field(b, 'type')).toBe('Kế hoạch');
    // the second document's own PDF holds its text (read as OCR read it: compare without accents)
    expect(foldVietnamese(pdfText(core, admin, b.id))).toContain('ke hoach');
    expect(foldVietnamese(pdfText(core, admin, b.id))).not.toContain('chi thi');
    const merged = await must(core.call('documents.merge', { documentIds: [b.id, a.id] }, admin));
    expect(merged.pages.map((p: any) => p.id)).toEqual([b.pages[0].id, a.pages[0].id]);
    expect(await core.call('documents.get', { id: a.id }, admin)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const reordered = await must(core.call('pages.reorder', { documentId: b.id, pageIds: [a.pages[0].id, b.pages[0].id] }, admin));
    expect(field(reordered, 'type')).toBe('Chỉ thị');
    expect(await core.call('pages.delete', { documentId: b.id, pageIds: reordered.pages.map((p: any) => p.id) }, admin)).toMatchObject({
      ok: false,
      error: { code: 'PAGE_OP_INVALID' },
    });
  });

  it('reads a page again with the turn the user chose', async () => {
    const d = await doc(letter);
    const { jobId } = await must(core.call('pages.rotate', { pageId: d.pages[0].id, rotation: 180 }, admin));
    await core.jobs.idle();
    expect(await must(core.call('jobs.get', { id: jobId }, admin))).toMatchObject({ state: 'done', done: 1 });
    const after = await doc(letter);
    expect(after.pages[0]).toMatchObject({ rotation: 180, rotationByUser: true, ocrState: 'done' });
    // upside down on purpose: the text no longer reads
    expect(after.pages[0].confidence).toBeLessThan(60);
  });

  it('retries only the pages that failed', async () => {
    const scan = await renderScan(SAMPLE_DOCS[2], { dpi: 200, jpegQuality: 85 });
    fs.writeFileSync(path.join(files, 'du-thao.jpg'), scan.image);
    const imp = await must(core.call('documents.import', { sources: [{ path: path.join(files, 'du-thao.jpg') }] }, admin));
    await core.jobs.idle();
    const id = (await must(core.call('jobs.get', { id: imp.jobId }, admin))).outcomes[0].documentId;
    // the stored scan goes missing (a disk fault): the page fails with a message naming it
    const stored = core.asset('file', id, admin)!.path;
    const saved = fs.readFileSync(stored);
    fs.writeFileSync(stored, Buffer.from('not an image any more'));
    const { jobId } = await must(core.call('ocr.start', { documentIds: [id] }, admin));
    await core.jobs.idle();
    const failed = await must(core.call('jobs.get', { id: jobId }, admin));
    expect(failed.outcomes[0]).toMatchObject({ status: 'error', code: 'OCR_FAILED', message: expect.stringContaining('du-thao.jpg') });
    expect((await doc(id)).ocrState).toBe('failed');
    fs.writeFileSync(stored, saved);
    const retry = await must(core.call('ocr.retry', { jobId }, admin));
    await core.jobs.idle();
    expect(await must(core.call('jobs.get', { id: retry.jobId }, admin))).toMatchObject({ state: 'done', total: 1 });
    const d = await doc(id);
    expect(d.ocrState).toBe('done');
    expect(field(d, 'number')).toBeNull(); // a draft: the number is blank, not invented
    expect(field(d, 'date')).toBeNull();
  });
});

describe('an OCR job and the app closing', () => {
  // sixteen page reads on two cores: longer than the default minute on a loaded machine
  it('resumes where it stopped, without reading a page twice, and can be cancelled', { timeout: 180_000 }, async () => {
    const dataDir = tempDir();
    let c = Core.open({ dataDir, shell: 'web' });
    const a = c.newClient({ localFiles: true });
    const units = await must(c.call('setup.demoUnits', {}, a));
    await must(c.call('setup.init', { unit: { unitId: units.find((u: any) => u.code === '402').id }, admin: { username: 'admin', fullName: 'QT', password: 'admin-pass-1' } }, a));
    const dir = tempDir();
    // more pages than the job keeps in flight (twice the workers), so closing cuts it short
    const pages = await Promise.all([0, 1, 4, 2, 0, 1, 4, 2].map(async (i) => (await renderScan(SAMPLE_DOCS[i], { dpi: 200 })).image));
    fs.writeFileSync(path.join(dir, 'tam-trang.tif'), await tiff(pages));
    const imp = await must(c.call('documents.import', { sources: [{ path: path.join(dir, 'tam-trang.tif') }] }, a));
    await c.jobs.idle();
    const id = (await must(c.call('jobs.get', { id: imp.jobId }, a))).outcomes[0].documentId;
    const { jobId } = await must(c.call('ocr.start', { documentIds: [id] }, a));
    await new Promise<void>((resolve) => c.jobs.on('job.updated', (st) => st.id === jobId && st.done >= 1 && resolve()));
    await c.close(); // the window closes mid-job
    const partial = Core.open({ dataDir, shell: 'web', resumeJobs: false });
    const doneBefore = (partial.db.prepare('SELECT done FROM jobs WHERE id = ?').get(jobId) as { done: number }).done;
    expect(doneBefore).toBeGreaterThanOrEqual(1);
    expect(doneBefore).toBeLessThan(8);
    await partial.close();

    c = Core.open({ dataDir, shell: 'web' }); // the next start resumes it
    await c.jobs.idle();
    const st = c.jobs.get(jobId)!;
    expect(st).toMatchObject({ state: 'done', total: 8, done: 8 });
    expect(new Set(st.outcomes.map((o) => o.pageId)).size).toBe(8);
    const b = c.newClient({ localFiles: true });
    await must(c.call('auth.signIn', { username: 'admin', password: 'admin-pass-1' }, b));
    expect((await must(c.call('documents.get', { id }, b))).hasSearchable).toBe(true);

    const again = await must(c.call('ocr.start', { documentIds: [id], again: true }, b));
    await new Promise<void>((resolve) => c.jobs.on('job.updated', (s) => s.id === again.jobId && s.done >= 1 && resolve()));
    await must(c.call('jobs.cancel', { id: again.jobId }, b));
    await c.jobs.idle();
    const cancelled = c.jobs.get(again.jobId)!;
    expect(cancelled.state).toBe('cancelled');
    // the pages read, then the ones the stop kept from being read, listed as not read
    const read = cancelled.outcomes.filter((o) => o.status === 'imported').length;
    expect(read).toBeLessThan(8);
    expect(cancelled.outcomes.filter((o) => o.status === 'cancelled').length).toBe(8 - read);
    expect(new Set(cancelled.outcomes.map((o) => o.pageId)).size).toBe(8);
    await c.close();
  });
});
