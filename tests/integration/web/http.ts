// Raw HTTP to the browser host, so tests can forge Host, Origin and Cookie headers the way an
// attacker's page or another program on the machine would.
import http from 'node:http';

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function requestTo(base: string, p: string, opts: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Reply> {
  const url = new URL(p, base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method: opts.method ?? 'GET', headers: { Host: url.host, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
