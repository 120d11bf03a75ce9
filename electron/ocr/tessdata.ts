// Tesseract's trained data comes from the @tesseract.js-data npm packages, never from the
// network: the files are copied once into one folder of the data dir and given as langPath.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Languages shipped with the app: Vietnamese text, English words in it, and orientation detection. */
export const SHIPPED_LANGUAGES = ['vie', 'eng', 'osd'] as const;

/** The packaged .traineddata.gz of a language (the standard 4.0.0 models: LSTM + legacy). */
export function packagedTraineddata(lang: string): string {
  const dir = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  return path.join(dir, '4.0.0', `${lang}.traineddata.gz`);
}

/** Makes `<dir>` hold every shipped language (copy, fsync, rename) and returns it. */
export function ensureTessdata(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const lang of SHIPPED_LANGUAGES) {
    const src = packagedTraineddata(lang);
    const dest = path.join(dir, `${lang}.traineddata.gz`);
    const size = fs.statSync(src).size;
    if (fs.existsSync(dest) && fs.statSync(dest).size === size) continue;
    const tmp = `${dest}.${process.pid}.tmp`;
    fs.copyFileSync(src, tmp);
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, dest);
  }
  return dir;
}
