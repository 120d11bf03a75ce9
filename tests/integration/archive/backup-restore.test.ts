// `sohoa backup` and `sohoa restore` as a user runs them (child processes on real archives):
// the restored archive has the same documents, files, signatures, register and figures;
// a partial, tampered or incomplete backup is refused naming the file, before anything is
// written; a non-empty target is refused; a re-run resumes.
import { spawn, spawnSync } from 'node:child_process';
import { createPrivateKey, randomBytes, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonical } from '../../../electron/archive/archive-keys';
import { macBody } from '../../../electron/archive/backup-manifest';
import { manifestMac, unsealKeys } from '../../../electron/archive/sealed-keys';
import { BlobStore, recordBlob } from '../../../electron/archive/blobs';
import { openDatabase } from '../../../electron/archive/db';
import { LATEST_VERSION } from '../../../electron/archive/migrations';
import { Core } from '../../../electron/core';
import { must, tempDir } from '../../helpers';
import { sampleArchive } from './sample-archive';

/** the administrator's backup passphrase, given to every backup and restore through an environment variable */
const PASS = 'mật khẩu sao lưu của quản trị';
const ENV = { ...process.env, SOHOA_DATA_DIR: '', SOHOA_TEST_PASS: PASS };
const withPass = (args: string[]) => (['backup', 'restore'].includes(args[0]) ? [...args, '--passphrase-env', 'SOHOA_TEST_PASS'] : args);
const sohoa = (args: string[]) => {
  const r = spawnSync(process.execPath, [path.resolve('bin/sohoa.js'), ...withPass(args)], { encoding: 'utf8', env: ENV });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const json = (r: { out: string }) => JSON.parse(r.out);
const copyDir = (from: string, to: string) => fs.cpSync(from, to, { recursive: true });
/** Signs an edited manifest again with the archive's key and the passphrase, as only their holder can: the checks past them still hold. */
const resign = async (b: string, m: any) => {
  m.passphraseMac = manifestMac(macBody(m), (await unsealKeys(fs.readFileSync(path.join(b, 'keys.sealed')), PASS, fp)).keys);
  const { signature: _s, ...body } = m;
  m.signature = sign(null, Buffer.from(canonical(body)), createPrivateKey(fs.readFileSync(path.join(data, 'keys/archive-ed25519.pem')))).toString('base64');
  fs.writeFileSync(path.join(b, 'manifest.json'), JSON.stringify(m));
};

let data: string;
let backup: string;
let ids: number[];
/** the archive key's fingerprint, as `sohoa backup` prints it: what an admin confirms to restore */
let fp: string;

beforeAll(async () => {
  const a = await sampleArchive();
  ids = a.ids;
  data = a.dataDir;
  await a.core.close();
  backup = path.join(tempDir(), 'sao-luu');
  const r = sohoa(['backup', '--out', backup, '--data-dir', data, '--json']);
  expect(r.code, r.err).toBe(0);
  expect(r.err).toMatch(/\[tệp \d+\/\d+/); // progress lines on stderr
  fp = json(r).keyFingerprint;
  expect(fp).toMatch(/^[0-9a-f]{32}$/);
}, 120_000);

describe('sohoa backup / restore', () => {
  it('writes a manifest with every file, its SHA-256, the counts and versions', () => {
    const m = JSON.parse(fs.readFileSync(path.join(backup, 'manifest.json'), 'utf8'));
    expect(m).toMatchObject({ format: 'sohoa-backup', formatVersion: 3, schemaVersion: LATEST_VERSION, app: expect.any(String) });
    expect(m.counts).toMatchObject({ documents: 3, signatures: 1, register: 2 });
    const paths = m.files.map((f: any) => f.path);
    expect(paths).toContain('archive.sqlite');
    // the keys only sealed under the passphrase, never in the clear
    expect(paths).toContain('keys.sealed');
    expect(paths.filter((p: string) => p.startsWith('keys/'))).toEqual([]);
    expect(paths.filter((p: string) => p.startsWith('files/'))).toHaveLength(m.counts.blobs);
    // every blob of the source archive is in the backup, byte for byte
    for (const f of m.files.filter((x: any) => x.path.startsWith('files/'))) expect(fs.readFileSync(path.join(data, f.path)).equals(fs.readFileSync(path.join(backup, f.path)))).toBe(true);
  });

  it('restores an archive with the same documents, files, register, figures and valid signature', async () => {
    const target = path.join(tempDir(), 'kho-moi');
    const r = sohoa(['restore', '--trust-key', fp, backup, '--data-dir', target, '--json']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(json(r)).toMatchObject({ dataDir: target, counts: { documents: 3, signatures: 1, register: 2 } });

    const list = (d: string) => json(sohoa(['list', '--data-dir', d, '--json'])).documents.map((x: any) => [x.id, x.title, x.pageCount, x.status, x.unitName]);
    expect(list(target)).toEqual(list(data));
    // today's figures: the linked scan counts from the day it was digitized
    const coverage = (d: string) => json(sohoa(['coverage', '--data-dir', d, '--json']));
    const before = coverage(data);
    expect(before.units.some((u: any) => u.digitized > 0)).toBe(true);
    expect(coverage(target)).toEqual(before);

    const src = Core.open({ dataDir: data, shell: 'cli', resumeJobs: false });
    const dst = Core.open({ dataDir: target, shell: 'cli', resumeJobs: false });
    try {
      const rows = (c: Core, sql: string) => c.db.prepare(sql).all();
      for (const sql of [
        'SELECT id, sha256, searchable_sha256, register_id, status, digitized_at FROM documents ORDER BY id',
        'SELECT id, document_id, idx, source_sha256, thumb_sha256, preview_sha256, ocr_text FROM pages ORDER BY id',
        'SELECT id, document_id, output_sha256, signer FROM signatures ORDER BY id',
        'SELECT * FROM register ORDER BY id',
        'SELECT * FROM targets ORDER BY year, level',
        'SELECT username, role, password_hash FROM users ORDER BY id',
        "SELECT id, hash FROM audit_log WHERE action NOT LIKE 'maintenance.%' ORDER BY id",
      ])
        expect(rows(dst, sql), sql).toEqual(rows(src, sql));
      expect(fs.readFileSync(path.join(target, 'keys/archive-ed25519.pem'), 'utf8')).toBe(fs.readFileSync(path.join(data, 'keys/archive-ed25519.pem'), 'utf8'));
      // the restore is on record in the restored archive, chained after the backed-up rows
      expect(dst.db.prepare('SELECT action FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get()).toBe('maintenance.restore');
      // the signed copy still verifies in the restored archive, and the admin can sign in there
      const admin = dst.newClient({ localFiles: true });
      await must(dst.call('auth.signIn', { username: 'admin', password: 'admin-pass-1' }, admin));
      const v = await must(dst.call('signing.verify', { documentId: ids[1] }, admin));
      expect(v.valid).toBe(true);
      expect(v.signatures[0]).toMatchObject({ intact: true, cryptoValid: true, trusted: true });
      expect(dst.db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      await src.close();
      await dst.close();
    }
    const check = sohoa(['check', '--data-dir', target, '--json']);
    expect(check.code, check.out).toBe(0);
    expect(json(check).issues).toEqual([]);
  }, 120_000);

  it('refuses a tampered file, naming it, and writes nothing', () => {
    const b = path.join(tempDir(), 'b');
    copyDir(backup, b);
    const m = JSON.parse(fs.readFileSync(path.join(b, 'manifest.json'), 'utf8'));
    const blob = m.files.find((f: any) => f.path.startsWith('files/')).path;
    const bytes = fs.readFileSync(path.join(b, blob));
    bytes[Math.floor(bytes.length / 2)] ^= 0xff; // same size, one byte changed
    fs.writeFileSync(path.join(b, blob), bytes);
    const target = path.join(tempDir(), 'kho');
    const r = sohoa(['restore', '--trust-key', fp, b, '--data-dir', target]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(blob);
    expect(r.err).toMatch(/không khớp mã SHA-256/);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
  });

  it('refuses a backup with a file deleted, one without a manifest, one whose manifest lost a file, and an edited database', async () => {
    const m = JSON.parse(fs.readFileSync(path.join(backup, 'manifest.json'), 'utf8'));
    const blob = m.files.find((f: any) => f.path.startsWith('files/')).path;
    const cases: [string, (b: string) => unknown, RegExp][] = [
      ['deleted', (b) => fs.rmSync(path.join(b, blob)), new RegExp(`${blob}: thiếu trong bản sao lưu`)],
      ['no manifest', (b) => fs.rmSync(path.join(b, 'manifest.json')), /không có manifest\.json/],
      [
        'manifest lost an entry',
        (b) => {
          const mm = JSON.parse(fs.readFileSync(path.join(b, 'manifest.json'), 'utf8'));
          mm.files = mm.files.filter((f: any) => f.path !== blob);
          fs.rmSync(path.join(b, blob));
          return resign(b, mm);
        },
        new RegExp(`${blob}: cơ sở dữ liệu của bản sao lưu cần tệp này`),
      ],
      [
        'database edited',
        (b) => fs.appendFileSync(path.join(b, 'archive.sqlite'), Buffer.alloc(4096)),
        /archive\.sqlite: nội dung không khớp/,
      ],
      [
        'path outside the backup',
        (b) => {
          const mm = JSON.parse(fs.readFileSync(path.join(b, 'manifest.json'), 'utf8'));
          mm.files.push({ path: '../../etc/passwd', size: 1, sha256: '0'.repeat(64) });
          return resign(b, mm);
        },
        /manifest của bản sao lưu không hợp lệ/,
      ],
    ];
    for (const [name, spoil, message] of cases) {
      const b = path.join(tempDir(), 'b');
      copyDir(backup, b);
      await spoil(b);
      const target = path.join(tempDir(), 'kho');
      const r = sohoa(['restore', '--trust-key', fp, b, '--data-dir', target]);
      expect(r.code, name).toBe(1);
      expect(r.err, name).toMatch(message);
      expect(fs.existsSync(target), name).toBe(false);
    }
  });

  it('refuses a non-empty target and leaves it as it was', () => {
    const target = tempDir();
    fs.writeFileSync(path.join(target, 'ghi-chu.txt'), 'của tôi');
    const r = sohoa(['restore', '--trust-key', fp, backup, '--data-dir', target]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/thư mục đích đã có dữ liệu/);
    expect(fs.readdirSync(target)).toEqual(['ghi-chu.txt']);
  });

  it('resumes an unfinished backup: files already there and intact are kept, the rest copied', () => {
    const b = path.join(tempDir(), 'b');
    copyDir(backup, b);
    const m = JSON.parse(fs.readFileSync(path.join(b, 'manifest.json'), 'utf8'));
    const blobs = m.files.filter((f: any) => f.path.startsWith('files/'));
    // as a run stopped half-way leaves it: no manifest, some files missing, one cut short
    fs.rmSync(path.join(b, 'manifest.json'));
    fs.rmSync(path.join(b, blobs[0].path));
    fs.rmSync(path.join(b, blobs[1].path));
    fs.truncateSync(path.join(b, blobs[2].path), 10);
    const partial = sohoa(['restore', '--trust-key', fp, b, '--data-dir', path.join(tempDir(), 'x')]);
    expect(partial.code).toBe(1);
    const r = sohoa(['backup', '--out', b, '--data-dir', data, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(json(r)).toMatchObject({ complete: true, copied: 3, skipped: blobs.length - 3 });
    expect(sohoa(['restore', '--trust-key', fp, b, '--data-dir', path.join(tempDir(), 'y')]).code).toBe(0);
  });

  it('a refresh of a finished backup that fails leaves the old backup whole and restorable', () => {
    const b = path.join(tempDir(), 'b');
    copyDir(backup, b);
    const src = path.join(tempDir(), 'kho');
    copyDir(data, src);
    const m = JSON.parse(fs.readFileSync(path.join(b, 'manifest.json'), 'utf8'));
    // since the last backup the archive recorded a file that is not on its disk
    const lost = 'e'.repeat(64);
    const blob = `files/ee/ee/${lost}`;
    const db = openDatabase(path.join(src, 'archive.sqlite'));
    recordBlob(db, lost, 10, 'image/jpeg');
    db.close();
    const r = sohoa(['backup', '--out', b, '--data-dir', src]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(`${blob}: tệp của kho bị thiếu`);
    expect(fs.readFileSync(path.join(b, 'manifest.json'), 'utf8')).toBe(JSON.stringify(m, null, 1) + '\n');
    const restored = sohoa(['restore', '--trust-key', fp, b, '--data-dir', path.join(tempDir(), 'kho-cu'), '--json']);
    expect(restored.code, restored.err).toBe(0);
  });

  it('refuses to back up into a folder that holds other files, or inside the archive', () => {
    const other = tempDir();
    fs.writeFileSync(path.join(other, 'luong.xlsx'), 'x');
    const r = sohoa(['backup', '--out', other, '--data-dir', data]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/không trống và không phải một bản sao lưu/);
    expect(fs.readdirSync(other)).toEqual(['luong.xlsx']);
    const inside = sohoa(['backup', '--out', path.join(data, 'sao-luu'), '--data-dir', data]);
    expect(inside.code).not.toBe(0);
    expect(inside.err).toMatch(/bên trong thư mục kho/);
  });
});

describe('sohoa backup killed half-way', () => {
  it('leaves no manifest (restore refuses it); the next run resumes and the backup restores', async () => {
    const big = path.join(tempDir(), 'kho');
    fs.cpSync(data, big, { recursive: true });
    const db = openDatabase(path.join(big, 'archive.sqlite'));
    const blobs = new BlobStore(big);
    db.transaction(() => {
      for (let i = 0; i < 400; i++) {
        const b = randomBytes(60_000);
        recordBlob(db, blobs.put(b).sha256, b.length, 'image/jpeg');
      }
    })();
    db.close();
    const out = path.join(tempDir(), 'b');
    // SIGKILL once it has copied a hundred files
    await new Promise<void>((resolve) => {
      const p = spawn(process.execPath, [path.resolve('bin/sohoa.js'), ...withPass(['backup', '--out', out, '--data-dir', big])], { env: ENV });
      let err = '';
      p.stderr.on('data', (c) => {
        err += c;
        const m = [...err.matchAll(/\[tệp (\d+)\//g)].at(-1);
        if (m && Number(m[1]) >= 100) p.kill('SIGKILL');
      });
      p.on('close', () => resolve());
    });
    expect(fs.existsSync(path.join(out, 'manifest.json'))).toBe(false);
    const refused = sohoa(['restore', '--trust-key', fp, out, '--data-dir', path.join(tempDir(), 'x')]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/không có manifest\.json/);

    const again = sohoa(['backup', '--out', out, '--data-dir', big, '--json']);
    expect(again.code, again.err).toBe(0);
    const r = json(again);
    expect(r.complete).toBe(true);
    expect(r.skipped).toBeGreaterThanOrEqual(90); // what the killed run had copied is kept
    expect(r.copied + r.skipped).toBe(r.counts.blobs);
    const target = path.join(tempDir(), 'kho-moi');
    const restored = sohoa(['restore', '--trust-key', fp, out, '--data-dir', target, '--json']);
    expect(restored.code, restored.err).toBe(0);
    expect(json(restored).counts.blobs).toBe(r.counts.blobs);
    expect(fs.existsSync(path.join(out, 'tmp'))).toBe(false); // the killed run's temporary files are cleared
  }, 180_000);
});
