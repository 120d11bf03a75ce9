// Spreadsheets and signature checks run in guarded worker threads: through the real core a
// workbook previews and imports as before, a forged one is refused with the reason, and while
// a million-row preview and a 3,000-field verification run another user is answered at once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../electron/core';
import { newBatch, verifyWithArchive } from '../../../electron/signing/verify/verify-service';
import { closeGuardedWorkers, WORK_LIMITS } from '../../../electron/workers/guarded-run';
import { manySignatureFields } from '../../fixtures/many-signatures';
import { registerXlsx, xlsxOf } from '../../fixtures/workbooks';
import { prependHiddenEntry, zipOf } from '../../fixtures/zips';
import { must, setUpCore, signedInAs, tempDir } from '../../helpers';

let ctx: Awaited<ReturnType<typeof setUpCore>>;
let other: Client;
const dir = tempDir();
const file = (name: string, bytes: Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return { path: p };
};

beforeAll(async () => {
  ctx = await setUpCore();
  other = await signedInAs(ctx.core, 'admin', 'admin-pass-1');
}, 60_000);
afterAll(async () => {
  await closeGuardedWorkers();
  await ctx.core.close();
});

describe('spreadsheets and signatures in guarded workers', () => {
  it('previews and imports a real workbook as before', async () => {
    const source = file('so-ket-qua.xlsx', xlsxOf([['SỔ KẾT QUẢ'], ['Mã hồ sơ', 'Ngày cấp', 'Tên kết quả'], ['HS-001', '2024-03-01', 'Giấy phép'], ['HS-002', '2024-03-02', 'Giấy phép']]));
    const preview = await must(ctx.core.call('register.preview', { source }, ctx.admin));
    expect(preview).toMatchObject({ headers: ['Mã hồ sơ', 'Ngày cấp', 'Tên kết quả'], rows: 2, sample: [['HS-001', '2024-03-01', 'Giấy phép'], ['HS-002', '2024-03-02', 'Giấy phép']] });
    const report = await must(ctx.core.call('register.import', { source, mapping: preview.mapping }, ctx.admin));
    expect(report).toMatchObject({ created: 2, errors: [] });
  }, 60_000);

  it('refuses a workbook with a bomb hidden outside its table of contents, saying why', async () => {
    const valid = xlsxOf([['Mã hồ sơ', 'Ngày cấp'], ['HS-1', '2024-01-02']]);
    const source = file('gia-mao.xlsx', prependHiddenEntry(await zipOf([{ name: 'xl/worksheets/sheet1.xml', size: 100 * 2 ** 20 }]), valid));
    const r = await ctx.core.call('register.preview', { source }, ctx.admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'TABLE_UNREADABLE' } });
    expect(!r.ok && r.error.message).toMatch(/^gia-mao\.xlsx: không đọc được bảng tính \(có mục xl\/worksheets\/sheet1\.xml ẩn ngoài mục lục ZIP/);
  }, 60_000);

  it("answers another user within 200 ms while a million-row preview and a 3,000-field verification run", async () => {
    const big = file('mot-trieu-dong.xlsx', registerXlsx(999_999)); // with its header, exactly the row limit
    const pdf = await manySignatureFields(3000);
    // long enough to measure, short enough for a test: both are stopped by their time limit if still running
    const saved = { table: WORK_LIMITS.table.timeMs, verify: WORK_LIMITS.verify.timeMs };
    WORK_LIMITS.table.timeMs = WORK_LIMITS.verify.timeMs = 12_000;
    try {
      const started = Date.now();
      const preview = ctx.core.call('register.preview', { source: big }, ctx.admin);
      const verify = verifyWithArchive(ctx.core.db, pdf, { file: 'nhieu-chu-ky.pdf', batch: newBatch(false) });
      let settled = false;
      void Promise.allSettled([preview, verify]).then(() => (settled = true));
      const waits: number[] = [];
      while (Date.now() - started < 8000 && !settled) {
        const t = performance.now();
        expect(await must(ctx.core.call('auth.me', {}, other))).toMatchObject({ username: 'admin' });
        waits.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(waits.length).toBeGreaterThan(20);
      expect(Math.max(...waits)).toBeLessThan(200);
      // the heavy work ended either way: done, or stopped by its limit with the file named
      const p = await preview;
      if (!p.ok) expect(p.error).toMatchObject({ code: 'WORK_TIMEOUT', params: { file: 'mot-trieu-dong.xlsx' } });
      else expect((p.value as { rows: number }).rows).toBe(999_999);
      const report = await verify;
      expect(report.file).toBe('nhieu-chu-ky.pdf');
      if (report.error) expect(report.error).toMatch(/^nhieu-chu-ky\.pdf: xử lý quá 12 giây/);
      else expect(report.signatures).toHaveLength(3000);
    } finally {
      Object.assign(WORK_LIMITS.table, { timeMs: saved.table });
      Object.assign(WORK_LIMITS.verify, { timeMs: saved.verify });
    }
  }, 120_000);
});
