// The current coverage view as files: CSV (UTF-8 with BOM, for Excel), formatted XLSX with
// formulas, and a printable PDF report in Vietnamese with charts and fonts embedded.
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import writeExcelFile from 'write-excel-file/node';
import type { CoverageReport, TrendPoint } from '../../shared/contract';
import { lagging, percent } from '../../shared/lagging';
import { assetPath } from '../paths';
import { csvText } from '../../shared/csv';

// the multi-sheet form of writeExcelFile (the last of its overloads)
type WorkbookSheets = Parameters<typeof writeExcelFile>[0];

const LEVEL_VI = { province: 'Cấp tỉnh', district: 'Cấp huyện', commune: 'Cấp xã' } as const;
const HEADER = ['Mã', 'Đơn vị', 'Cấp', 'Trực thuộc', 'Kết quả còn hiệu lực', 'Đã số hóa', 'Tỷ lệ', 'Chỉ tiêu', 'Chênh lệch', 'Cần thêm', 'Đánh giá'];
const verdict = (u: { valid: number; digitized: number; met: boolean | null }) =>
  u.valid === 0 ? 'Không có kết quả' : u.digitized === 0 ? 'Chưa số hóa (0%)' : u.met === null ? '' : u.met ? 'Đạt' : 'Chưa đạt';
const title = (r: CoverageReport) => `Tiến độ số hóa kết quả giải quyết TTHC — ${r.scope?.name ?? 'Toàn bộ đơn vị'}`;
const viDate = (iso: string) => iso.split('-').reverse().join('/');

export function coverageFileName(r: CoverageReport, ext: string): string {
  return `so-hoa-${r.scope?.code ?? 'tat-ca'}-${r.at}.${ext}`;
}

export function coverageCsv(r: CoverageReport): Buffer {
  return Buffer.from(csvText([HEADER, ...r.units.map((u) => [u.code, u.name, LEVEL_VI[u.level], u.parentCode ?? '', u.valid, u.digitized, u.rate.toFixed(4), u.target ?? '', u.target === null ? '' : (u.rate - u.target).toFixed(4), u.needed, verdict(u)])]), 'utf8');
}

export async function coverageXlsx(r: CoverageReport): Promise<Buffer> {
  const bold = { fontWeight: 'bold' as const };
  const head = (v: string) => ({ value: v, ...bold, backgroundColor: '#F2DCDB', wrap: true });
  const pct = '0.0%';
  const summary = [
    [{ value: title(r), ...bold, fontSize: 14 }],
    [`Số liệu đến ngày ${viDate(r.at)}`],
    [],
    ['Cấp', 'Kết quả còn hiệu lực', 'Đã số hóa', 'Tỷ lệ', 'Chỉ tiêu', 'Đánh giá'].map(head),
    ...r.levels.map((l, i) => [
      LEVEL_VI[l.level],
      l.valid,
      l.digitized,
      { type: 'Formula' as const, value: `IF(B${i + 5}=0,0,C${i + 5}/B${i + 5})`, format: pct },
      l.target === null ? null : { value: l.target, format: pct },
      l.met === null ? '' : l.met ? 'Đạt' : 'Chưa đạt',
    ]),
    [],
    [{ value: 'Tỷ lệ hồ sơ có kết quả điện tử (Quyết định 766/QĐ-TTg)', ...bold }],
    ['Hồ sơ đã giải quyết trong năm', r.decision766.handled],
    ['Có kết quả điện tử', r.decision766.withElectronicResult],
    ['Tỷ lệ', { value: r.decision766.rate, format: pct }],
  ];
  const ranking = [
    HEADER.map(head),
    ...r.units.map((u, i) => {
      const row = i + 2;
      return [
        u.code,
        u.name,
        LEVEL_VI[u.level],
        u.parentCode ?? '',
        u.valid,
        u.digitized,
        { type: 'Formula' as const, value: `IF(E${row}=0,0,F${row}/E${row})`, format: pct },
        u.target === null ? null : { value: u.target, format: pct },
        u.target === null ? null : { type: 'Formula' as const, value: `G${row}-H${row}`, format: pct },
        u.target === null ? 0 : { type: 'Formula' as const, value: `MAX(0,ROUNDUP(H${row}*E${row}-0.000000001,0)-F${row})` },
        { value: verdict(u), color: u.valid === 0 ? '#777777' : u.met ? '#237804' : '#A8071A' },
      ];
    }),
  ];
  const procedures = [
    ['Mã TTHC', 'Tên thủ tục', 'Kết quả còn hiệu lực', 'Đã số hóa', 'Tỷ lệ'].map(head),
    ...r.procedures.map((p, i) => [p.code, p.name, p.valid, p.digitized, { type: 'Formula' as const, value: `IF(C${i + 2}=0,0,D${i + 2}/C${i + 2})`, format: pct }]),
  ];
  const widths = (w: number[]) => w.map((width) => ({ width }));
  const buf = await writeExcelFile(
    [
      { sheet: 'Tổng hợp', data: summary, columns: widths([34, 20, 12, 10, 10, 12]) },
      { sheet: 'Xếp hạng đơn vị', data: ranking, columns: widths([8, 30, 11, 10, 12, 10, 9, 9, 10, 9, 18]) },
      { sheet: 'Theo thủ tục', data: procedures, columns: widths([12, 50, 14, 10, 9]) },
    ] as WorkbookSheets,
    { fontFamily: 'Times New Roman', fontSize: 12 },
  ).toBuffer();
  return buf as Buffer;
}

