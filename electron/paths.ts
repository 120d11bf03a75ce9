// Where bundled read-only assets live, from source (tsx, tests) and from the packaged app alike.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The project root: one level up from electron/ in source, or from dist-electron/ when bundled. */
export const APP_ROOT = [path.resolve(here, '..'), path.resolve(here, '..', '..')].find((p) =>
  fs.existsSync(path.join(p, 'assets')),
)!;

export const assetPath = (...parts: string[]) => path.join(APP_ROOT, 'assets', ...parts);
export const rendererDist = () => path.join(APP_ROOT, 'dist', 'renderer');
