// PDF transformation matrices [a b c d e f] (ISO 32000 8.3.3): one product for every place that
// combines them (pdf.js text positions, the searchable PDF's page layout, a scan's `cm` chain).

export type PdfMatrix = [number, number, number, number, number, number];

/** `m` applied first, then `n`: the matrix of `m n` in PDF's row-vector notation. */
export const thenApply = (m: readonly number[], n: readonly number[]): PdfMatrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
