// A job belongs to the shell and process that started it: the app resumes its own, never a
// CLI run's, and leaves alone a job whose process is still alive.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/archive/db';
import { JobRunner } from '../../../electron/jobs/jobs';
import { tempDir } from '../../helpers';

const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

function setUp() {
  const db = openDatabase(path.join(tempDir(), 'a.sqlite'));
  const ran: number[] = [];
  const runner = new JobRunner(db, 'web');
  runner.register('import', async (ctx, p: { items: number }, done) => {
    for (let i = done; i < p.items; i++) {
      ran.push(ctx.id);
      ctx.addOutcome({ file: `f${i}`, status: 'imported', documentId: null, pages: 1, code: null, message: null, warnings: [] });
    }
  });
  const left = (shell: string, pid: number) =>
    Number(db.prepare("INSERT INTO jobs(kind, state, payload, total, done, owner_shell, owner_pid) VALUES ('import', 'running', '{\"items\":3}', 3, 1, ?, ?)").run(shell, pid).lastInsertRowid);
  return { db, runner, ran, left };
}

describe('job ownership', () => {
  it('marks a dead CLI run\'s job interrupted instead of running it again', async () => {
    const { runner, ran, left } = setUp();
    const id = left('cli', deadPid());
    expect(runner.resumeUnfinished()).toEqual([]);
    await runner.idle();
    expect(ran).toEqual([]);
    const st = runner.get(id)!;
    expect(st.state).toBe('failed');
    expect(st.outcomes.at(-1)).toMatchObject({ status: 'error', code: 'JOB_INTERRUPTED' });
    expect(st.outcomes.at(-1)!.message).toMatch(/dòng lệnh/);
  });

  it("resumes the app's own job left by a run that closed, from where it stopped", async () => {
    const { runner, ran, left } = setUp();
    const id = left('electron', deadPid());
    expect(runner.resumeUnfinished()).toEqual([id]);
    await runner.idle();
    expect(ran).toEqual([id, id]);
    expect(runner.get(id)!.state).toBe('done');
  });

  it('leaves a job whose process is still running to that process', async () => {
    const { runner, ran, left, db } = setUp();
    const id = left('cli', process.ppid);
    expect(runner.resumeUnfinished()).toEqual([]);
    await runner.idle();
    expect(ran).toEqual([]);
    expect(db.prepare('SELECT state FROM jobs WHERE id = ?').pluck().get(id)).toBe('running');
  });

  it('records who runs a new job', () => {
    const { runner, db } = setUp();
    const id = runner.start('import', { items: 0 }, 0, null);
    expect(db.prepare('SELECT owner_shell s, owner_pid p FROM jobs WHERE id = ?').get(id)).toEqual({ s: 'web', p: process.pid });
  });
});
