// What a backup proves, as an attacker would test it: a backup whose database gained an admin
// account and a trigger, its audit chain and manifest hashes recomputed, is refused before
// anything is written (signature), and so is one re-signed with another key (trust); a forger
// who has only a backup's files finds no key in it to sign or re-chain with, and one who holds
// the archive key from elsewhere still lacks the passphrase (backup-passphrase.test.ts); links,
// unlisted files and paths out of the folder are refused; the key's fingerprint must be
// confirmed on a new machine; modes are kept (0600 database and keys, 0700 folders) in the
// live archive, the backup and the restored archive; rows cut from the audit log's tail after
// a backup are caught by `sohoa audit verify` and `sohoa check`.
import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../../electron/accounts/audit';
import { canonical } from '../../../electron/archive/archive-keys';
import { macBody } from '../../../electron/archive/backup-manifest';
import { manifestMac, unsealKeys } from '../../../electron/archive/sealed-keys';
import { openDatabase } from '../../../electron/archive/db';
import { tempDir } from '../../helpers';
import { sampleArchive } from './sample-archive';

/** the administrator's backup passphrase, given to backup and restore through an environment variable */
const PASS = 'mật khẩu sao lưu của quản trị';
const sohoa = (args: string[]) => {
  const pass = ['backup', 'restore'].includes(args[0]) ? ['--passphrase-env', 'SOHOA_TEST_PASS'] : [];
  const r = spawnSync(process.execPath, [path.resolve('bin/sohoa.js'), ...args, ...pass], { encoding: 'utf8', env: { ...process.env, SOHOA_DATA_DIR: '', SOHOA_TEST_PASS: PASS } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const json = (r: { out: string }) => JSON.parse(r.out);
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const readManifest = (b: string) => JSON.parse(fs.readFileSync(path.join(b, 'manifest.json'), 'utf8'));

let data: string;
let backup: string;
let fp: string;

/** A copy of the backup to spoil, and a target beside it that must stay absent. */
async function spoilt(spoil: (b: string) => unknown) {
  const b = path.join(tempDir(), 'b');
  fs.cpSync(backup, b, { recursive: true });
  await spoil(b);
  return { b, target: path.join(tempDir(), 'kho') };
}

/**
 * Recomputes the manifest's hashes and counts for the files as they are now (what a forger
 * does); signs it with `key` if given, after recomputing its passphrase MAC when `pass` (the
 * administrator's passphrase: only the checks past it are then tested) is given.
 */
async function rewriteManifest(b: string, edit: (m: any) => void = () => {}, key?: { pem: string; publicPem: string }, pass?: string) {
  const m = readManifest(b);
  for (const f of m.files) {
    const bytes = fs.readFileSync(path.join(b, f.path));
    Object.assign(f, { size: bytes.length, sha256: sha(bytes) });
  }
  edit(m);
  if (key) {
    m.publicKey = key.publicPem;
    if (pass) m.passphraseMac = manifestMac(macBody(m), (await unsealKeys(fs.readFileSync(path.join(b, 'keys.sealed')), pass, fp)).keys);
    const { signature: _s, ...body } = m;
    m.signature = sign(null, Buffer.from(canonical(body)), createPrivateKey(key.pem)).toString('base64');
  }
  fs.writeFileSync(path.join(b, 'manifest.json'), JSON.stringify(m));
}

/** The forgery of the finding: an admin account and a trigger added, users counted, the audit chain recomputed with plain SHA-256. */
function forgeDatabase(b: string) {
  const db = new Database(path.join(b, 'archive.sqlite'));
  db.prepare("INSERT INTO users(username, full_name, role, unit_id, password_hash) SELECT 'ke-gian', 'Kẻ gian', 'admin', unit_id, password_hash FROM users LIMIT 1").run();
  db.exec("CREATE TRIGGER spy AFTER INSERT ON documents BEGIN UPDATE users SET role = 'admin'; END");
  db.exec('DROP TRIGGER audit_log_no_update');
  let prev = '0'.repeat(64);
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').all() as any[]) {
    const hash = sha(Buffer.from(JSON.stringify(['sohoa-audit/1', r.id, r.at, r.user_id, r.action, r.object_type, r.object_id, r.details, prev])));
    db.prepare('UPDATE audit_log SET prev_hash = NULL, hash = NULL, format = 1 WHERE id = ?').run(r.id);
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
    prev = hash;
  }
  db.close();
}

beforeAll(async () => {
  const a = await sampleArchive();
  data = a.dataDir;
  await a.core.close();
  backup = path.join(tempDir(), 'sao-luu');
  const r = sohoa(['backup', '--out', backup, '--data-dir', data, '--json']);
  expect(r.code, r.err).toBe(0);
  fp = json(r).keyFingerprint;
}, 120_000);

describe('a forged backup', () => {
  it('with an admin account and a trigger added, the audit chain and manifest hashes recomputed, is refused unwritten', async () => {
    const { b, target } = await spoilt((b) => {
      forgeDatabase(b);
      return rewriteManifest(b, (m) => (m.counts.users += 1));
    });
    const r = sohoa(['restore', b, '--data-dir', target, '--trust-key', fp]);
    expect(r.code, r.out).toBe(1);
    expect(r.err).toMatch(/manifest\.json: chữ ký của manifest không khớp nội dung/);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
  });

  it('re-signed with another key is refused: it is not the key the admin confirmed', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const key = { pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    const { b, target } = await spoilt((b) => {
      forgeDatabase(b);
      return rewriteManifest(b, (m) => (m.counts.users += 1), key);
    });
    const r = sohoa(['restore', b, '--data-dir', target, '--trust-key', fp]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`không phải khóa được tin \\(${fp}\\)`));
    expect(fs.existsSync(target)).toBe(false);
    // the same with the source archive as the trust: its key is not the forger's
    const again = sohoa(['restore', b, '--data-dir', target, '--trust-archive', data]);
    expect(again.err).toMatch(new RegExp(`không phải khóa được tin \\(${fp}\\)`));
  });

  it('an unsigned backup (the old format) is refused', async () => {
    const { b, target } = await spoilt((b) => {
      const m = readManifest(b);
      delete m.signature;
      fs.writeFileSync(path.join(b, 'manifest.json'), JSON.stringify({ ...m, formatVersion: 1 }));
    });
    const r = sohoa(['restore', b, '--data-dir', target, '--trust-key', fp]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/không có chữ ký của kho/);
  });
});

describe('restore decides trust before writing', () => {
  it('without a confirmed key, shows the fingerprint and writes nothing; with it, or with the source archive, restores', () => {
    const target = path.join(tempDir(), 'kho');
    const r = sohoa(['restore', backup, '--data-dir', target]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`--trust-key ${fp}`);
    expect(fs.existsSync(target)).toBe(false);
    const ok = sohoa(['restore', backup, '--data-dir', target, '--trust-archive', data, '--json']);
    expect(ok.code, ok.err).toBe(0);
    expect(json(ok).keyFingerprint).toBe(fp);
  });
});

describe('restore refuses what the manifest does not promise', () => {
  const blobOf = (b: string) => readManifest(b).files.find((f: any) => f.path.startsWith('files/')).path as string;
  const cases: [string, (b: string) => void, RegExp][] = [
    [
      'a blob replaced by a symbolic link to the same bytes elsewhere',
      (b) => {
        const blob = blobOf(b);
        const outside = path.join(tempDir(), 'ngoai');
        fs.copyFileSync(path.join(b, blob), outside);
        fs.rmSync(path.join(b, blob));
        fs.symlinkSync(outside, path.join(b, blob));
      },
      /là liên kết tượng trưng/,
    ],
    [
      'a blob folder replaced by a symbolic link',
      (b) => {
        const dir = path.dirname(path.join(b, blobOf(b)));
        const outside = path.join(tempDir(), 'thu-muc');
        fs.cpSync(dir, outside, { recursive: true });
        fs.rmSync(dir, { recursive: true });
        fs.symlinkSync(outside, dir);
      },
      /là liên kết tượng trưng/,
    ],
    [
      'a blob hard-linked to a file outside the backup',
      (b) => {
        const blob = path.join(b, blobOf(b));
        fs.linkSync(blob, path.join(tempDir(), 'lien-ket-cung'));
      },
      /liên kết cứng/,
    ],
    ['a file the manifest does not list', (b) => fs.writeFileSync(path.join(b, 'them.pem'), 'x'), /them\.pem: không có trong manifest/],
    [
      'keys/ in the clear beside the sealed keys',
      (b) => {
        fs.mkdirSync(path.join(b, 'keys'));
        fs.copyFileSync(path.join(data, 'keys/archive-ed25519.pem'), path.join(b, 'keys/archive-ed25519.pem'));
      },
      /keys: thư mục không có trong manifest/,
    ],
    ['a folder the manifest does not list', (b) => fs.mkdirSync(path.join(b, 'plugins')), /plugins: thư mục không có trong manifest/],
  ];
  for (const [name, spoil, message] of cases)
    it(`refuses ${name}`, async () => {
      const { b, target } = await spoilt(spoil);
      const r = sohoa(['restore', b, '--data-dir', target, '--trust-key', fp]);
      expect(r.code, r.out).toBe(1);
      expect(r.err).toMatch(message);
      expect(fs.existsSync(target)).toBe(false);
    });

  it('refuses `..` and absolute paths even in a manifest signed with the archive key', async () => {
    const pem = fs.readFileSync(path.join(data, 'keys/archive-ed25519.pem'), 'utf8');
    const publicPem = readManifest(backup).publicKey;
    for (const bad of ['../../etc/passwd', '/etc/passwd', 'keys/../archive.sqlite']) {
      const { b, target } = await spoilt((b) => rewriteManifest(b, (m) => m.files.push({ path: bad, size: 1, sha256: '0'.repeat(64) }), { pem, publicPem }, PASS));
      const r = sohoa(['restore', b, '--data-dir', target, '--trust-key', fp]);
      expect(r.err, bad).toMatch(/manifest của bản sao lưu không hợp lệ/);
      expect(fs.existsSync(target)).toBe(false);
    }
  });

  it('compares the audit head the manifest records with the database, even in a manifest signed with the archive key and the passphrase', async () => {
    const pem = fs.readFileSync(path.join(data, 'keys/archive-ed25519.pem'), 'utf8');
    const publicPem = readManifest(backup).publicKey;
    const { b, target } = await spoilt((b) => rewriteManifest(b, (m) => (m.auditCheckpoint.rowId += 5), { pem, publicPem }, PASS));
    const r = sohoa(['restore', b, '--data-dir', target, '--trust-key', fp]);
    expect(r.err).toMatch(/dòng nhật ký cuối của bản sao lưu là #\d+, manifest ghi #\d+/);
  });
});

describe('file modes', () => {
  it('0700 folders, 0600 database and keys: in the live archive, the backup and the restored archive', () => {
    // an archive from before these modes is put right when it is next opened
    fs.chmodSync(data, 0o755);
    fs.chmodSync(path.join(data, 'archive.sqlite'), 0o644);
    fs.chmodSync(path.join(data, 'keys/archive-ed25519.pem'), 0o644);
    expect(sohoa(['audit', 'verify', '--data-dir', data]).code).toBe(0);
    const target = path.join(tempDir(), 'kho-moi');
    expect(sohoa(['restore', backup, '--data-dir', target, '--trust-key', fp]).code).toBe(0);
    for (const dir of [data, backup, target]) {
      expect(mode(dir), dir).toBe(0o700);
      expect(mode(path.join(dir, 'archive.sqlite')), dir).toBe(0o600);
      // the backup holds the keys sealed only
      for (const k of dir === backup ? ['keys.sealed'] : ['keys/archive-ed25519.pem', 'keys/audit-hmac.json']) expect(mode(path.join(dir, k)), `${dir} ${k}`).toBe(0o600);
    }
    // SQLite makes -wal and -shm with the database's mode while it is open
    const db = openDatabase(path.join(target, 'archive.sqlite'));
    audit(db, null, 'test.modes');
    expect(mode(path.join(target, 'archive.sqlite-wal'))).toBe(0o600);
    expect(mode(path.join(target, 'archive.sqlite-shm'))).toBe(0o600);
    db.close();
  });
});

describe('the audit log after a backup', () => {
  it('rows cut from its tail, or a row edited and the chain recomputed, fail `audit verify` and `check`', () => {
    for (const spoil of ['cut', 'rechain'] as const) {
      const dir = path.join(tempDir(), spoil);
      fs.cpSync(data, dir, { recursive: true });
      const db = new Database(path.join(dir, 'archive.sqlite'));
      if (spoil === 'cut') {
        db.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_checkpoints_no_delete');
        // the rows since the backup and the last two it holds, and every checkpoint in the database
        const last = db.prepare('SELECT max(row_id) FROM audit_checkpoints').pluck().get() as number;
        db.prepare('DELETE FROM audit_log WHERE id >= ?').run(last - 1);
        db.exec('DELETE FROM audit_checkpoints');
      } else {
        db.exec('DROP TRIGGER audit_log_no_update');
        db.prepare("UPDATE audit_log SET details = '{}' WHERE id = 3").run();
        let prev = '0'.repeat(64);
        for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').all() as any[]) {
          const hash = sha(Buffer.from(JSON.stringify(['sohoa-audit/1', r.id, r.at, r.user_id, r.action, r.object_type, r.object_id, r.details, prev])));
          db.prepare('UPDATE audit_log SET prev_hash = NULL WHERE id = ?').run(r.id);
          db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ?, format = 1 WHERE id = ?').run(prev, hash, r.id);
          prev = hash;
        }
      }
      db.close();
      const v = sohoa(['audit', 'verify', '--data-dir', dir, '--json']);
      expect(v.code, spoil).toBe(1);
      // the recomputed rows are plain SHA-256 where the archive's key was due
      expect(json(v).firstBroken.reason, spoil).toBe(spoil === 'cut' ? 'truncated' : 'unkeyed');
      const c = sohoa(['check', '--data-dir', dir, '--json']);
      expect(c.code, spoil).toBe(1);
      expect(json(c).issues.map((x: any) => x.code), spoil).toContain('CHECK_AUDIT_BROKEN');
    }
  });
});
