// `sohoa ocr FILES… --json`: files read, checked like an import, cleaned, recognised and
// tagged from the whole document; one entry per file, a bad file never stops the others.
// PDF pages that carry real text are read from it (each page says `read: 'text' | 'ocr'`).
import fs from 'node:fs';
import path from 'node:path';
import { readChecked, type FileRef } from '../capture/import-file';
import { inspectImage } from '../capture/inspect-image';
import { writeFileDurably } from '../archive/durable-write';
import { toAppError } from '../errors';
import { extractFields, fieldsJson } from './fields';
import { applySignatureEvidence, signatureEvidence } from './signature-evidence';
import { ocrFile, type PageOcr } from './pipeline';
import type { OcrPool } from './pool';
import { searchableMetadata } from './pdf-metadata';
import { inspectPdfInWorker, searchablePdfInWorker } from '../workers/page-work';

export interface OcrFileJson {
  file: string;
  pages: { index: number; text: string; confidence: number; dpi: number | null; rotation: number; skew: number; read: 'text' | 'ocr' }[];
  fields: ReturnType<typeof fieldsJson> | null;
  error: string | null;
}

export async function ocrFiles(refs: FileRef[], pool: OcrPool, opts: { pdfDir?: string; onPage?: (file: string, p: PageOcr) => void } = {}): Promise<{ files: OcrFileJson[] }> {
  const files: OcrFileJson[] = [];
  if (opts.pdfDir) fs.mkdirSync(opts.pdfDir, { recursive: true });
  for (const ref of refs) {
    try {
      const { bytes, kind } = readChecked(ref);
      if (kind === 'pdf') {
        await inspectPdfInWorker(bytes, ref.name); // encrypted, broken, no pages
      } else await inspectImage(bytes, kind, ref.name); // corrupt, image bomb
      const pages = await ocrFile(bytes, kind, ref.name, pool, { onPage: (p) => opts.onPage?.(ref.name, p) });
      const fields = applySignatureEvidence(extractFields(pages), kind === 'pdf' ? await signatureEvidence(bytes, ref.name) : null);
      if (opts.pdfDir) {
        const pdf = await searchablePdfInWorker(
          pages.map((p) => ({ source: p.source, geometry: p.geometry, dpi: p.pixelDpi, lines: p.lines })),
          searchableMetadata(fields, path.basename(ref.name)),
        );
        writeFileDurably(path.join(opts.pdfDir, `${path.basename(ref.name, path.extname(ref.name))}.pdf`), pdf);
      }
      files.push({
        file: ref.name,
        pages: pages.map((p) => ({ index: p.index, text: p.text, confidence: p.confidence, dpi: p.dpi, rotation: p.geometry.rotation, skew: p.geometry.skew, read: p.fromText ? ('text' as const) : ('ocr' as const) })),
        fields: fieldsJson(fields),
        error: null,
      });
    } catch (e) {
      files.push({ file: ref.name, pages: [], fields: null, error: toAppError(e).message });
    }
  }
  return { files };
}
