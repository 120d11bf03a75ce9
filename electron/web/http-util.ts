// Small HTTP pieces of the browser host: cookies, bodies, the method named by a path.
import type http from 'node:http';

export function cookie(name: string, value: string): string {
  return `${name}=${value}; HttpOnly; SameSite=Strict; Path=/`;
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** The method named by /api/<name>; a malformed escape names no method (UNKNOWN_METHOD), not a server error. */
export function methodName(pathname: string): string {
  try {
    return decodeURIComponent(pathname.slice(5));
  } catch {
    return pathname.slice(5);
  }
}

export function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new Error('request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export const UNAUTHORIZED_PAGE = `<!doctype html><meta charset="utf-8"><title>Số hóa Desk</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>Cần mã truy cập</h1>
<p>Hãy mở đúng địa chỉ mà Số hóa Desk đã in ra khi khởi động (có chứa <code>?token=…</code>). Mỗi lần khởi động có một mã mới.</p>
<p lang="en">Open the exact address Số hóa Desk printed when it started; each launch has a new token.</p></body>`;
