// RFC 3161 client: asks a time-stamping authority to stamp the signature value, which makes
// the signature PAdES B-T. The answer is checked against what was asked before it is used.
import { createHash, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { CoreError } from '../../errors';
import { asn1Helpers, fromDer, toDer } from '../cms/cms';
import { parseCms, parseTstInfo } from '../cms/cms-parse';
import { FetchRefused, type Outbound } from '../trust/outbound-fetch';
import { HASH_OID, type Hash } from '../cms/oids';

const { seq, int, octets, algorithm } = asn1Helpers;

export function timestampRequest(imprint: Buffer, hash: Hash, nonce: Buffer): Buffer {
  const boolTrue = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.BOOLEAN, false, String.fromCharCode(0xff));
  const nonceInt = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.INTEGER, false, positiveInteger(nonce).toString('binary'));
  return toDer(seq([int(1), seq([algorithm(HASH_OID[hash]), octets(imprint)]), nonceInt, boolTrue]));
}

/**
 * The content octets of a positive INTEGER, as DER wants them: no leading zero octets, and one
 * zero octet only before a high bit. A TSA parsing strictly refuses anything else as a bad
 * request (OpenSSL's answered a nonce that began with a zero octet, one request in 256, so).
 */
export function positiveInteger(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const rest = bytes.subarray(i);
  return rest[0] & 0x80 ? Buffer.concat([Buffer.from([0]), rest]) : rest;
}

/** Returns the TimeStampToken (a CMS ContentInfo) for `signatureValue`. */
export function requestTimestamp(url: string, signatureValue: Buffer, hash: Hash, net: Outbound): Promise<Buffer> {
  return requestTimestampOf(url, createHash(hash).update(signatureValue).digest(), hash, net);
}

/** The TimeStampToken for a digest already made (a document timestamp stamps the file's signed bytes). */
export async function requestTimestampOf(url: string, imprint: Buffer, hash: Hash, net: Outbound): Promise<Buffer> {
  const nonce = randomBytes(8);
  let reply: Buffer;
  try {
    reply = await net.fetch(url, { kind: 'tsa', method: 'POST', body: timestampRequest(imprint, hash, nonce), contentType: 'application/timestamp-query', timeoutMs: 30_000 });
  } catch (e) {
    throw new CoreError('TSA_FAILED', { url, detail: e instanceof FetchRefused ? e.reason : (e as Error).message });
  }
  let token: Buffer;
  try {
    const parts = fromDer(reply).value as forge.asn1.Asn1[];
    const status = (parts[0].value as forge.asn1.Asn1[])[0];
    const code = forge.asn1.derToInteger(forge.util.createBuffer(status.value as string));
    if (code !== 0 && code !== 1) throw new Error(`máy chủ từ chối (mã ${code})`);
    token = toDer(parts[1]);
  } catch (e) {
    throw new CoreError('TSA_FAILED', { url, detail: (e as Error).message });
  }
  const tst = parseTstInfo(parseCms(token).eContent!);
  if (!tst.imprint.equals(imprint)) throw new CoreError('TSA_FAILED', { url, detail: 'dấu thời gian không khớp với chữ ký' });
  return token;
}