// ---------- PDF ----------

const A4: [number, number] = [595.28, 841.89];
const M = 50;
const RED = rgb(0.7, 0.14, 0.17);
const GREEN = rgb(0.14, 0.47, 0.02);
const ORANGE = rgb(0.83, 0.53, 0.07);
const GREY = rgb(0.55, 0.55, 0.55);

class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - M;
  }
  ensure(h: number) {
    if (this.y - h < M) this.newPage();
  }
  text(s: string, opts: { size?: number; bold?: boolean; x?: number; color?: ReturnType<typeof rgb>; center?: boolean } = {}) {
    const size = opts.size ?? 11;
    const font = opts.bold ? this.bold : this.font;
    for (const line of this.wrap(s, font, size, A4[0] - 2 * M - (opts.x ?? 0))) {
      this.ensure(size * 1.4);
      const w = font.widthOfTextAtSize(line, size);
      this.page.drawText(line, { x: opts.center ? (A4[0] - w) / 2 : M + (opts.x ?? 0), y: this.y - size, size, font, color: opts.color ?? rgb(0, 0, 0) });
      this.y -= size * 1.4;
    }
  }
  wrap(s: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    let cur = '';
    for (const word of s.split(/\s+/)) {
      const next = cur ? `${cur} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && cur) {
        lines.push(cur);
        cur = word;
      } else cur = next;
    }
    lines.push(cur);
    return lines;
  }
}

export async function coveragePdf(r: CoverageReport, trend: TrendPoint[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fs.readFileSync(assetPath('fonts', 'LiberationSerif-Regular.ttf')), { subset: true });
  const bold = await doc.embedFont(fs.readFileSync(assetPath('fonts', 'LiberationSerif-Bold.ttf')), { subset: true });
  doc.setTitle(title(r));
  doc.setSubject(`Số liệu đến ngày ${viDate(r.at)}`);
  doc.setLanguage('vi-VN');
  doc.setProducer('Số hóa Desk');
  doc.setCreator('Số hóa Desk');
  const w = new Writer(doc, font, bold);

  w.text('BÁO CÁO TIẾN ĐỘ SỐ HÓA KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', { size: 14, bold: true, center: true });
  w.text(r.scope ? r.scope.name : 'Toàn bộ đơn vị', { size: 12, bold: true, center: true });
  w.text(`Số liệu đến ngày ${viDate(r.at)}`, { size: 11, center: true, color: GREY });
  w.y -= 10;

  drawLevels(w, r);
  if (trend.length > 1) {
    w.text('2. Diễn biến theo tháng', { bold: true, size: 12 });
    drawTrend(w, trend);
  }

  drawAssessment(w, r, trend.length > 1 ? 3 : 2);
  drawRanking(w, r, trend.length > 1 ? 4 : 3);

  if (r.packages.length) {
    w.y -= 6;
    w.text(`Số liệu tổng hợp từ gói báo cáo của: ${r.packages.map((p) => `${p.unitName} (ngày ${viDate(p.at)})`).join(', ')}.`, { size: 9, color: GREY });
  }
  const pages = doc.getPages();
  pages.forEach((p, i) => p.drawText(`Trang ${i + 1}/${pages.length} — Số hóa Desk`, { x: M, y: 25, size: 8, font, color: GREY }));
  return Buffer.from(await doc.save());
}

/** Levels against targets: one bar each, with the target as a red tick. */
function drawLevels(w: Writer, r: CoverageReport) {
  const font = w.font;
  w.text('1. Tỷ lệ số hóa theo cấp so với chỉ tiêu', { bold: true, size: 12 });
  const barW = A4[0] - 2 * M - 200;
  for (const l of r.levels) {
    w.ensure(28);
    const y = w.y - 16;
    w.page.drawText(LEVEL_VI[l.level], { x: M, y: y + 3, size: 10, font });
    w.page.drawRectangle({ x: M + 70, y, width: barW, height: 12, color: rgb(0.93, 0.93, 0.93) });
    w.page.drawRectangle({ x: M + 70, y, width: Math.max(0.5, barW * Math.min(1, l.rate)), height: 12, color: l.met === false ? ORANGE : GREEN });
    if (l.target !== null) w.page.drawLine({ start: { x: M + 70 + barW * l.target, y: y - 3 }, end: { x: M + 70 + barW * l.target, y: y + 15 }, thickness: 2, color: RED });
    w.page.drawText(`${percent(l.rate)} (${l.digitized}/${l.valid})${l.target !== null ? ` — chỉ tiêu ${percent(l.target)}` : ''}`, { x: M + 78 + barW, y: y + 3, size: 8, font });
    w.y -= 24;
  }
  w.text(`Tỷ lệ hồ sơ có kết quả điện tử trong năm (Quyết định 766/QĐ-TTg): ${percent(r.decision766.rate)} (${r.decision766.withElectronicResult}/${r.decision766.handled}).`, { size: 10 });
  w.y -= 6;

}

/** Which units have done nothing, some, or met the target. */
function drawAssessment(w: Writer, r: CoverageReport, n: number) {
  w.text(`${n}. Đánh giá`, { bold: true, size: 12 });
  const lag = lagging(r.units);
  const names = (list: typeof r.units) => list.map((u) => `${u.name} (${percent(u.rate)})`).join(', ');
  if (lag.zero.length) w.text(`Các đơn vị chưa thực hiện số hóa kết quả (tỷ lệ 0%): ${names(lag.zero)}.`, { size: 10, color: RED });
  if (lag.below.length) w.text(`Các đơn vị có thực hiện nhưng chưa đạt chỉ tiêu: ${names(lag.below)}.`, { size: 10 });
  if (lag.met.length) w.text(`Các đơn vị đã đạt chỉ tiêu: ${names(lag.met)}.`, { size: 10, color: GREEN });
  if (!lag.zero.length && !lag.below.length && !lag.met.length) w.text('Chưa có kết quả giải quyết TTHC còn hiệu lực trong phạm vi báo cáo.', { size: 10 });
  w.y -= 6;

}

/** Every unit ranked by rate, the header repeated on each page, units with nothing digitized shaded. */
function drawRanking(w: Writer, r: CoverageReport, n: number) {
  const { font, bold } = w;
  w.text(`${n}. Xếp hạng đơn vị`, { bold: true, size: 12 });
  const cols = [
    { h: 'TT', w: 24 },
    { h: 'Đơn vị', w: 190 },
    { h: 'Còn hiệu lực', w: 62 },
    { h: 'Đã số hóa', w: 55 },
    { h: 'Tỷ lệ', w: 45 },
    { h: 'Chỉ tiêu', w: 45 },
    { h: 'Cần thêm', w: 50 },
  ];
  const row = (cells: string[], opts: { bold?: boolean; fill?: ReturnType<typeof rgb> }) => {
    w.ensure(16);
    if (opts.fill) w.page.drawRectangle({ x: M, y: w.y - 13, width: cols.reduce((s, c) => s + c.w, 0), height: 15, color: opts.fill });
    let x = M;
    cells.forEach((c, i) => {
      const f = opts.bold ? bold : font;
      let text = c;
      while (f.widthOfTextAtSize(text, 9) > cols[i].w - 4 && text.length > 3) text = `${text.slice(0, -2)}…`;
      const right = i >= 2;
      w.page.drawText(text, { x: right ? x + cols[i].w - 4 - f.widthOfTextAtSize(text, 9) : x + 2, y: w.y - 10, size: 9, font: f });
      x += cols[i].w;
    });
    w.y -= 15;
  };
  row(cols.map((c) => c.h), { bold: true, fill: rgb(0.95, 0.86, 0.86) });
  [...r.units]
    .sort((a, b) => b.rate - a.rate || b.valid - a.valid)
    .forEach((u, i) => {
      if (w.y - 16 < M) {
        w.newPage();
        row(cols.map((c) => c.h), { bold: true, fill: rgb(0.95, 0.86, 0.86) });
      }
      row([String(i + 1), u.name, String(u.valid), String(u.digitized), percent(u.rate), u.target === null ? '' : percent(u.target), String(u.needed)], {
        fill: u.valid > 0 && u.digitized === 0 ? rgb(1, 0.93, 0.93) : undefined,
      });
    });

}

function drawTrend(w: Writer, trend: TrendPoint[]) {
  const h = 120;
  const width = A4[0] - 2 * M - 30;
  w.ensure(h + 30);
  const x0 = M + 30;
  const y0 = w.y - h - 5;
  const max = Math.max(0.05, ...trend.map((t) => Math.max(t.rate, t.target ?? 0))) * 1.15;
  const px = (i: number) => x0 + (trend.length === 1 ? 0 : (i * width) / (trend.length - 1));
  const py = (v: number) => y0 + (v / max) * h;
  w.page.drawLine({ start: { x: x0, y: y0 }, end: { x: x0 + width, y: y0 }, thickness: 0.5, color: GREY });
  w.page.drawLine({ start: { x: x0, y: y0 }, end: { x: x0, y: y0 + h }, thickness: 0.5, color: GREY });
  for (const v of [0, max / 2, max]) w.page.drawText(percent(v), { x: M - 4, y: py(v) - 3, size: 7, font: w.font, color: GREY });
  trend.forEach((t, i) => {
    w.page.drawText(t.month.slice(5), { x: px(i) - 5, y: y0 - 11, size: 7, font: w.font, color: GREY });
    if (i > 0) {
      w.page.drawLine({ start: { x: px(i - 1), y: py(trend[i - 1].rate) }, end: { x: px(i), y: py(t.rate) }, thickness: 1.8, color: rgb(0.09, 0.35, 0.7) });
      const a = trend[i - 1].target;
      if (a !== null && t.target !== null) w.page.drawLine({ start: { x: px(i - 1), y: py(a) }, end: { x: px(i), y: py(t.target) }, thickness: 1, color: RED, dashArray: [4, 3] });
    }
    w.page.drawCircle({ x: px(i), y: py(t.rate), size: 2, color: rgb(0.09, 0.35, 0.7) });
  });
  w.page.drawText('— tỷ lệ số hóa    - - chỉ tiêu', { x: x0 + width - 140, y: y0 + h + 2, size: 8, font: w.font, color: GREY });
  w.y = y0 - 22;
}
