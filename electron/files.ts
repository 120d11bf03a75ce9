import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from './errors';

/** Reads a file the user named; a missing one is reported by the name they know it by. */
export function readOrFail(file: string, shown = file): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new CoreError('FILE_NOT_FOUND', { file: shown });
  }
}

/** Whether `p` is `dir` itself or lies under it, symbolic links resolved where they exist. */
export function isInside(p: string, dir: string): boolean {
  const real = (x: string) => {
    try {
      return fs.realpathSync(x);
    } catch {
      return path.resolve(x);
    }
  };
  const rel = path.relative(real(dir), real(p));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Parses a JSON file the user named; a file that is no JSON is reported by its name. */
export function parseJsonFile(bytes: Buffer, file: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new CoreError('TABLE_UNREADABLE', { file: path.basename(file), detail: 'không phải JSON' });
  }
}
