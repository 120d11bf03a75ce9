import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { positiveInteger, requestTimestampOf, timestampRequest } from '../../../electron/signing/sign/tsa';
import { makePki } from '../../fixtures/pki';
import { tempDir } from '../../helpers';
import { adminAllows, has } from './sign-helpers';

// the nonce's INTEGER as it goes on the wire: tag, length, content
const nonceOf = (req: Buffer) => Buffer.from((forge.asn1.fromDer(forge.util.createBuffer(req.toString('binary'))).value as forge.asn1.Asn1[])[2].value as string, 'binary');

describe('the timestamp request nonce', () => {
  it('is a minimal positive DER INTEGER whatever its random bytes', () => {
    expect([...positiveInteger(Buffer.from([0x00, 0x00, 0x05]))]).toEqual([0x05]);
    expect([...positiveInteger(Buffer.from([0x00, 0x85]))]).toEqual([0x00, 0x85]);
    expect([...positiveInteger(Buffer.from([0x85, 0x01]))]).toEqual([0x00, 0x85, 0x01]);
    expect([...positiveInteger(Buffer.from([0x7f, 0x01]))]).toEqual([0x7f, 0x01]);
    expect([...positiveInteger(Buffer.from([0x00]))]).toEqual([0x00]);
    const imprint = createHash('sha256').update('x').digest();
    for (const first of [0x00, 0x01, 0x7f, 0x80, 0xff]) {
      const n = nonceOf(timestampRequest(imprint, 'sha256', Buffer.from([first, 0, 3, 4, 5, 6, 7, 8])));
      // no zero octet before a clear high bit, and the high bit never set without one (negative)
      expect(n[0] === 0 && n.length > 1 && !(n[1] & 0x80)).toBe(false);
      expect(n[0] & 0x80).toBe(0);
    }
  });

  describe.skipIf(!has('openssl', 'version'))('against OpenSSL’s TSA', () => {
    let tsa: { url: string; close(): Promise<void> };
    beforeAll(async () => {
      tsa = await (await import('../../fixtures/tsa')).startTsa(tempDir(), makePki());
    });
    afterAll(() => tsa.close());

    it('is granted for nonces whose first octets are zero (refused as a bad request before)', async () => {
      const imprint = createHash('sha256').update('một chữ ký').digest();
      // a fresh allowance per request: each signing has its own budget of fetches
      for (const nonce of [Buffer.from([0, 0, 1, 2, 3, 4, 5, 6]), Buffer.from([0, 0x90, 1, 2, 3, 4, 5, 6]), Buffer.from([0x90, 1, 2, 3, 4, 5, 6, 7])]) {
        const reply = await adminAllows(tsa.url).fetch(tsa.url, { kind: 'tsa', method: 'POST', body: timestampRequest(imprint, 'sha256', nonce), contentType: 'application/timestamp-query', timeoutMs: 30_000 });
        const status = ((forge.asn1.fromDer(forge.util.createBuffer(reply.toString('binary'))).value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[])[0];
        expect(forge.asn1.derToInteger(forge.util.createBuffer(status.value as string)), nonce.toString('hex')).toBe(0);
      }
      // and the client end to end, many times: one request in 256 drew a zero first octet
      for (let i = 0; i < 20; i++) expect((await requestTimestampOf(tsa.url, imprint, 'sha256', adminAllows(tsa.url))).length).toBeGreaterThan(500);
    });
  });
});
