// The archive's keys in a backup are sealed with the administrator's passphrase. Whoever reads
// a backup finds no key in it: a forgery made from a backup's files alone (re-signed with any
// key the backup gives away, its keyed audit chain and checkpoints recomputed) is refused on
// restore; so is one made by someone holding the archive's signing key from elsewhere but not
// the passphrase, and a backup of the older format whose keys were in the clear. A wrong or
// missing passphrase is refused in Vietnamese before anything is written.
import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditRowHash, GENESIS_HASH } from '../../../electron/accounts/audit-chain';
import { canonical } from '../../../electron/archive/archive-keys';
import { listFiles } from '../../../electron/archive/file-copy';
import { manifestMac, sealKeys } from '../../../electron/archive/sealed-keys';
import { tempDir } from '../../helpers';
import { sampleArchive } from './sample-archive';

const PASS = 'Mật khẩu sao lưu: Như Xuân 2025';
const sohoa = (args: string[], pass: string | null = PASS) => {
  const env = { ...process.env, SOHOA_DATA_DIR: '', MK_SAO_LUU: pass ?? '' };
  const r = spawnSync(process.execPath, [path.resolve('bin/sohoa.js'), ...args, ...(pass === null ? [] : ['--passphrase-env', 'MK_SAO_LUU'])], { encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const readManifest = (b: string) => JSON.parse(fs.readFileSync(path.join(b, 'manifest.json'), 'utf8'));
const pemOf = (k: KeyObject) => createPublicKey(k).export({ type: 'spki', format: 'pem' }).toString();

let data: string;
let backup: string;
let fp: string;

beforeAll(async () => {
  const a = await sampleArchive();
  data = a.dataDir;
  await a.core.close();
  backup = path.join(tempDir(), 'sao-luu');
  const r = sohoa(['backup', '--out', backup, '--data-dir', data, '--json']);
  expect(r.code, r.err).toBe(0);
  fp = JSON.parse(r.out).keyFingerprint;
}, 120_000);

function copyOfBackup() {
  const b = path.join(tempDir(), 'b');
  fs.cpSync(backup, b, { recursive: true });
  return { b, target: path.join(tempDir(), 'kho') };
}

/** Every file hashed again, the edit applied, the manifest signed with `key`. */
function resignManifest(b: string, key: KeyObject, edit: (m: any) => void) {
  const m = readManifest(b);
  for (const f of m.files) {
    const bytes = fs.readFileSync(path.join(b, f.path));
    Object.assign(f, { size: bytes.length, sha256: sha(bytes) });
  }
  m.publicKey = pemOf(key);
  edit(m);
  const { signature: _s, ...body } = m;
  m.signature = sign(null, Buffer.from(canonical(body)), key).toString('base64');
  fs.writeFileSync(path.join(b, 'manifest.json'), JSON.stringify(m));
}

/** An admin account and a trigger; row 3's details erased and the chain recomputed with `hmac` (when the forger has it), checkpoints re-signed with `key`. */
function forgeDatabase(b: string, key: KeyObject, hmac: Buffer | undefined): { id: number; hash: string } {
  const db = new Database(path.join(b, 'archive.sqlite'));
  db.prepare("INSERT INTO users(username, full_name, role, unit_id, password_hash) SELECT 'ke-gian', 'Kẻ gian', 'admin', unit_id, password_hash FROM users LIMIT 1").run();
  db.exec("CREATE TRIGGER spy AFTER INSERT ON documents BEGIN UPDATE users SET role = 'admin'; END");
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_checkpoints_no_update');
  db.prepare("UPDATE audit_log SET details = '{}' WHERE id = 3").run();
  let prev = GENESIS_HASH;
  const hashes = new Map<number, string>();
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').all() as any[]) {
    const hash = auditRowHash({ ...r, prev_hash: prev }, hmac);
    db.prepare('UPDATE audit_log SET prev_hash = NULL WHERE id = ?').run(r.id);
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ?, format = ? WHERE id = ?').run(prev, hash, hmac ? 2 : 1, r.id);
    hashes.set(r.id, (prev = hash));
  }
  const resign = (c: any) => {
    const hash = hashes.get(c.rowId)!;
    return { ...c, hash, signature: sign(null, Buffer.from(canonical({ format: 'sohoa-audit-checkpoint/1', rowId: c.rowId, hash, at: c.at, reason: c.reason })), key).toString('base64') };
  };
  for (const c of db.prepare('SELECT id, row_id rowId, at, reason FROM audit_checkpoints').all() as any[]) {
    const s = resign(c);
    db.prepare('UPDATE audit_checkpoints SET hash = ?, signature = ? WHERE id = ?').run(s.hash, s.signature, c.id);
  }
  const file = path.join(b, 'keys/audit-checkpoint.json');
  if (fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify(resign(JSON.parse(fs.readFileSync(file, 'utf8')))));
  const head = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
  db.close();
  return head;
}

/** Everything someone who can read one backup, and nothing else, can do to make a forged one. */
function forgeFromBackupFiles(b: string) {
  // whatever key material the backup gives away; else a key of the forger's own
  const pem = path.join(b, 'keys/archive-ed25519.pem');
  const hmacFile = path.join(b, 'keys/audit-hmac.json');
  const key = fs.existsSync(pem) ? createPrivateKey(fs.readFileSync(pem)) : generateKeyPairSync('ed25519').privateKey;
  const hmac = fs.existsSync(hmacFile) ? Buffer.from(JSON.parse(fs.readFileSync(hmacFile, 'utf8')).key, 'hex') : undefined;
  const head = forgeDatabase(b, key, hmac);
  resignManifest(b, key, (m) => {
    m.counts.users += 1;
    m.auditHead = head.hash;
    m.auditCheckpoint = { rowId: head.id, hash: head.hash };
  });
}

describe('a backup gives no key away', () => {
  it('no file of the backup holds the signing key or the audit key', () => {
    const secrets = [
      createPrivateKey(fs.readFileSync(path.join(data, 'keys/archive-ed25519.pem'))).export({ type: 'pkcs8', format: 'der' }),
      Buffer.from(JSON.parse(fs.readFileSync(path.join(data, 'keys/audit-hmac.json'), 'utf8')).key, 'hex'),
    ];
    const forms = secrets.flatMap((s) => [s, Buffer.from(s.toString('hex')), Buffer.from(s.toString('base64'))]);
    for (const rel of listFiles(backup)) {
      const bytes = fs.readFileSync(path.join(backup, rel));
      for (const f of forms) expect(bytes.includes(f), rel).toBe(false);
    }
  });

  it('a forgery made from a backup’s files alone is refused, and nothing is written', () => {
    const { b, target } = copyOfBackup();
    forgeFromBackupFiles(b);
    for (const trust of [['--trust-key', fp], ['--trust-archive', data]]) {
      const r = sohoa(['restore', b, '--data-dir', target, ...trust]);
      expect(r.code, r.out).toBe(1);
      expect(r.err).toMatch(new RegExp(`không phải khóa được tin \\(${fp}\\)`));
      expect(fs.existsSync(target)).toBe(false);
    }
  });
});

describe('the passphrase proves the backup, even to someone who holds the archive key', () => {
  const archiveKey = () => createPrivateKey(fs.readFileSync(path.join(data, 'keys/archive-ed25519.pem')));

  it('the genuine sealed keys kept, the database forged and the manifest re-signed: refused, the manifest was not made with the passphrase', () => {
    const { b, target } = copyOfBackup();
    forgeDatabase(b, archiveKey(), undefined);
    resignManifest(b, archiveKey(), (m) => (m.counts.users += 1));
    const r = sohoa(['restore', b, '--data-dir', target, '--trust-key', fp]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/manifest\.json: manifest có chữ ký của kho nhưng không được lập bằng mật khẩu sao lưu này/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('the keys sealed again under the forger’s own passphrase: refused, the administrator’s does not open them', async () => {
    const { b, target } = copyOfBackup();
    const plain = new Map(fs.readdirSync(path.join(data, 'keys')).map((n) => [n, fs.readFileSync(path.join(data, 'keys', n))]));
    const sealed = await sealKeys(plain, 'mật khẩu của kẻ gian', fp);
    fs.writeFileSync(path.join(b, 'keys.sealed'), sealed.bytes);
    resignManifest(b, archiveKey(), (m) => {
      const { passphraseMac: _m, signature: _s, ...body } = m;
      m.passphraseMac = manifestMac(body, sealed.keys);
    });
    const r = sohoa(['restore', b, '--data-dir', target, '--trust-key', fp]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/keys\.sealed: mật khẩu sao lưu không mở được khóa của kho/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('a backup of format 2 (keys in the clear), signed with the archive key, is refused', () => {
    const { b, target } = copyOfBackup();
    resignManifest(b, archiveKey(), (m) => (m.formatVersion = 2));
    const r = sohoa(['restore', b, '--data-dir', target, '--trust-key', fp]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/định dạng cũ \(2\) chứa khóa của kho không mã hóa/);
  });
});

describe('asking for the passphrase', () => {
  it('a wrong or missing one is refused before anything is written; the same one typed decomposed restores the keys as they were', () => {
    const target = path.join(tempDir(), 'kho');
    const wrong = sohoa(['restore', backup, '--data-dir', target, '--trust-key', fp], 'mật khẩu đoán bừa thôi');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/sai mật khẩu/);
    const none = sohoa(['restore', backup, '--data-dir', target, '--trust-key', fp], null);
    expect(none.err).toMatch(/Cần mật khẩu sao lưu/);
    const unset = sohoa(['restore', backup, '--data-dir', target, '--trust-key', fp], '');
    expect(unset.err).toMatch(/biến môi trường MK_SAO_LUU \(--passphrase-env\) không có giá trị/);
    expect(fs.existsSync(target)).toBe(false);

    const ok = sohoa(['restore', backup, '--data-dir', target, '--trust-key', fp], PASS.normalize('NFD'));
    expect(ok.code, ok.err).toBe(0);
    for (const k of fs.readdirSync(path.join(data, 'keys'))) {
      expect(fs.readFileSync(path.join(target, 'keys', k)).equals(fs.readFileSync(path.join(data, 'keys', k))), k).toBe(true);
      expect(fs.statSync(path.join(target, 'keys', k)).mode & 0o777).toBe(0o600);
    }
    expect(sohoa(['audit', 'verify', '--data-dir', target], null).code).toBe(0);
  });

  it('a backup without a passphrase, or with a short one, is refused and creates nothing', () => {
    const out = path.join(tempDir(), 'sao-luu');
    const none = sohoa(['backup', '--out', out, '--data-dir', data], null);
    expect(none.code).not.toBe(0);
    expect(none.err).toMatch(/Cần mật khẩu sao lưu/);
    const short = sohoa(['backup', '--out', out, '--data-dir', data], 'ngắn quá');
    expect(short.err).toMatch(/ít nhất 12 ký tự/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
