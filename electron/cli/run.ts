// One CLI run: opens the archive, runs a command as the local operator, closes it; the exit code
// is 0 only when the command succeeded, 2 when it could not run at all.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { ImportSource } from '../../shared/contract';
import { homeUnitId } from '../accounts/users';
import { today } from '../coverage/dates';
import { Core } from '../core';
import { CoreError, toAppError } from '../errors';
import { unitIdAt } from '../units/units';
import { makeOut, type Out } from './output';
import { CliSession } from './session';

export type Global = { dataDir: string; json: boolean };
export type Work = (cli: CliSession, out: Out) => Promise<boolean>;
export type WithCore = (cmd: Command, work: Work) => Promise<void>;

export const withCore: WithCore = async (cmd, work) => {
  const g = cmd.optsWithGlobals<Global>();
  const out = makeOut(g.json);
  let core: Core | null = null;
  try {
    core = Core.open({ dataDir: g.dataDir, shell: 'cli', resumeJobs: false });
    process.exitCode = (await work(new CliSession(core), out)) ? 0 : 1;
  } catch (e) {
    out.error(toAppError(e).message);
    process.exitCode = 2;
  } finally {
    await core?.close();
  }
};

/** The unit with that code valid on `at` (codes were reused in 2025), else the newest with it. */
export function unitIdByCode(cli: CliSession, code: string, at = today()): number {
  const u = unitIdAt(cli.core.db, code, at, { orNewest: true });
  if (u === undefined) throw new CoreError('NOT_FOUND', { what: `đơn vị mã ${code}` });
  return u;
}

/** The unit named by --unit, else the home unit (null before setup). */
export function unitOrHome(cli: CliSession, code: string | undefined): number | null {
  return code ? unitIdByCode(cli, code) : homeUnitId(cli.core.db);
}

/** A file named on the command line, as a contract source; a missing one is reported as typed. */
export function fileSource(file: string): ImportSource & { path: string } {
  if (!fs.existsSync(file)) throw new CoreError('FILE_NOT_FOUND', { file });
  return { path: file };
}
