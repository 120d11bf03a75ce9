// One small HTTP client for CAs' services (TSA, OCSP, CRL): plain node:http(s) with
// "Connection: close", which the simplest responders (OpenSSL's own) expect, and a deadline.
import http from 'node:http';
import https from 'node:https';

export function httpRequest(url: string, opts: { method?: 'GET' | 'POST'; body?: Buffer; contentType?: string; timeoutMs?: number } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return reject(new Error(`giao thức ${u.protocol} không được hỗ trợ`));
    const req = (u.protocol === 'https:' ? https : http).request(
      u,
      {
        method: opts.method ?? 'GET',
        headers: { Connection: 'close', ...(opts.body ? { 'Content-Type': opts.contentType ?? 'application/octet-stream', 'Content-Length': opts.body.length } : {}) },
        timeout: opts.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode && res.statusCode < 300 ? resolve(Buffer.concat(chunks)) : reject(new Error(`HTTP ${res.statusCode}`))));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('hết thời gian chờ')));
    req.on('error', reject);
    req.end(opts.body);
  });
}
