import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, LATEST_VERSION, migrate, migrations } from '../../../electron/archive/migrations';

const schema = (db: Database.Database) => (db.prepare('SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name').pluck().all() as string[]).join(';');
const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('are numbered 1, 2, 3… without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  for (const m of migrations) {
    it(`v${m.version} (${m.name}) applies on top of the previous ones and sets user_version`, () => {
      const db = new Database(':memory:');
      db.pragma('foreign_keys = ON');
      migrate(db, migrations.slice(0, m.version - 1));
      const before = schema(db);
      migrate(db, migrations.slice(0, m.version));
      expect(db.pragma('user_version', { simple: true })).toBe(m.version);
      expect(schema(db)).not.toBe(before);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    });
  }

  it('v7 gives pages imported before it their source file and page, and lets split documents share a file', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 6));
    db.exec(`INSERT INTO blobs(sha256, size, mime) VALUES ('aa', 1, 'image/tiff'), ('th', 1, 'image/jpeg');
      INSERT INTO documents(id, title, title_fold, source_name, kind, sha256, page_count) VALUES (1, 't', 't', 's.tif', 'image', 'aa', 2);
      INSERT INTO pages(document_id, idx, width, height, colour, thumb_sha256) VALUES (1, 1, 10, 10, 1, 'th'), (1, 2, 10, 10, 1, 'th');`);
    migrate(db);
    expect(db.prepare('SELECT source_sha256 s, source_page p, ocr_state o FROM pages ORDER BY idx').all()).toEqual([
      { s: 'aa', p: 1, o: 'none' },
      { s: 'aa', p: 2, o: 'none' },
    ]);
    expect(() => db.exec(`INSERT INTO documents(title, title_fold, source_name, kind, sha256, page_count) VALUES ('t2', 't2', 's.tif', 'image', 'aa', 0)`)).not.toThrow();
  });

  it('v17 makes dossier codes unique per unit, keeping the rows, their ids, indexes and triggers, and queueing nothing', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 16));
    db.exec(`INSERT INTO units(id, code, name, level) VALUES (1, '38', 'Tỉnh', 'province'), (2, '16222', 'Xã A', 'commune'), (3, '16219', 'Xã B', 'commune');
      INSERT INTO procedures(code, name) VALUES ('1.001', 'Thủ tục');
      INSERT INTO settings(key, value) VALUES ('hub.deskId', 'd');
      INSERT INTO register(id, dossier_code, procedure_code, unit_id, holder_name, issued_on, holder_unit_id, digitized_on) VALUES
        (7, 'HS-1', '1.001', 2, 'Nguyễn Văn A', '2025-01-02', 3, '2025-02-01'), (9, 'HS-2', NULL, 3, NULL, '2025-01-03', NULL, NULL);
      INSERT INTO blobs(sha256, size, mime) VALUES ('aa', 1, 'image/jpeg');
      INSERT INTO documents(id, unit_id, title, title_fold, source_name, kind, sha256, page_count, register_id) VALUES (5, 2, 't', 't', 's.jpg', 'image', 'aa', 1, 7);`);
    const rows = () => db.prepare('SELECT * FROM register ORDER BY id').all();
    const kept = () => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'register' AND type IN ('index', 'trigger') ORDER BY name").all();
    const [before, objects, outbox, counted] = [rows(), kept(), db.prepare('SELECT max(seq) FROM outbox').pluck().get(), db.prepare('SELECT n FROM change_counters').all()];
    migrate(db);
    expect(rows()).toEqual(before);
    expect(kept()).toEqual(objects);
    expect(db.prepare('SELECT max(seq) FROM outbox').pluck().get()).toBe(outbox);
    expect(db.prepare('SELECT n FROM change_counters').all()).toEqual(counted);
    expect(db.prepare('SELECT r.dossier_code FROM documents d JOIN register r ON r.id = d.register_id').pluck().all()).toEqual(['HS-1']);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // another unit may hold the same code; one unit may not hold it twice
    db.exec("INSERT INTO register(dossier_code, unit_id, issued_on) VALUES ('HS-1', 3, '2025-03-01')");
    expect(() => db.exec("INSERT INTO register(dossier_code, unit_id, issued_on) VALUES ('HS-1', 2, '2025-03-01')")).toThrow(/UNIQUE/);
    // the triggers fire as before: the new entry is queued under its own unit, an update is logged
    expect(db.prepare('SELECT kind, key, unit_id FROM outbox WHERE seq > ?').all(outbox ?? 0)).toEqual([{ kind: 'register', key: 'HS-1', unit_id: 3 }]);
    db.exec("UPDATE register SET holder_name = 'Khác' WHERE id = 7");
    expect(db.prepare('SELECT register_id FROM register_changes ORDER BY seq DESC LIMIT 1').pluck().get()).toBe(7);
  });

  it('creates the schema the product needs', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['units', 'unit_successors', 'procedures', 'register', 'documents', 'pages', 'fields', 'signatures', 'jobs', 'users', 'audit_log', 'targets', 'blobs', 'settings', 'coverage_packages', 'trust_anchors']),
    );
    expect(db.prepare('SELECT level, rate FROM targets WHERE year = 2021 ORDER BY rate DESC').all()).toEqual([
      { level: 'province', rate: 0.3 },
      { level: 'district', rate: 0.2 },
      { level: 'commune', rate: 0.15 },
    ]);
  });

  it('is idempotent', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(migrate(db)).toBe(LATEST_VERSION);
  });

  it('refuses a database written by a newer app', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(DatabaseTooNewError);
  });

  it('rolls back a migration that fails halfway', () => {
    const db = new Database(':memory:');
    const broken = [
      ...migrations.slice(0, 1),
      {
        version: 2,
        name: 'broken',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE half (x)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).not.toContain('half');
  });
});
