// A desk's signed request: the headers the hub checks, the signature made with the archive's
// Ed25519 key over shared/hub-protocol.ts's signing string (method, path, time, nonce, body hash).
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { HUB_HEADERS, signingString } from '../../shared/hub-protocol';

export interface RequestSigner {
  deskId: string;
  privateKey: KeyObject;
}

export function signedHeaders(signer: RequestSigner, method: string, pathWithQuery: string, body: Buffer, now = new Date(), nonce = randomBytes(16).toString('hex')): Record<string, string> {
  const time = now.toISOString();
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const signature = sign(null, Buffer.from(signingString(method, pathWithQuery, time, nonce, bodyHash), 'utf8'), signer.privateKey).toString('base64');
  return { [HUB_HEADERS.desk]: signer.deskId, [HUB_HEADERS.time]: time, [HUB_HEADERS.nonce]: nonce, [HUB_HEADERS.signature]: signature };
}
