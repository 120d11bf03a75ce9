// Several processes appending audit rows to one archive at once never fork the chain.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/accounts/audit-chain';
import { openDatabase } from '../../../electron/archive/db';
import { tempDir } from '../../helpers';

function writer(file: string, name: string, count: number, writers: number): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/fixtures/audit-writer.ts'), file, name, String(count), String(writers)], { cwd: process.cwd() });
    let err = '';
    p.stderr.on('data', (c) => (err += c));
    p.on('close', (code) => resolve({ code, err }));
  });
}

describe('audit chain with concurrent writers', () => {
  it('three processes × 150 rows: every row kept, one unbroken chain', async () => {
    const file = path.join(tempDir(), 'archive.sqlite');
    openDatabase(file).close();
    // the children wait for one another (tsx compiles each, slowly on a busy machine), then write at once
    const results = await Promise.all(['a', 'b', 'c'].map((n) => writer(file, n, 150, 3)));
    for (const r of results) expect(r, r.err).toMatchObject({ code: 0 });
    const db = openDatabase(file);
    const st = verifyAuditChain(db);
    expect(st).toMatchObject({ ok: true, rows: 450, firstBroken: null });
    // the writers really did interleave (otherwise this test proves nothing about forks)
    const actions = db.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all() as string[];
    const switches = actions.filter((a, i) => i > 0 && a[0] !== actions[i - 1][0]).length;
    expect(switches).toBeGreaterThan(2);
    db.close();
  }, 60_000);
});
