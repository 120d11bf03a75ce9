// The `sohoa` command as a user runs it: a child process on a temp archive.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jpegScan, pdfScan } from '../fixtures/scans';
import { tempDir } from '../helpers';

const sohoa = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [path.resolve('bin/sohoa.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, SOHOA_DATA_DIR: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('sohoa CLI', () => {
  it('prints help', () => {
    const r = sohoa(['--help'], process.cwd());
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/import .*<files\.\.\.>/);
    expect(r.out).toMatch(/--data-dir/);
  });

  it('imports two documents, reports the broken third with its reason, exits non-zero; list shows the two', async () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'a.jpg'), await jpegScan());
    fs.writeFileSync(path.join(cwd, 'b.pdf'), await pdfScan(2));
    fs.writeFileSync(path.join(cwd, 'broken.jpg'), 'garbage');
    const r = sohoa(['import', 'a.jpg', 'b.pdf', 'broken.jpg', '--data-dir', 'D', '--json'], cwd);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ imported: 2, duplicates: 0, failed: 1 });
    expect(out.files.map((f: any) => [f.file, f.status, f.pages])).toEqual([
      ['a.jpg', 'imported', 1],
      ['b.pdf', 'imported', 2],
      ['broken.jpg', 'error', 0],
    ]);
    expect(out.files[2].error).toEqual({ code: 'FILE_CORRUPT', message: 'broken.jpg: tệp bị hỏng hoặc không đọc được (không phải tệp JPEG hợp lệ).' });

    const list = sohoa(['list', '--data-dir', 'D', '--json'], cwd);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.out).documents.map((d: any) => [d.sourceName, d.pageCount])).toEqual([
      ['a.jpg', 1],
      ['b.pdf', 2],
    ]);

    // the same files again: reported as already archived, not stored twice, and that is success
    const again = sohoa(['import', 'a.jpg', 'b.pdf', '--data-dir', 'D', '--json'], cwd);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ imported: 0, duplicates: 2 });
    expect(JSON.parse(sohoa(['list', '--data-dir', 'D', '--json'], cwd).out).total).toBe(2);
  });

  it('searches the archive without diacritics and returns ranked documents with snippets', async () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'Quyết định cấp phép.jpg'), await jpegScan({ title: 'A' }));
    fs.writeFileSync(path.join(cwd, 'Công văn.jpg'), await jpegScan({ title: 'B' }));
    sohoa(['import', 'Quyết định cấp phép.jpg', 'Công văn.jpg', '--data-dir', 'D'], cwd);
    const r = sohoa(['search', 'quyet', 'dinh', '--data-dir', 'D', '--json'], cwd);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ query: 'quyet dinh', total: 1 });
    expect(out.documents[0]).toMatchObject({ title: 'Quyết định cấp phép', snippet: expect.stringContaining('«Quyết» «định»') });
  });

  it('imports a unit catalogue with a row report, and lists units at a date', () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'dm.csv'), 'Tỉnh Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp\nTỉnh Thanh Hóa,38,Huyện Như Xuân,402,Xã Thanh Sơn,16222,Xã\nTỉnh Thanh Hóa,38,Huyện Như Xuân,402,,1X,Xã\n');
    const r = sohoa(['units', 'import', 'dm.csv', '--data-dir', 'D'], cwd);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Thêm mới 3, cập nhật 0, không đổi 0, lỗi 1.');
    expect(r.out).toContain('dòng 3:');
    const units = JSON.parse(sohoa(['units', 'list', '--data-dir', 'D', '--json'], cwd).out);
    expect(units.map((u: any) => u.code).sort()).toEqual(['16222', '38', '402']);
  });

  it('makes a coverage package with --unit and --at wherever they stand, and the parent receives it', () => {
    const cwd = tempDir();
    fs.copyFileSync(path.resolve('assets/catalogue/thanhhoa-demo.csv'), path.join(cwd, 'dm.csv'));
    for (const d of ['XA', 'TINH']) expect(sohoa(['units', 'import', 'dm.csv', '--data-dir', d], cwd).code).toBe(0);
    const made = sohoa(['coverage', 'package', '--out', 'goi.json', '--unit', '402', '--at', '2025-06-30', '--data-dir', 'XA', '--json'], cwd);
    expect(made.err).toBe('');
    expect(JSON.parse(made.out)).toMatchObject({ file: 'goi.json', unit: '402', at: '2025-06-30' });
    const got = sohoa(['coverage', 'import-package', 'goi.json', '--unit', '38', '--data-dir', 'TINH'], cwd);
    expect(got.code).toBe(0);
    expect(got.out).toMatch(/Đã nhận số liệu của .*Như Xuân đến ngày 2025-06-30/);
    expect(sohoa(['coverage', 'package', '--out', 'x.json', '--data-dir', 'XA'], cwd).err).toMatch(/thiếu --unit/);
  });

  it('says plainly when a file does not exist', () => {
    const r = sohoa(['units', 'import', 'khong-co.csv', '--data-dir', 'D'], tempDir());
    expect(r.code).toBe(2);
    expect(r.err).toContain('khong-co.csv: không tìm thấy tệp.');
  });
});
