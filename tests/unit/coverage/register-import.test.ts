import path from 'node:path';
import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { openDatabase } from '../../../electron/archive/db';
import { findHeaderRow, guessMapping, importRegister } from '../../../electron/coverage/register-import';
import { readTable } from '../../../electron/tables/read-table';
import { tempDir } from '../../helpers';

function db() {
  const d = openDatabase(path.join(tempDir(), 'r.sqlite'));
  const add = d.prepare('INSERT INTO units(code, name, level, parent_id) VALUES (?, ?, ?, ?)');
  add.run('38', 'Tỉnh Thanh Hóa', 'province', null);
  add.run('402', 'Huyện Như Xuân', 'district', 1);
  add.run('16222', 'Xã Thanh Sơn', 'commune', 2);
  return d;
}
async function run(d: ReturnType<typeof db>, name: string, bytes: Buffer, defaultUnitId: number | null = null) {
  const table = await readTable(name, bytes);
  const h = findHeaderRow(table);
  return importRegister(d, table, h, guessMapping(table[h]), { defaultUnitId, userId: null, fileName: name });
}
const VI = 'Mã hồ sơ,Mã TTHC,Tên TTHC,Mã đơn vị,Người được cấp,Số CCCD,Số kết quả,Ngày cấp,Hiệu lực đến,Ngày thu hồi';
const rows = [
  'H1,1.001234,Đổi giấy phép lái xe,38,Nguyễn Văn An,038090001234,GP-1,05/01/2021,,',
  'H2,1.001234,Đổi giấy phép lái xe,38,Lê Thị Bình,038090001235,GP-2,2021-02-10,10/02/2031,',
  'H3,2.000001,Cấp giấy khai sinh,16222,Trần Công,,KS-1,01/03/2021,,15/06/2021',
];
const csv = (lines: string[]) => Buffer.from([VI, ...lines].join('\r\n'));

