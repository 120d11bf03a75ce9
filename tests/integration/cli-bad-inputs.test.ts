// Malformed files a careless user (or a broken export) hands the `sohoa` command, one process
// each: every one exits non-zero with a message naming the file and the problem, within
// memory and time bounds, and the archive holds nothing of them afterwards.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDocument, PDFName } from 'pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/archive/db';
import { IMPORT_LIMITS } from '../../electron/capture/limits';
import { ZIP_LIMITS } from '../../electron/tables/zip-limits';
import { makePki } from '../fixtures/pki';
import { encryptedPdf, imageBomb, jpegScan, pdfScan, tiffScan } from '../fixtures/scans';
import { prependHiddenEntry, zipFiles, zipOf } from '../fixtures/zips';
import { xlsxOf } from '../fixtures/workbooks';
import { loopedPageTree, nestedPageTree, onePageListed } from '../fixtures/page-trees';
import { tempDir } from '../helpers';

interface Case {
  name: string;
  bytes: Buffer | string;
  /** the command, with FILE for the file's path */
  args: string[];
  /** what the message must say of the problem */
  problem: RegExp;
  env?: Record<string, string>;
}

const MAX_RSS_KB = 2 * 1024 * 1024;
const MAX_MS = 60_000;

const garbage = (n: number, seed = 7) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 131 + seed * 17) % 251));

