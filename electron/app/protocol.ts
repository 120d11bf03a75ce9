// app://sohoa/ serves the renderer build and, under /archive/, the archived files the
// window's signed-in user may see. Nothing is read from outside those two places.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Client, Core } from '../core';
import { contentType, SECURITY_HEADERS } from '../security';
import { archiveCacheControl, attachment, parseArchivePath, parseExportPath, resolveStatic, versionMatches } from '../static-files';

export function makeAppProtocolHandler(core: Core, rendererDir: string, clientOfMainWindow: () => Client | null) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== 'sohoa' || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const headers = (type: string) => ({ ...SECURITY_HEADERS, 'Content-Type': type });
    const exportName = parseExportPath(url.pathname);
    if (exportName) {
      const client = clientOfMainWindow();
      const file = client && (await core.download(exportName, url.searchParams, client));
      if (!file) return new Response('Not found', { status: 404 });
      return new Response(new Uint8Array(file.bytes), { headers: { ...headers(file.mime), 'Content-Disposition': attachment(file.fileName) } });
    }
    const archived = parseArchivePath(url.pathname);
    if (archived) {
      const client = clientOfMainWindow();
      const asset = client && core.asset(archived.kind, archived.id, client);
      if (!asset || !versionMatches(asset.sha256, archived.version)) return new Response('Not found', { status: 404 });
      return new Response(Readable.toWeb(fs.createReadStream(asset.path)) as ReadableStream, {
        headers: { ...headers(asset.mime), 'Cache-Control': archiveCacheControl(archived.version) },
      });
    }
    const file = resolveStatic(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(fs.readFileSync(file), { headers: headers(contentType(file)) });
  };
}
