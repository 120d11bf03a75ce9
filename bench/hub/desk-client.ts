// A lean desk for the bench: an Ed25519 key, signed HTTPS requests on a keep-alive agent (the
// real desk opens a pinned connection per request; here 200 desks share sockets so the bench
// measures the hub, not TLS handshakes), and the desk's outbox as a pure function of its number:
// `rows` register items and `docs` documents, interleaved, each document with a small PDF.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import https from 'node:https';
import { HUB_HEADERS, signingString, type OutboxItem } from '../../shared/hub-protocol';
import { genRow, type BenchUnit } from './province';

export const agent = new https.Agent({ keepAlive: true, maxSockets: 400, rejectUnauthorized: false });

export interface Reply {
  status: number;
  body: any;
}

export function call(url: string, method: string, path: string, body: Buffer | null, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(path, url), { method, agent, headers: { ...(body ? { 'Content-Length': String(body.length) } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          /* not JSON: a proxy page or a cut answer; the status tells */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
      res.on('error', reject);
    });
    req.setTimeout(180_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

const ref = (u: BenchUnit) => ({ code: u.code, validFrom: u.validFrom });

/** A small valid PDF, different for every (desk, document). */
export function pdfBytes(desk: number, doc: number): Buffer {
  const text = `(So hoa desk ${desk} document ${doc}) Tj`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length + 24} >>\nstream\nBT /F1 12 Tf 72 760 Td ${text}\nET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export class BenchDesk {
  readonly key: KeyObject;
  readonly publicKeyPem: string;
  deskId = '';
  readonly total: number;
  private readonly stride: number;
  private readonly blobs = new Map<string, number>();

  constructor(
    readonly hubUrl: () => string,
    readonly n: number,
    readonly unit: BenchUnit,
    readonly units: BenchUnit[],
    readonly rows: number,
    readonly docs: number,
    readonly holders: number,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    this.key = privateKey;
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.total = rows + docs;
    this.stride = docs ? Math.floor(this.total / docs) : Infinity;
  }

  async enrol(code: string): Promise<void> {
    const body = Buffer.from(JSON.stringify({ code, unit: ref(this.unit), publicKey: this.publicKeyPem, deskName: `Máy bench ${this.n}` }));
    const r = await call(this.hubUrl(), 'POST', '/api/desk/enrol', body, { 'Content-Type': 'application/json' });
    if (!r.body?.ok) throw new Error(`enrol desk ${this.n}: ${r.status} ${JSON.stringify(r.body)}`);
    this.deskId = r.body.value.deskId;
  }

  send(method: string, path: string, payload: unknown | Buffer | null, extra: Record<string, string> = {}): Promise<Reply> {
    const body = payload === null ? Buffer.alloc(0) : Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload));
    const time = new Date().toISOString();
    const nonce = randomBytes(16).toString('hex');
    const digest = createHash('sha256').update(body).digest('hex');
    const signature = sign(null, Buffer.from(signingString(method, path, time, nonce, digest)), this.key).toString('base64');
    return call(this.hubUrl(), method, path, body, {
      'Content-Type': Buffer.isBuffer(payload) ? 'application/octet-stream' : 'application/json',
      [HUB_HEADERS.desk]: this.deskId,
      [HUB_HEADERS.time]: time,
      [HUB_HEADERS.nonce]: nonce,
      [HUB_HEADERS.signature]: signature,
      ...extra,
    });
  }

  /** Documents among items 1..seq (document j sits at seq j·stride). */
  docsUpTo(seq: number): number {
    return Math.min(this.docs, Math.floor(seq / this.stride));
  }

  registerUpTo(seq: number): number {
    return seq - this.docsUpTo(seq);
  }

  item(seq: number): OutboxItem {
    if (seq % this.stride === 0 && seq / this.stride <= this.docs) return this.document(seq, seq / this.stride - 1);
    const r = genRow(this.units, [], this.registerUpTo(seq) - 1 + this.n * 1_000_000, `D${String(this.n).padStart(3, '0')}-`, this.holders, this.unit);
    return {
      seq,
      kind: 'register',
      data: {
        dossierCode: r.dossierCode,
        unit: ref(this.unit),
        procedureCode: r.procedureCode,
        procedureName: `Thủ tục ${r.procedureCode}`,
        holderName: r.holderName,
        holderId: r.holderId,
        holderUnit: null,
        resultName: r.resultName,
        resultNumber: r.resultNumber,
        issuedOn: r.issuedOn,
        validUntil: r.validUntil,
        revokedOn: r.revokedOn,
        digitizedOn: r.digitizedOn,
      },
    };
  }

  private document(seq: number, j: number): OutboxItem {
    const pdf = pdfBytes(this.n, j);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    this.blobs.set(sha256, j);
    const row = this.item(seq - 1);
    const dossierCode = row.kind === 'register' ? row.data.dossierCode : null;
    return {
      seq,
      kind: 'document',
      data: { localId: j + 1, unit: ref(this.unit), dossierCode, title: `Văn bản ${j + 1} của máy ${this.n}`, status: 'signed', pageCount: 1, digitizedAt: null, fields: {}, signed: { sha256, size: pdf.length }, deleted: false },
    };
  }

  /** Sends a blob: from byte 0 when the hub just said it lacks it, else from what it already holds (a cut upload resumes there). */
  async upload(sha256: string, fresh = false): Promise<void> {
    const j = this.blobs.get(sha256);
    if (j === undefined) throw new Error(`desk ${this.n}: the hub asks for an unknown blob ${sha256}`);
    const pdf = pdfBytes(this.n, j);
    let offset = 0;
    if (!fresh) {
      const st = await this.send('GET', `/api/desk/blobs/${sha256}`, null);
      if (!st.body?.ok) throw new Error(`blob status ${st.status} ${JSON.stringify(st.body)}`);
      if (st.body.value.complete) return;
      offset = st.body.value.received as number;
    }
    const r = await this.send('PUT', `/api/desk/blobs/${sha256}?offset=${offset}`, pdf.subarray(offset), { 'x-sohoa-blob-size': String(pdf.length) });
    if (r.body?.ok && r.body.value.complete) return;
    if (fresh && r.body?.ok) return this.upload(sha256, false);
    throw new Error(`blob PUT ${r.status} ${JSON.stringify(r.body)}`);
  }

  /** The blobs of documents with seq in (from, to], for a batch whose answer was lost. */
  blobsBetween(from: number, to: number): string[] {
    const out: string[] = [];
    for (let s = from + 1; s <= to; s++) if (s % this.stride === 0 && s / this.stride <= this.docs) {
      const it = this.item(s);
      if (it.kind === 'document' && it.data.signed) out.push(it.data.signed.sha256);
    }
    return out;
  }
}
