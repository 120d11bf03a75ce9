import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HUB_HEADERS, signingString } from '../../../shared/hub-protocol';
import { signedHeaders } from '../../../electron/sync/request-signing';

describe('signed hub requests', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer = { deskId: '00000000-0000-4000-8000-000000000001', privateKey };
  const body = Buffer.from(JSON.stringify({ items: [{ seq: 1 }] }));

  it('sign the exact signing string with the archive key', () => {
    const now = new Date('2025-07-01T08:00:00.000Z');
    const h = signedHeaders(signer, 'post', '/api/desk/batch', body, now, '0123456789abcdef0123456789abcdef');
    expect(h[HUB_HEADERS.desk]).toBe(signer.deskId);
    expect(h[HUB_HEADERS.time]).toBe('2025-07-01T08:00:00.000Z');
    expect(h[HUB_HEADERS.nonce]).toBe('0123456789abcdef0123456789abcdef');
    const expected = signingString('POST', '/api/desk/batch', '2025-07-01T08:00:00.000Z', '0123456789abcdef0123456789abcdef', createHash('sha256').update(body).digest('hex'));
    const sig = Buffer.from(h[HUB_HEADERS.signature], 'base64');
    expect(verify(null, Buffer.from(expected), publicKey, sig)).toBe(true);
    // any change the hub would see (path, query, body) breaks it
    const otherPath = signingString('POST', '/api/desk/batch?x=1', '2025-07-01T08:00:00.000Z', '0123456789abcdef0123456789abcdef', createHash('sha256').update(body).digest('hex'));
    expect(verify(null, Buffer.from(otherPath), publicKey, sig)).toBe(false);
    const otherBody = signingString('POST', '/api/desk/batch', '2025-07-01T08:00:00.000Z', '0123456789abcdef0123456789abcdef', createHash('sha256').update('{}').digest('hex'));
    expect(verify(null, Buffer.from(otherBody), publicKey, sig)).toBe(false);
  });

  it('use a fresh nonce for each request and the empty body hash for a GET', () => {
    const a = signedHeaders(signer, 'GET', '/api/desk/status', Buffer.alloc(0));
    const b = signedHeaders(signer, 'GET', '/api/desk/status', Buffer.alloc(0));
    expect(a[HUB_HEADERS.nonce]).toMatch(/^[0-9a-f]{32}$/);
    expect(a[HUB_HEADERS.nonce]).not.toBe(b[HUB_HEADERS.nonce]);
    const s = signingString('GET', '/api/desk/status', a[HUB_HEADERS.time], a[HUB_HEADERS.nonce], createHash('sha256').update('').digest('hex'));
    expect(verify(null, Buffer.from(s), publicKey, Buffer.from(a[HUB_HEADERS.signature], 'base64'))).toBe(true);
  });
});