describe('importRegister', () => {
  it('reads Vietnamese headers and dd/mm/yyyy dates, and stores each result once by dossier code', async () => {
    const d = db();
    expect(await run(d, 'so.csv', csv(rows))).toEqual({ created: 3, updated: 0, unchanged: 0, errors: [] });
    expect(d.prepare('SELECT dossier_code, unit_id, issued_on, valid_until, revoked_on, holder_id FROM register ORDER BY id').all()).toEqual([
      { dossier_code: 'H1', unit_id: 1, issued_on: '2021-01-05', valid_until: null, revoked_on: null, holder_id: '038090001234' },
      { dossier_code: 'H2', unit_id: 1, issued_on: '2021-02-10', valid_until: '2031-02-10', revoked_on: null, holder_id: '038090001235' },
      { dossier_code: 'H3', unit_id: 3, issued_on: '2021-03-01', valid_until: null, revoked_on: '2021-06-15', holder_id: null },
    ]);
    expect(d.prepare('SELECT name FROM procedures WHERE code = ?').pluck().get('1.001234')).toBe('Đổi giấy phép lái xe');
  });

  it('changes nothing on re-import and updates a changed row by its dossier code', async () => {
    const d = db();
    await run(d, 'so.csv', csv(rows));
    expect(await run(d, 'so.csv', csv(rows))).toEqual({ created: 0, updated: 0, unchanged: 3, errors: [] });
    const revoked = [`${rows[0]}20/06/2021`, rows[1], rows[2]];
    expect(await run(d, 'so.csv', csv(revoked))).toEqual({ created: 0, updated: 1, unchanged: 2, errors: [] });
    expect(d.prepare("SELECT revoked_on FROM register WHERE dossier_code = 'H1'").pluck().get()).toBe('2021-06-20');
    expect(d.prepare('SELECT count(*) FROM register').pluck().get()).toBe(3);
  });

  it('reports bad dates, unknown units and duplicate dossier codes by row, importing the rest', async () => {
    const d = db();
    const r = await run(
      d,
      'so.csv',
      csv([
        rows[0],
        'H4,2.000001,Khai sinh,16222,X,,KS,31/02/2021,,',
        'H5,2.000001,Khai sinh,99999,X,,KS,01/03/2021,,',
        rows[0],
        'H6,2.000001,Khai sinh,16222,X,,KS,,,',
        'H7,2.000001,Khai sinh,16222,X,,KS,01/03/2021,01/01/2020,',
        rows[2],
      ]),
    );
    expect(r.errors).toEqual([
      { row: 3, message: 'ngày cấp "31/02/2021" không phải ngày hợp lệ' },
      { row: 4, message: 'không có đơn vị mã 99999 trong danh mục' },
      { row: 5, message: 'trùng mã hồ sơ H1 với dòng 2' },
      { row: 6, message: 'thiếu ngày cấp' },
      { row: 7, message: 'hiệu lực đến trước ngày cấp' },
    ]);
    expect(r.created).toBe(2);
  });

  it('reads English headers, UTF-16 and Windows-1258 files, and XLSX', async () => {
    const en = 'Dossier code,Procedure code,Procedure name,Unit code,Holder name,Holder ID,Result number,Issued on,Valid until,Revoked on\nE1,1.001234,Driving licence,38,An,,GP,2021-01-05,,\n';
    expect((await run(db(), 'en.csv', Buffer.from(en))).created).toBe(1);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([VI, rows[0]].join('\r\n'), 'utf16le')]);
    expect((await run(db(), 'u16.csv', utf16)).created).toBe(1);
    // "Mã hồ sơ" etc. cannot be written in CP1258 by Node; the header row is ASCII-safe English, the data Vietnamese
    const cp1258 = Buffer.concat([Buffer.from('Dossier code,Unit code,Holder name,Issued on\nW1,38,'), Buffer.from([0x4e, 0x68, 0xfd]), Buffer.from(',05/01/2021\n')]);
    const d = db();
    expect((await run(d, 'w.csv', cp1258)).created).toBe(1);
    expect(d.prepare("SELECT holder_name FROM register WHERE dossier_code = 'W1'").pluck().get()).toBe('Như');
    const xlsx = await writeExcelFile([VI.split(','), ['X1', '1.001234', 'Đổi GPLX', '38', 'An', '', 'GP', { value: new Date(Date.UTC(2021, 0, 5)), format: 'dd/mm/yyyy' }, '', '']] as any).toBuffer();
    const dx = db();
    expect((await run(dx, 'so.xlsx', xlsx)).created).toBe(1);
    expect(dx.prepare("SELECT issued_on FROM register WHERE dossier_code = 'X1'").pluck().get()).toBe('2021-01-05');
  });

  it('uses the default unit for rows without a unit column', async () => {
    const d = db();
    const r = await run(d, 'x.csv', Buffer.from('Mã hồ sơ,Ngày cấp\nD1,01/02/2021\n'), 3);
    expect(r.created).toBe(1);
    expect(d.prepare('SELECT unit_id FROM register').pluck().get()).toBe(3);
    expect((await run(db(), 'x.csv', Buffer.from('Mã hồ sơ,Ngày cấp\nD1,01/02/2021\n'))).errors[0].message).toBe('thiếu mã đơn vị');
  });
  it('writes a file of many statements and chunks as one row at a time would: counts, errors by row, one outbox item per changed row, one audit entry', async () => {
    const d = db();
    d.prepare("INSERT INTO settings(key, value) VALUES ('hub.deskId', 'desk-1')").run();
    const line = (i: number, unit: string, until = '') => `M${i},2.000001,Cấp giấy khai sinh,${unit},Người ${i},,KS-${i},01/03/2021,${until},`;
    const units = (i: number) => (i % 3 ? '16222' : '402');
    const first = Array.from({ length: 2345 }, (_, i) => line(i, units(i)));
    expect(await run(d, 'a.csv', csv(first))).toEqual({ created: 2345, updated: 0, unchanged: 0, errors: [] });
    const outbox = () => d.prepare("SELECT count(*) FROM outbox WHERE kind = 'register'").pluck().get() as number;
    expect(outbox()).toBe(2345);
    // every 7th row changed, every 500th wrong, 1,000 new rows past the end
    const second = Array.from({ length: 3345 }, (_, i) => (i % 500 === 499 ? `M${i},,,16222,,,,32/01/2021,,` : line(i, units(i), i % 7 ? '' : '01/03/2031')));
    const changed = second.filter((_, i) => i < 2345 && i % 500 !== 499 && i % 7 === 0).length;
    const wrong = second.filter((_, i) => i % 500 === 499).length;
    const r = await run(d, 'b.csv', csv(second));
    expect(r).toEqual({ created: 1000 - second.slice(2345).filter((_, k) => (2345 + k) % 500 === 499).length, updated: changed, unchanged: 2345 - changed - second.slice(0, 2345).filter((_, i) => i % 500 === 499).length, errors: expect.any(Array) });
    expect(r.errors.length).toBe(wrong);
    expect(r.errors[0]).toEqual({ row: 501, message: 'ngày cấp "32/01/2021" không phải ngày hợp lệ' });
    expect(outbox()).toBe(2345 + r.created + changed);
    expect(d.prepare("SELECT count(*) FROM register WHERE valid_until = '2031-03-01' AND id <= 2345").pluck().get()).toBe(changed);
    expect(d.prepare("SELECT details FROM audit_log WHERE action = 'register.import' AND object_id = 'b.csv'").pluck().all().map((x) => JSON.parse(x as string))).toEqual([
      { created: r.created, updated: changed, errors: wrong },
    ]);
  });

  it('proposes the holder column from the usual headings of one-stop exports', () => {
    for (const h of ['Họ tên người nộp', 'Họ và tên người nộp', 'HỌ TÊN NGƯỜI NỘP', 'Người nộp', 'Họ tên người được cấp'])
      expect(guessMapping(['Mã hồ sơ', h, 'Ngày cấp']).holderName).toBe(1);
  });
});