async function cases(): Promise<Case[]> {
  const jpg = await jpegScan({ title: 'Quyết định' });
  const png = await sharp(jpg).png().toBuffer();
  const tif = await tiffScan(2);
  const pdf = await pdfScan(1);
  const emptyPdf = Buffer.from(await (await PDFDocument.create()).save({ addDefaultPage: false }));
  const thick = await PDFDocument.create();
  for (let i = 0; i <= IMPORT_LIMITS.maxPdfPages; i++) thick.addPage([10, 10]);
  const loop = await PDFDocument.create();
  loop.addPage([100, 100]);
  (loop.catalog.lookup(PDFName.of('Pages')) as any).lookup(PDFName.of('Kids'), PDFArray).push(loop.catalog.get(PDFName.of('Pages'))!);
  const flipped = Buffer.from(png);
  for (let i = 200; i < flipped.length - 20; i += 97) flipped[i] ^= 0xff;
  const tiffBadIfd = Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00, 0xff, 0xff, 0xff, 0x7f]), Buffer.alloc(64)]);
  const xlsxBomb = await zipOf([
    { name: '[Content_Types].xml', size: 200 },
    { name: 'xl/worksheets/sheet1.xml', size: ZIP_LIMITS.maxTotalBytes + (1 << 20), lie: 4096 },
  ]);
  const notWorkbook = await zipOf([{ name: 'readme.txt', size: 100 }]);
  const smallWorkbook = xlsxOf([['Mã hồ sơ', 'Ngày cấp'], ['HS-1', '2024-01-02']]);
  const hiddenBomb = prependHiddenEntry(await zipOf([{ name: 'xl/worksheets/sheet1.xml', size: 40 * 2 ** 20 }]), smallWorkbook);
  // the table of contents names one file, the local header another
  const renamedEntry = Buffer.from(smallWorkbook);
  renamedEntry.write('xl/worksheets/sheetX.xml', renamedEntry.indexOf('xl/worksheets/sheet1.xml'), 'latin1');
  const tooManyEntries = zipFiles(Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_v, i) => ({ name: `xl/x${i}.xml`, data: '<x/>' })));
  const tooManyRows = `Mã hồ sơ,Đơn vị,Ngày cấp,Tên kết quả\n${'HS,402,2021-01-01,A\n'.repeat(1_000_001)}`;
  const looped = await loopedPageTree();
  const deep = await nestedPageTree(400);
  const tenThousand = await onePageListed(10_000);
  const pki = makePki();
  // a signature dictionary whose byte range points past the end of the file, and one whose contents are not CMS
  const fakeSig = (range: string, contents: string) =>
    `%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R/AcroForm<</Fields[4 0 R]>>>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Annots[4 0 R]>>endobj\n4 0 obj<</Type/Annot/Subtype/Widget/FT/Sig/Rect[0 0 0 0]/P 3 0 R/T(Sig1)/V 5 0 R>>endobj\n5 0 obj<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange[${range}]/Contents<${contents}>>>endobj\ntrailer<</Root 1 0 R/Size 6>>\n%%EOF\n`;
  const gso = 'Tỉnh Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp,Hiệu lực từ';
  const reg = 'Mã hồ sơ,Mã đơn vị,Ngày cấp,Người được cấp';

  const importing = (name: string, bytes: Buffer | string, problem: RegExp): Case => ({ name, bytes, args: ['import', 'FILE'], problem });
  const verifying = (name: string, bytes: Buffer | string, problem: RegExp): Case => ({ name, bytes, args: ['verify', 'FILE'], problem });
  const signingWith = (name: string, bytes: Buffer | string, problem: RegExp): Case => ({ name, bytes, args: ['sign', 'DOC', '--out', 'signed.pdf', '--p12', 'FILE', '--password-env', 'P12_PASS'], problem });
  const signingDoc = (name: string, bytes: Buffer | string, problem: RegExp): Case => ({ name, bytes, args: ['sign', 'FILE', '--out', 'signed.pdf', '--p12', 'GOOD_P12', '--password-env', 'P12_PASS', '--trust', 'ROOT'], problem });
  const register = (name: string, bytes: Buffer | string, problem: RegExp): Case => ({ name, bytes, args: ['register', 'import', 'FILE', '--unit', '402'], problem });
  const catalogue = (name: string, bytes: Buffer | string, problem: RegExp): Case => ({ name, bytes, args: ['units', 'import', 'FILE'], problem });
  const merges = (name: string, bytes: Buffer | string, problem: RegExp): Case => ({ name, bytes, args: ['units', 'merges', 'FILE'], problem });
  const pkg = (name: string, bytes: Buffer | string, problem: RegExp): Case => ({ name, bytes, args: ['coverage', 'import-package', 'FILE', '--unit', '38'], problem });
  const corrupt = /hỏng|không đọc được/;
  // a file that stops early says so, so the person copies or scans it again
  const truncated = /cắt cụt/;

  return [
    // images
    importing('rong.jpg', '', /rỗng/),
    importing('van-ban.jpg', 'đây không phải ảnh', corrupt),
    importing('cut-dau.jpg', jpg.subarray(0, 300), truncated),
    importing('chi-dau-jpeg.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200)]), truncated),
    importing('png-mang-ten-jpg.jpg', png, /không khớp/),
    importing('jpg-mang-ten-png.png', jpg, /không khớp/),
    importing('cut-png.png', png.subarray(0, 120), truncated),
    importing('png-sai-du-lieu.png', flipped, corrupt),
    importing('chi-chu-ky-png.png', png.subarray(0, 8), truncated),
    importing('bom-anh.png', imageBomb(), /quá lớn/),
    importing('cut-tiff.tif', tif.subarray(0, 400), corrupt),
    importing('tiff-chi-dau.tif', Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), Buffer.alloc(32)]), corrupt),
    importing('tiff-ifd-sai.tiff', tiffBadIfd, corrupt),
    importing('tiff-big-endian-rac.tif', Buffer.concat([Buffer.from('MM\0*'), garbage(500)]), corrupt),
    importing('anh.bmp', Buffer.concat([Buffer.from('BM'), garbage(300)]), /không hỗ trợ/),
    importing('anh.gif', Buffer.concat([Buffer.from('GIF89a'), garbage(300)]), /không hỗ trợ/),
    importing('van-ban.docx', notWorkbook, /không hỗ trợ/),
    importing('khong-duoi', jpg, /không hỗ trợ/),
    importing('HOA.JPG', garbage(4000), corrupt),
    importing('ngau-nhien.tif', garbage(5000, 3), corrupt),
    importing('ngau-nhien.png', garbage(5000, 5), corrupt),
    importing('ngau-nhien.jpeg', garbage(5000, 9), corrupt),
    // PDFs
    importing('rong.pdf', '', /rỗng/),
    importing('chu.pdf', 'xin chào', corrupt),
    importing('chi-tieu-de.pdf', '%PDF-1.4\n', corrupt),
    importing('cut-nua.pdf', pdf.subarray(0, Math.floor(pdf.length / 2)), corrupt),
    importing('co-mat-khau.pdf', await encryptedPdf(), /mật khẩu/),
    importing('khong-trang.pdf', emptyPdf, /không có trang/),
    importing('qua-day.pdf', Buffer.from(await thick.save()), /vượt giới hạn/),
    importing('cay-trang-vong.pdf', Buffer.from(await loop.save()), /lặp vòng/),
    importing('khong-doi-tuong.pdf', '%PDF-1.4\ntrailer<</Root 1 0 R>>\n%%EOF\n', corrupt),
    importing('pdf-mang-ten-jpg.jpg', pdf, /không khớp/),
    importing('jpg-mang-ten-pdf.pdf', jpg, /không khớp/),
    importing('trang-web.pdf', '<!doctype html><html><body>Quyết định</body></html>', corrupt),
    importing('nen-zip.pdf', notWorkbook, corrupt),
    // signed PDFs to check
    verifying('rac.pdf', garbage(3000), /rac\.pdf/),
    verifying('chua-ky.pdf', pdf, /chưa|không có chữ ký/),
    verifying('byte-range-vuot.pdf', fakeSig('0 10 20 999999', '00'.repeat(64)), /./),
    verifying('contents-khong-phai-cms.pdf', fakeSig('0 100 200 50', 'ab'.repeat(64)), /./),
    verifying('rong.pdf', '', /./),
    // certificate files for signing
    signingWith('rong.p12', '', /rỗng|không đọc được/),
    signingWith('chu.p12', 'không phải chứng thư', /không đọc được/),
    signingWith('cut.p12', pki.p12.subarray(0, 200), /không đọc được/),
    signingWith('la-pem.p12', pki.rootPem, /không đọc được/),
    { ...signingWith('sai-mat-khau.p12', pki.p12, /sai mật khẩu/), env: { P12_PASS: 'khong-dung' } },
    // documents to sign
    signingDoc('rac-de-ky.pdf', garbage(2000), /rac-de-ky\.pdf/),
    signingDoc('rong-de-ky.pdf', '', /rong-de-ky\.pdf/),
    // registers
    register('rong.csv', '', /tiêu đề|không đọc được/),
    register('chi-so.csv', '1,2,3\n4,5,6\n', /tiêu đề/),
    register('thieu-cot.csv', 'Họ tên,Địa chỉ\nA,B\n', /tiêu đề/),
    register('nhi-phan.csv', garbage(4000, 11), /tiêu đề|không đọc được/),
    register('chu.xlsx', 'không phải bảng tính', /không đọc được/),
    register('bom.xlsx', xlsxBomb, /giải nén quá lớn/),
    register('zip-khong-phai-bang.xlsx', notWorkbook, /không đọc được/),
    register('ngay-sai.csv', `${reg}\nHS-1,402,2021-02-31,A\nHS-2,402,31/13/2021,B\n`, /không phải ngày hợp lệ/),
    register('thieu-ma.csv', `${reg}\n,402,2021-02-01,A\n`, /thiếu mã hồ sơ/),
    // unit catalogues
    catalogue('rong.csv', '', /tiêu đề|không đọc được|cột/),
    catalogue('thieu-cot.csv', 'Tên,Mã\nA,1\n', /cột/),
    catalogue('chu.xlsx', 'không phải bảng tính', /không đọc được/),
    catalogue('bom.xlsx', xlsxBomb, /giải nén quá lớn/),
    catalogue('ngay-sai.csv', `${gso}\nTỉnh Thanh Hóa,38,Huyện Như Xuân,402,Xã Thanh Sơn,16222,Xã,2021-13-45\n`, /ngày có thật/),
    catalogue('nhi-phan.csv', garbage(3000, 13), /cột|không đọc được/),
    // merges and coverage packages
    merges('khong-phai-json.json', 'đây không phải JSON', /không phải JSON/),
    merges('sai-dang.json', '{"x": 1}', /./),
    pkg('rac.json', 'rác', /bị từ chối|không/),
    pkg('khong-phai-goi.json', '{"payload": {}}', /bị từ chối/),
    // what the hostile-user probe brought: workbooks that show the checker and the reader different entries,
    // tables past the row cap, page trees that loop or nest without end, to import, sign or verify
    register('bom-an-ngoai-muc-luc.xlsx', hiddenBomb, /ẩn ngoài mục lục/),
    catalogue('bom-an-ngoai-muc-luc.xlsx', hiddenBomb, /ẩn ngoài mục lục/),
    register('ten-muc-khac.xlsx', renamedEntry, /mục lục|không khớp|khác/),
    register('qua-nhieu-muc.xlsx', tooManyEntries, /2000/),
    register('qua-nhieu-dong.csv', tooManyRows, /vượt giới hạn 1\.000\.000 dòng/),
    signingDoc('cay-vong-de-ky.pdf', looped, /lặp vòng/),
    verifying('cay-vong.pdf', looped, /cay-vong\.pdf/),
    importing('cay-qua-sau.pdf', deep, /bất thường|sâu/),
    signingDoc('cay-qua-sau-de-ky.pdf', deep, /bất thường|sâu/),
    merges('rong.json', '', /không phải JSON|rỗng/),
    verifying('byte-range-mot-doan.pdf', fakeSig('0 100', 'ab'.repeat(64)), /byte-range-mot-doan\.pdf/),
    importing('muoi-nghin-trang.pdf', tenThousand, /vượt giới hạn/),
    register('bang-rong.xlsx', xlsxOf([]), /tiêu đề|không đọc được/),
    signingWith('nhi-phan.p12', garbage(3000, 17), /không đọc được/),
    pkg('goi-chu-ky-sai.json', JSON.stringify({ format: 'sohoa-coverage-package/1', payload: { unitCode: '16222', at: '2021-12-31', units: [] }, publicKey: 'khong-phai-khoa', signature: 'AAAA' }), /bị từ chối/),
  ];
}

