// `sohoa attach` as an operator runs it, a child process on an archive where two communes each
// hold the same dossier code (codes are unique per unit): without --unit the link is refused as
// ambiguous and nothing is imported; with --unit the file goes to that unit and its entry.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/archive/db';
import { pdfScan } from '../../fixtures/scans';
import { tempDir } from '../../helpers';

const sohoa = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [path.resolve('bin/sohoa.js'), ...args], { cwd, env: { ...process.env, SOHOA_DATA_DIR: '' }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('sohoa attach', () => {
  it('asks whose entry a shared dossier code is, and links the one --unit names', async () => {
    const cwd = tempDir();
    const data = path.join(cwd, 'D');
    fs.mkdirSync(data);
    const db = openDatabase(path.join(data, 'archive.sqlite'));
    db.prepare("INSERT INTO units(code, name, level) VALUES ('402', 'Huyện Như Xuân', 'district')").run();
    db.prepare("INSERT INTO units(code, name, level, parent_id) VALUES ('16279', 'Xã Yên Cát', 'commune', 1)").run();
    db.prepare("INSERT INTO units(code, name, level, parent_id) VALUES ('16282', 'Xã Bãi Trành', 'commune', 1)").run();
    const entry = db.prepare("INSERT INTO register(dossier_code, unit_id, result_name, issued_on) VALUES ('HS-0001', ?, 'Giấy chứng nhận', '2024-03-01')");
    entry.run(2);
    const wanted = Number(entry.run(3).lastInsertRowid);
    db.close();
    fs.writeFileSync(path.join(cwd, 'scan.pdf'), Buffer.from(await pdfScan(1, 'attach')));

    const refused = sohoa(['attach', '--dossier', 'HS-0001', 'scan.pdf', '--data-dir', 'D', '--json'], cwd);
    expect(refused.code, refused.out + refused.err).not.toBe(0);
    expect(refused.out + refused.err).toMatch(/REGISTER_CODE_AMBIGUOUS|nhiều đơn vị/);

    const linked = sohoa(['attach', '--dossier', 'HS-0001', '--unit', '16282', 'scan.pdf', '--data-dir', 'D', '--json'], cwd);
    expect(linked.code, linked.out + linked.err).toBe(0);
    const check = openDatabase(path.join(data, 'archive.sqlite'));
    const docs = check.prepare('SELECT unit_id unitId, register_id registerId, status FROM documents').all();
    expect(docs).toEqual([{ unitId: 3, registerId: wanted, status: 'digitized' }]);
    check.close();
  });
});
