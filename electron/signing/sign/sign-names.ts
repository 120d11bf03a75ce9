// How a signature names its time and its signer: Vietnam time with its +07:00 offset (ISO
// for people, PDF date syntax for /M), and a certificate's common name.
import { X509Certificate } from 'node:crypto';

/** 2021-04-19T08:30:00+07:00 — Vietnam keeps +07:00 all year. */
export function isoVietnam(d: Date): string {
  return `${new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}
export const pdfDate = (d: Date) => {
  const s = isoVietnam(d);
  return `D:${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}+07'00'`;
};

export function commonName(certDer: Buffer): string {
  const subject = new X509Certificate(certDer).subject;
  return /(?:^|\n)CN=([^\n]+)/.exec(subject)?.[1] ?? subject.split('\n')[0];
}
