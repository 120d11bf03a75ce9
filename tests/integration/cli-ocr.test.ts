// `sohoa ocr … --json` prints exactly the documented shape; `import --ocr` then `search` finds
// documents by their recognised text.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderScan, SAMPLE_DOCS } from './../fixtures/admin-docs';
import { tempDir } from './../helpers';

const sohoa = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [path.resolve('bin/sohoa.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, SOHOA_DATA_DIR: '', SOHOA_OCR_WORKERS: '2' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('sohoa ocr', () => {
  it('prints one entry per file with pages and the whole document’s fields, exactly in the documented shape', async () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'cv.jpg'), (await renderScan(SAMPLE_DOCS[0], { dpi: 200, jpegQuality: 85, skew: 1 })).image);
    fs.writeFileSync(path.join(cwd, 'empty.png'), '');
    const r = sohoa(['ocr', 'cv.jpg', 'empty.png', '--data-dir', 'D', '--json'], cwd);
    expect(r.code).toBe(1); // one file failed
    const out = JSON.parse(r.out); // nothing else on stdout
    expect(Object.keys(out)).toEqual(['files']);
    const [cv, empty] = out.files;
    expect(Object.keys(cv)).toEqual(['file', 'pages', 'fields', 'error']);
    expect(cv.file).toBe('cv.jpg');
    expect(cv.error).toBeNull();
    expect(cv.pages).toHaveLength(1);
    expect(Object.keys(cv.pages[0])).toEqual(['index', 'text', 'confidence', 'dpi', 'rotation', 'skew', 'read']);
    expect(cv.pages[0]).toMatchObject({ index: 1, dpi: 200, rotation: 0 });
    expect(cv.pages[0].confidence).toBeGreaterThan(70);
    expect(cv.pages[0].confidence).toBeLessThanOrEqual(100);
    expect(Math.abs(cv.pages[0].skew - 1)).toBeLessThan(0.3);
    expect(cv.pages[0].text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(Object.keys(cv.fields)).toEqual(['agency', 'number', 'date', 'place', 'type', 'subject', 'signer', 'signerPosition', 'recipients', 'dossierCode', 'procedureCode', 'holderId']);
    expect(cv.fields).toMatchObject({
      agency: 'ỦY BAN NHÂN DÂN HUYỆN NHƯ XUÂN',
      number: '1147/UBND-VP',
      date: '2021-04-19',
      place: 'Như Xuân',
      type: 'Công văn',
      signer: 'Lê Văn Hùng',
      signerPosition: 'KT. CHỦ TỊCH PHÓ CHỦ TỊCH',
      recipients: ['Như trên', 'Lưu: VT'],
      dossierCode: null,
      procedureCode: null,
      holderId: null,
    });
    expect(empty).toEqual({ file: 'empty.png', pages: [], fields: null, error: 'empty.png: tệp rỗng (0 byte).' });
  });

  it('imports with --ocr, then finds the document by words of its text, without accents', async () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'kh.png'), (await renderScan(SAMPLE_DOCS[4], { dpi: 200 })).image);
    expect(sohoa(['import', 'kh.png', '--ocr', '--data-dir', 'D'], cwd).code).toBe(0);
    const r = sohoa(['search', 'giay phep lai xe', '--data-dir', 'D', '--json'], cwd);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.total).toBe(1);
    expect(out.documents[0].title).toMatch(/^Kế hoạch 2\d{3}\/KH-\w+: Triển khai/);
    expect(out.documents[0].snippet).toMatch(/«giấy» «phép» «lái» «xe»/);
  });
});
