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