function run(cwd: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; text: string; rssKb: number; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve('tests/fixtures/cli-rss.mjs'), ...args, '--data-dir', 'D'], { cwd, env: { ...process.env, SOHOA_DATA_DIR: '', ...env } });
    let text = '';
    child.stdout.on('data', (c) => (text += c));
    child.stderr.on('data', (c) => (text += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), MAX_MS + 5000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const rss = /\[peak-rss-kb (\d+)\]/.exec(text);
      resolve({ code, text, rssKb: rss ? Number(rss[1]) : Infinity, ms: Date.now() - started });
    });
  });
}

describe('sohoa with malformed files', () => {
  let list: Case[] = [];
  const cwd = tempDir();
  beforeAll(async () => {
    list = await cases();
    const pki = makePki();
    fs.writeFileSync(path.join(cwd, 'GOOD_P12'), pki.p12);
    fs.writeFileSync(path.join(cwd, 'ROOT'), pki.rootPem);
    fs.writeFileSync(path.join(cwd, 'DOC'), await pdfScan(1));
    process.env.P12_PASS_VALUE = pki.password;
    // an archive that knows the province and the district the commands name
    fs.mkdirSync(path.join(cwd, 'seed'));
    const seed = openDatabase(path.join(cwd, 'seed', 'archive.sqlite'));
    seed.exec("INSERT INTO units(code, name, level) VALUES ('38', 'Tỉnh Thanh Hóa', 'province'); INSERT INTO units(code, name, level, parent_id) VALUES ('402', 'Huyện Như Xuân', 'district', 1)");
    seed.close();
  }, 120_000);

  it('covers at least eighty files of every kind', () => {
    expect(list.length).toBeGreaterThanOrEqual(80);
    expect(new Set(list.map((c) => c.args[0])).size).toBeGreaterThanOrEqual(6);
  });

  it('fails each one by name, with its problem, under 2 GB and 60 s, storing nothing', async () => {
    const failures: string[] = [];
    let next = 0;
    const lane = async () => {
      while (next < list.length) {
        const c = list[next++];
        const dir = fs.mkdtempSync(path.join(cwd, 'c-'));
        fs.writeFileSync(path.join(dir, c.name), c.bytes);
        for (const f of ['GOOD_P12', 'ROOT', 'DOC']) fs.copyFileSync(path.join(cwd, f), path.join(dir, f));
        fs.cpSync(path.join(cwd, 'seed'), path.join(dir, 'D'), { recursive: true });
        const args = c.args.map((a) => (a === 'FILE' ? c.name : a));
        const r = await run(dir, args, { P12_PASS: process.env.P12_PASS_VALUE!, ...c.env });
        const shown = path.basename(c.name);
        const problems = [
          r.code === 0 && 'exited 0',
          !r.text.includes(shown) && 'message does not name the file',
          !c.problem.test(r.text) && `message does not say ${c.problem}`,
          r.rssKb > MAX_RSS_KB && `peak RSS ${Math.round(r.rssKb / 1024)} MB`,
          r.ms > MAX_MS && `${r.ms} ms`,
          fs.existsSync(path.join(dir, 'signed.pdf')) && 'wrote a signed file',
        ].filter(Boolean);
        const archive = path.join(dir, 'D', 'archive.sqlite');
        if (fs.existsSync(archive)) {
          const db = openDatabase(archive);
          const stored = db.prepare("SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM blobs) + (SELECT count(*) FROM register) + (SELECT count(*) FROM units WHERE code NOT IN ('38','402'))").pluck().get() as number;
          db.close();
          if (stored) problems.push(`stored ${stored} rows`);
          const store = path.join(dir, 'D', 'files');
          const files = fs.existsSync(store) ? (fs.readdirSync(store, { recursive: true }) as string[]).filter((f) => /^[a-f0-9]{64}$/.test(path.basename(f))) : [];
          if (files.length) problems.push(`left ${files.length} stored files`);
        }
        if (problems.length) failures.push(`${args.join(' ')}: ${problems.join('; ')}\n    ${r.text.trim().split('\n').slice(0, 3).join('\n    ')}`);
      }
    };
    await Promise.all([lane(), lane()]);
    expect(failures).toEqual([]);
  }, 900_000);
});
