import fs from 'node:fs';
import { CoreError } from './errors';

/** Reads a file the user named; a missing one is reported by the name they know it by. */
export function readOrFail(file: string, shown = file): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new CoreError('FILE_NOT_FOUND', { file: shown });
  }
}
