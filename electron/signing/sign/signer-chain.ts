// The certificates a signature carries: the signer's own and, from it up, each issuer found
// among those the key file or token holds (issuer name matches and its key verifies the
// certificate). Anything else a .p12 or token holds is left out: an extra certificate is
// not the signer's to vouch for, and its CRL or OCSP address would be fetched and stored.
import { X509Certificate } from 'node:crypto';

const MAX_DEPTH = 8;

function issued(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** `own` first, then its issuers in order, as far as `pool` reaches. */
export function signerChain(own: Buffer, pool: Buffer[]): Buffer[] {
  const certs = pool.flatMap((der) => {
    try {
      return [new X509Certificate(der)];
    } catch {
      return [];
    }
  });
  const chain = [new X509Certificate(own)];
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const cur = chain[chain.length - 1];
    if (issued(cur, cur)) break; // a self-signed root ends the chain
    const next = certs.find((c) => !chain.some((x) => x.raw.equals(c.raw)) && issued(cur, c));
    if (!next) break;
    chain.push(next);
  }
  return chain.map((c) => c.raw);
}
