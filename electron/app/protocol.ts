// app://sohoa/ serves the renderer build and, under /archive/, the archived files the
// window's signed-in user may see. Nothing is read from outside those two places. The core's
// process decides what a client may have; this process only streams the file it names.
import fs from 'node:fs';
import type { Result } from '../../shared/result';
import { contentType, SECURITY_HEADERS } from '../security';
import { archiveCacheControl, attachment, parseArchivePath, parseExportPath, resolveStatic, versionMatches } from '../static-files';
import type { AssetRef, DownloadFile } from './core-protocol';
import { fileWebStream } from './file-stream';

/** The part of CoreProcess the protocol uses; clients are keyed by web contents id. */
export interface CoreFiles {
  asset(clientId: number, kind: string, assetId: number): Promise<Result<AssetRef | null>>;
  download(clientId: number, name: string, query: string): Promise<Result<DownloadFile | null>>;
}

const notFound = () => new Response('Not found', { status: 404 });
// the core's process is gone: say so rather than pretend the file does not exist
const unavailable = (r: { ok: false; error: { message: string } }) => new Response(r.error.message, { status: 503 });

export function makeAppProtocolHandler(core: CoreFiles, rendererDir: string, clientOfMainWindow: () => number | null) {
  const headers = (type: string) => ({ ...SECURITY_HEADERS, 'Content-Type': type });
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== 'sohoa' || request.method !== 'GET') return notFound();
    const exportName = parseExportPath(url.pathname);
    if (exportName) {
      const client = clientOfMainWindow();
      if (client === null) return notFound();
      const r = await core.download(client, exportName, url.searchParams.toString());
      if (!r.ok) return unavailable(r);
      if (!r.value) return notFound();
      const file = r.value;
      return new Response(new Uint8Array(file.bytes), { headers: { ...headers(file.mime), 'Content-Disposition': attachment(file.fileName) } });
    }
    const archived = parseArchivePath(url.pathname);
    if (archived) {
      const client = clientOfMainWindow();
      if (client === null) return notFound();
      const r = await core.asset(client, archived.kind, archived.id);
      if (!r.ok) return unavailable(r);
      const asset = r.value;
      if (!asset || !versionMatches(asset.sha256, archived.version)) return notFound();
      return new Response(fileWebStream(asset.path), {
        headers: { ...headers(asset.mime), 'Cache-Control': archiveCacheControl(archived.version) },
      });
    }
    const file = resolveStatic(rendererDir, url.pathname);
    if (!file) return notFound();
    return new Response(fs.readFileSync(file), { headers: headers(contentType(file)) });
  };
}
