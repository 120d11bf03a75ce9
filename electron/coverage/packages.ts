// Reporting up without a network: a unit writes its figures into a package signed with
// the archive's own Ed25519 key; the parent verifies it and its views use the child's
// figures, marked with the package date. The first package from a unit pins its key.
import { createPublicKey, sign, verify } from 'node:crypto';
import path from 'node:path';
import { audit } from '../accounts/audit';
import { unitSubtree } from '../accounts/scope';
import { archiveKey, canonical, fingerprint } from '../archive/archive-keys';
// the archive key moved to archive/ (backups sign with it too); still reachable from here
export { archiveKey, canonical, fingerprint };
import type { Db } from '../archive/db';
import { CoreError } from '../errors';
import { consolidated } from './report';
import type { PackagePayload } from './received-packages';
import { getUnit, unitIdAt } from '../units/units';

export const PACKAGE_FORMAT = 'sohoa-coverage-package/1';

export interface CoveragePackage {
  format: string;
  payload: PackagePayload;
  publicKey: string;
  signature: string;
}

export function signPackage(dataDir: string, payload: PackagePayload): CoveragePackage {
  const { privateKey, publicKeyPem } = archiveKey(dataDir);
  return { format: PACKAGE_FORMAT, payload, publicKey: publicKeyPem, signature: sign(null, Buffer.from(canonical(payload)), privateKey).toString('base64') };
}

const reject = (file: string, reason: string) => new CoreError('PACKAGE_REJECTED', { file, reason });

/** The unit's own figures and those of every unit below it, at a date, signed with the archive key. */
export function buildPackage(db: Db, dataDir: string, at: string, unitId: number, userId: number | null): CoveragePackage {
  const { byId, inScope, own, procedureCells } = consolidated(db, at, unitId);
  const unit = byId.get(unitId);
  if (!unit) throw new CoreError('NOT_FOUND', { what: `đơn vị #${unitId} còn hiệu lực vào ngày ${at}` });
  const procedureNames = Object.fromEntries((db.prepare('SELECT code, name FROM procedures').all() as { code: string; name: string }[]).map((p) => [p.code, p.name]));
  const payload: PackagePayload = {
    unit: { code: unit.code, name: unit.name, level: unit.level },
    at,
    createdAt: new Date().toISOString(),
    units: inScope.map((id) => {
      const u = byId.get(id)!;
      const procedures = Object.fromEntries([...procedureCells.get(id)!].map(([code, f]) => [code, [f.valid, f.digitized] as [number, number]]));
      return { code: u.code, name: u.name, level: u.level, ...own.get(id)!, procedures };
    }),
    procedureNames,
  };
  audit(db, userId, 'coverage.exportPackage', { type: 'unit', id: unitId }, { at });
  return signPackage(dataDir, payload);
}

/** Verifies a package for the importing unit and stores it; throws PACKAGE_REJECTED with the reason. */
export function importPackage(db: Db, bytes: Buffer, opts: { fileName: string; ownUnitId: number; userId: number | null }) {
  const file = path.basename(opts.fileName);
  let pkg: CoveragePackage;
  try {
    pkg = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw reject(file, 'không phải tệp JSON');
  }
  if (pkg?.format !== PACKAGE_FORMAT || !pkg.payload || typeof pkg.signature !== 'string' || typeof pkg.publicKey !== 'string')
    throw reject(file, 'không phải gói số liệu của Số hóa Desk');
  let fp: string;
  let good: boolean;
  try {
    fp = fingerprint(pkg.publicKey);
    good = verify(null, Buffer.from(canonical(pkg.payload)), createPublicKey(pkg.publicKey), Buffer.from(pkg.signature, 'base64'));
  } catch {
    throw reject(file, 'khóa hoặc chữ ký hỏng');
  }
  if (!good) throw reject(file, 'chữ ký không khớp nội dung: gói đã bị sửa sau khi ký');
  const p = pkg.payload;
  const unitId = unitIdAt(db, p.unit.code, p.at);
  const unit = unitId === undefined ? undefined : getUnit(db, unitId);
  if (!unit) throw reject(file, `đơn vị mã ${p.unit.code} không có trong danh mục`);
  if (unit.id === opts.ownUnitId || !unitSubtree(db, opts.ownUnitId).includes(unit.id))
    throw reject(file, `${unit.name} không phải đơn vị trực thuộc đơn vị nhận`);
  const pinned = db.prepare('SELECT fingerprint FROM package_keys WHERE unit_id = ?').pluck().get(unit.id) as string | undefined;
  if (pinned && pinned !== fp) throw reject(file, `khóa ký khác với khóa đã ghi nhận cho ${unit.name} (${pinned.slice(0, 8)}…): gói không do đơn vị này lập`);
  db.transaction(() => {
    if (!pinned) db.prepare('INSERT INTO package_keys(unit_id, public_key, fingerprint) VALUES (?, ?, ?)').run(unit.id, pkg.publicKey, fp);
    db.prepare(
      `INSERT INTO coverage_packages(unit_id, at, created_at, key_fingerprint, payload) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(unit_id, at) DO UPDATE SET created_at = excluded.created_at, payload = excluded.payload, imported_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
    ).run(unit.id, p.at, p.createdAt, fp, JSON.stringify(p));
    // a child's names fill gaps only: the procedures this archive already names keep their names
    for (const [code, name] of Object.entries(p.procedureNames ?? {}))
      db.prepare("INSERT INTO procedures(code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name WHERE procedures.name = ''").run(code, name);
    audit(db, opts.userId, 'coverage.importPackage', { type: 'unit', id: unit.id }, { at: p.at, file, fingerprint: fp });
  })();
  return { unitCode: p.unit.code, unitName: unit.name, at: p.at, createdAt: p.createdAt, units: p.units.length };
}
