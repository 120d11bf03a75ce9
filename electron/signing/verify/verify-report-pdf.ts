// The verification report as a printable A4 PDF in Vietnamese: per file its verdict, per
// signature the signer, times, level, integrity, crypto, coverage, revision and changes,
// the path to the anchor, revocation, and the one-line verdict.
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { assetPath } from '../../paths';
import { CHANGE_VI } from '../../../shared/verify-issues';
import type { FileReport, SignatureReport } from './verify';

const A4: [number, number] = [595.28, 841.89];
const M = 50;
const RED = rgb(0.7, 0.1, 0.1);
const GREEN = rgb(0.1, 0.45, 0.2);
const GREY = rgb(0.4, 0.4, 0.4);

class Writer {
  page: PDFPage;
  y = A4[1] - M;
  constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.page = doc.addPage(A4);
  }
  ensure(h: number) {
    if (this.y - h < M) {
      this.page = this.doc.addPage(A4);
      this.y = A4[1] - M;
    }
  }
  /** Wrapped text; long words are cut where they must be. */
  text(s: string, o: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb>; indent?: number } = {}) {
    const size = o.size ?? 10;
    const font = o.bold ? this.bold : this.font;
    const width = A4[0] - 2 * M - (o.indent ?? 0);
    const lines: string[] = [];
    let cur = '';
    for (const word of s.split(/\s+/)) {
      const next = cur ? `${cur} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width) cur = next;
      else {
        if (cur) lines.push(cur);
        cur = word;
        while (font.widthOfTextAtSize(cur, size) > width) {
          let k = cur.length;
          while (k > 1 && font.widthOfTextAtSize(cur.slice(0, k), size) > width) k--;
          lines.push(cur.slice(0, k));
          cur = cur.slice(k);
        }
      }
    }
    if (cur) lines.push(cur);
    for (const l of lines) {
      this.ensure(size + 4);
      this.y -= size + 3;
      this.page.drawText(l, { x: M + (o.indent ?? 0), y: this.y, size, font, color: o.color });
    }
  }
}

const yn = (b: boolean | null) => (b === null ? '—' : b ? 'có' : 'không');
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '—');

function signature(w: Writer, s: SignatureReport, i: number) {
  w.ensure(80);
  w.y -= 6;
  w.text(`${i + 1}. ${s.field} — ${s.kind === 'doc_timestamp' ? 'dấu thời gian tài liệu' : s.kind === 'damaged' ? 'trường chữ ký hỏng' : 'chữ ký'}`, { bold: true, size: 11 });
  const ok = s.intact && s.cryptoValid && !s.modifiedAfter && s.trusted;
  w.text(s.verdict, { indent: 12, color: ok ? GREEN : RED, bold: true });
  const rows: [string, string][] = [
    ['Người ký', s.signer ?? '—'],
    ['Thời điểm ký (/M)', when(s.signedAt)],
    ['Dấu thời gian', when(s.timestamp)],
    ['Mức', `${s.padesLevel ?? '—'} (${s.subFilter})${s.certification ? `, chữ ký chứng thực DocMDP P=${s.certification}` : ''}`],
    ['Toàn vẹn', yn(s.intact)],
    ['Mật mã', `${s.crypto.status === 'valid' ? 'hợp lệ' : s.crypto.status === 'unknown' ? 'không kiểm tra được' : 'không hợp lệ'} (${s.crypto.algorithm})${s.crypto.policy ? `; chính sách: ${s.crypto.policy.rule}` : ''}`],
    ['Phạm vi', s.coverage === 'entire-file' ? 'toàn bộ tệp' : s.coverage === 'entire-revision' ? `trọn phiên bản ${s.revision}/${s.revisions}, có cập nhật sau` : 'không trọn một phiên bản'],
    ['Sửa sau khi ký', s.modifiedAfter ? 'CÓ thay đổi không được phép' : 'không'],
    ['Đường tin cậy', s.path.length ? s.path.join(' → ') : '—'],
    ['Chứng thư gốc', s.anchor ?? 'không có'],
    ['Thu hồi', s.revocation.status === 'good' ? `còn hiệu lực (${s.revocation.source})` : s.revocation.status === 'revoked' ? `đã thu hồi từ ${when(s.revocation.revokedAt)} (${s.revocation.source})` : 'không có dữ liệu'],
  ];
  for (const [k, v] of rows) w.text(`${k}: ${v}`, { indent: 12 });
  if (s.changes.length) {
    w.text('Thay đổi sau khi ký:', { indent: 12, bold: true });
    for (const c of s.changes)
      w.text(`${c.allowed ? 'được phép' : 'KHÔNG được phép'} — ${CHANGE_VI[c.category] ?? c.category}${c.object !== null ? ` (đối tượng ${c.object})` : ''}${c.detail ? `, ${c.detail}` : ''}${c.refusedBy ? `, ${c.refusedBy}` : ''}${c.shadow ? `, dạng tấn công "${c.shadow}"` : ''}`, {
        indent: 24,
        color: c.allowed ? undefined : RED,
      });
  }
  if (s.problems.length) {
    w.text('Ghi chú:', { indent: 12, bold: true });
    for (const p of s.problems) w.text(`- ${p}`, { indent: 24, color: GREY });
  }
}

export async function verifyReportPdf(reports: FileReport[], at = new Date()): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fs.readFileSync(assetPath('fonts', 'LiberationSerif-Regular.ttf')), { subset: true });
  const bold = await doc.embedFont(fs.readFileSync(assetPath('fonts', 'LiberationSerif-Bold.ttf')), { subset: true });
  doc.setTitle('Biên bản kiểm tra chữ ký số');
  doc.setLanguage('vi-VN');
  doc.setProducer('Số hóa Desk');
  doc.setCreator('Số hóa Desk');
  const w = new Writer(doc, font, bold);
  w.text('BIÊN BẢN KIỂM TRA CHỮ KÝ SỐ', { size: 14, bold: true });
  w.text(`Lập lúc ${when(at.toISOString())}`, { color: GREY });
  for (const r of reports) {
    w.y -= 10;
    w.text(`Tệp: ${r.file}`, { bold: true, size: 12 });
    w.text(r.error ? `Không kiểm tra được: ${r.error}` : r.valid ? 'Kết luận: mọi chữ ký hợp lệ, tin cậy, tài liệu không bị sửa sau khi ký' : 'Kết luận: KHÔNG đạt — xem từng chữ ký', { color: r.valid ? GREEN : RED, bold: true });
    if (r.encrypted) w.text('Tệp được mã hóa (mật khẩu mở trống); chữ ký được kiểm tra trên dữ liệu gốc.', { color: GREY });
    r.signatures.forEach((s, i) => signature(w, s, i));
  }
  return Buffer.from(await doc.save());
}
