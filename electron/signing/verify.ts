// Verifies every signature of a PDF, one by one: integrity of the signed bytes, the
// cryptographic signature, whether it covers the whole file, what later incremental
// updates changed (allowed ones — later signatures, DSS, form filling — versus page or
// content changes), the certificate path to the trust store at the signing time, and the
// PAdES level. Encrypted or broken files are reported as unverifiable, never thrown.
import { constants, createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { revocationStatus } from './revocation';
import { toDer } from './cms';
import { messageDigestOf, parseCms, parseTstInfo, type ParsedCms } from './cms-parse';
import { OID, type Hash } from './oids';
import { commonName } from './sign-pdf';
import { buildPath, keyUsageOk } from './trust';
import { issueText, type Issue } from '../../shared/verify-issues';

export interface SignatureReport {
  field: string;
  signer: string | null;
  subFilter: string;
  level: string | null;
  signedAt: string | null;
  timestamp: string | null;
  intact: boolean;
  cryptoValid: boolean;
  coversWholeDocument: boolean;
  modifiedAfter: boolean;
  trusted: boolean;
  certValidAtSigning: boolean | null;
  /** Vietnamese, for the command line's JSON */
  problems: string[];
  /** the same as codes, for a reader in another language */
  issues: Issue[];
}

export interface FileReport {
  file: string;
  valid: boolean;
  error: string | null;
  signatures: SignatureReport[];
}

interface Found {
  byteRange: [number, number, number, number];
  /** offset of the '<' of this dictionary's own /Contents */
  contentsAt: number;
  objectNumber: number | null;
  dictText: string;
}

/** Signature dictionaries, found by their /ByteRange in the raw bytes (they can never sit in object streams). */
function findSignatures(pdf: Buffer): Found[] {
  const text = pdf.toString('latin1');
  const out: Found[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const objStart = text.lastIndexOf(' obj', m.index);
    const head = /(\d+)\s+\d+\s*$/.exec(text.slice(Math.max(0, objStart - 20), objStart));
    const end = text.indexOf('endobj', m.index);
    const contents = /\/Contents\s*</.exec(text.slice(objStart, end < 0 ? undefined : end));
    const contentsAt = contents ? objStart + contents.index + contents[0].length - 1 : -1;
    // an edited copy of a ByteRange is its own signature: tell them apart by their own /Contents
    if (out.some((f) => f.contentsAt === contentsAt)) continue;
    out.push({
      contentsAt,
      byteRange: m.slice(1, 5).map(Number) as Found['byteRange'],
      objectNumber: head ? Number(head[1]) : null,
      dictText: text.slice(objStart, end < 0 ? m.index + 4096 : end).replace(/\/Contents\s*<[0-9A-Fa-f\s]*>/, ''),
    });
  }
  return out.sort((a, b) => a.byteRange[2] + a.byteRange[3] - (b.byteRange[2] + b.byteRange[3]));
}

const pdfDate = (s: string | undefined): Date | null => {
  const m = /D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?/.exec(s ?? '');
  if (!m) return null;
  const [y, mo = '01', d = '01', h = '00', mi = '00', se = '00', sign, oh = '00', om = '00'] = m.slice(1);
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +se);
  const off = sign === '+' || sign === '-' ? (sign === '+' ? 1 : -1) * (+oh * 60 + +om) * 60000 : 0;
  return new Date(utc - off);
};

/** DER length of a CMS inside zero-padded /Contents. */
function trimDer(b: Buffer): Buffer {
  const l = b[1];
  // BER with indefinite length (some signers write it): the parser finds the end itself
  if (b[0] !== 0x30 || l === 0x80) return b;
  if (l < 0x80) return b.subarray(0, 2 + l);
  const n = l & 0x7f;
  return b.subarray(0, 2 + n + b.subarray(2, 2 + n).readUIntBE(0, n));
}

function verifySignatureValue(p: ParsedCms, cert: X509Certificate, data: Buffer, hash: Hash): boolean {
  try {
    if (p.signatureAlgorithmOid === OID.rsaPss)
      // the PSS parameters name the hash; signers use the message digest's in practice
      return cryptoVerify(hash, data, { key: cert.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, p.signature);
    return cryptoVerify(hash, data, cert.publicKey, p.signature);
  } catch {
    return false;
  }
}

/** The signer's certificate: by serial number when the signer id gives one, else whichever certificate's key verifies the signature. */
function signerCert(p: ParsedCms, data: Buffer, hash: Hash): X509Certificate | null {
  const certs = p.certificates.map((c) => new X509Certificate(c));
  const serial = p.sid.serial?.replace(/^0+/, '');
  // serials are unique per issuer only: among equal serials the key that verifies is the signer's
  const bySerial = certs.filter((c) => serial !== undefined && c.serialNumber.toLowerCase().replace(/^0+/, '') === serial);
  const candidates = bySerial.length ? bySerial : certs;
  return candidates.find((c) => verifySignatureValue(p, c, data, hash)) ?? candidates[0] ?? null;
}

const stripM = (dict: PDFDict, keys: string[]) => {
  const copy = new Map(dict.entries().map(([k, v]) => [k.asString(), v.toString()]));
  for (const k of keys) copy.delete(`/${k}`);
  return JSON.stringify([...copy].sort());
};
const typeOf = (o: PDFObject) => {
  const d = o instanceof PDFDict ? o : o instanceof PDFStream ? o.dict : null;
  return d?.get(PDFName.of('Type'))?.toString() ?? null;
};
const serial = (o: PDFObject) => {
  if (o instanceof PDFRawStream) return `${o.dict.toString()}${Buffer.from(o.contents).toString('latin1')}`;
  return o.toString();
};

/** What the updates after byte `end` changed, judged against the revision that ends there. */
async function changesAfter(pdf: Buffer, end: number, full: PDFDocument): Promise<Issue[]> {
  const rev = await PDFDocument.load(pdf.subarray(0, end), { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  const problems: Issue[] = [];
  for (const [ref, obj] of full.context.enumerateIndirectObjects()) {
    const old = rev.context.lookup(ref as PDFRef);
    const type = typeOf(obj);
    if (!old) {
      if (type === '/Page') problems.push({ code: 'PAGE_ADDED' });
      continue;
    }
    if (serial(old) === serial(obj)) continue;
    if (type === '/XRef' || type === '/ObjStm' || type === '/Metadata') continue;
    if (obj instanceof PDFDict && old instanceof PDFDict) {
      if (type === '/Catalog') {
        if (obj.get(PDFName.of('Pages'))?.toString() !== old.get(PDFName.of('Pages'))?.toString()) problems.push({ code: 'PAGES_REPLACED' });
        continue;
      }
      if (type === '/Page') {
        if (stripM(obj, ['Annots']) !== stripM(old, ['Annots'])) problems.push({ code: 'PAGE_CONTENT', params: { object: ref.objectNumber } });
        continue;
      }
      if (type === '/Pages') {
        if (obj.get(PDFName.of('Count'))?.toString() !== old.get(PDFName.of('Count'))?.toString() || obj.get(PDFName.of('Kids'))?.toString() !== old.get(PDFName.of('Kids'))?.toString())
          problems.push({ code: 'PAGE_COUNT' });
        continue;
      }
      // form fields, widgets and other annotations, the AcroForm, signature and DSS dictionaries, the Info dictionary
      const isForm = obj.has(PDFName.of('FT')) || obj.has(PDFName.of('Fields')) || obj.has(PDFName.of('Parent')) || obj.has(PDFName.of('Subtype'));
      const isInfo = obj.has(PDFName.of('Producer')) || obj.has(PDFName.of('ModDate'));
      // the DSS and its VRI entries (validation data for long-term signatures)
      const isDss = ['Certs', 'OCSPs', 'CRLs', 'VRI', 'Cert', 'OCSP', 'CRL', 'TU', 'TS'].some((k) => obj.has(PDFName.of(k)));
      if (isDss) continue;
      if (isForm || isInfo || type === '/Annot' || type === '/Sig' || type === '/DSS' || type === '/DocTimeStamp') continue;
      problems.push({ code: 'OBJECT_CHANGED', params: { object: ref.objectNumber } });
      continue;
    }
    if (obj instanceof PDFArray) continue; // /Annots or /Fields arrays
    problems.push({ code: 'STREAM_OVERWRITTEN', params: { object: ref.objectNumber, type: type ?? 'stream' } });
  }
  // one note per kind of change and object
  return [...new Map(problems.map((i) => [JSON.stringify(i), i])).values()];
}

/** CRLs and OCSP responses in the Document Security Store, if any. */
function dssMaterial(doc: PDFDocument): { crls: Buffer[]; ocsps: Buffer[] } {
  const dss = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
  const read = (key: string) =>
    (dss?.lookupMaybe(PDFName.of(key), PDFArray)?.asArray() ?? []).flatMap((r) => {
      const s = doc.context.lookup(r);
      if (!(s instanceof PDFRawStream)) return [];
      try {
        return [Buffer.from(decodePDFRawStream(s).decode())];
      } catch {
        return [];
      }
    });
  return { crls: read('CRLs'), ocsps: read('OCSPs') };
}

/** Never throws: a file that cannot be checked comes back with `error` set. */
export async function verifyPdf(pdf: Buffer, opts: { file: string; trust: Buffer[]; at?: Date }): Promise<FileReport> {
  try {
    return await verifyUnsafe(pdf, opts);
  } catch (e) {
    return { file: opts.file, valid: false, error: `PDF hỏng, không kiểm tra được: ${String((e as Error)?.message ?? e).slice(0, 160)}`, signatures: [] };
  }
}

async function verifyUnsafe(pdf: Buffer, opts: { file: string; trust: Buffer[]; at?: Date }): Promise<FileReport> {
  const report: FileReport = { file: opts.file, valid: false, error: null, signatures: [] };
  let full: PDFDocument | null = null;
  try {
    full = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: false });
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    report.error = /encrypted/i.test(msg) ? 'PDF được mã hóa: không kiểm tra được chữ ký' : `PDF hỏng, không kiểm tra được: ${msg.slice(0, 160)}`;
    return report;
  }
  const fieldNames = new Map<number, string>();
  try {
    const acro = full.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
    const walk = (fields: PDFArray | undefined, prefix: string) => {
      for (const r of fields?.asArray() ?? []) {
        const f = full!.context.lookup(r) as PDFDict | undefined;
        if (!f) continue;
        const t = f.get(PDFName.of('T'));
        const name = `${prefix}${t ? (t as any).decodeText?.() ?? String(t) : ''}`;
        const v = f.get(PDFName.of('V'));
        if (v instanceof PDFRef) fieldNames.set(v.objectNumber, name);
        walk(f.lookupMaybe(PDFName.of('Kids'), PDFArray), name ? `${name}.` : '');
      }
    };
    walk(acro?.lookupMaybe(PDFName.of('Fields'), PDFArray), '');
  } catch {
    /* names are a convenience */
  }
  const anchors = opts.trust.map((d) => new X509Certificate(d));
  const hasDss = full.catalog.has(PDFName.of('DSS'));
  const dss = dssMaterial(full);
  const found = findSignatures(pdf);
  if (!found.length) {
    report.error = 'tệp không có chữ ký số';
    return report;
  }
  for (const [k, f] of found.entries()) {
    const [a, b, c, d] = f.byteRange;
    const problems: Issue[] = [];
    const subFilter = /\/SubFilter\s*\/([\w.]+)/.exec(f.dictText)?.[1] ?? 'unknown';
    const m = /\/M\s*\((D:[^)]*)\)/.exec(f.dictText)?.[1];
    const signedAtDate = pdfDate(m);
    const sig: SignatureReport = {
      field: (f.objectNumber !== null ? fieldNames.get(f.objectNumber) : undefined) ?? `Chữ ký ${k + 1}`,
      signer: null,
      subFilter,
      level: null,
      signedAt: signedAtDate?.toISOString() ?? null,
      timestamp: null,
      intact: false,
      cryptoValid: false,
      coversWholeDocument: c + d === pdf.length,
      modifiedAfter: false,
      trusted: false,
      certValidAtSigning: null,
      problems: [],
      issues: problems,
    };
    report.signatures.push(sig);
    if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e || b !== f.contentsAt) {
      problems.push({ code: b !== f.contentsAt ? 'BYTERANGE_NOT_OWN' : 'BYTERANGE_INVALID' });
      continue;
    }
    let p: ParsedCms;
    try {
      p = parseCms(trimDer(Buffer.from(pdf.subarray(b + 1, c - 1).toString('latin1').replace(/\s+/g, ''), 'hex')));
    } catch (e) {
      problems.push({ code: 'CMS_UNREADABLE', params: { detail: (e as Error).message } });
      continue;
    }
    const hash = p.digestAlgorithm;
    if (!hash) {
      problems.push({ code: 'HASH_UNSUPPORTED' });
      continue;
    }
    if (hash === 'sha1') problems.push({ code: 'SHA1' });
    const signedBytes = [pdf.subarray(a, a + b), pdf.subarray(c, c + d)];
    const digest = signedBytes.reduce((h, part) => h.update(part), createHash(hash)).digest();
    const signedData = p.signedAttrsDer ?? (p.eContent ?? Buffer.concat(signedBytes));
    const cert = signerCert(p, signedData, hash);
    sig.signer = cert ? commonName(cert.raw) : null;
    const md = messageDigestOf(p);
    if (subFilter === 'ETSI.RFC3161') {
      const tst = p.eContent ? parseTstInfo(p.eContent) : null;
      sig.intact = !!tst && !!md && md.equals(createHash(hash).update(p.eContent!).digest()) && !!tst.hash && tst.imprint.equals(signedBytes.reduce((h, part) => h.update(part), createHash(tst.hash)).digest());
      sig.timestamp = tst?.genTime.toISOString() ?? null;
    } else if (subFilter === 'adbe.pkcs7.sha1') {
      sig.intact = !!p.eContent && p.eContent.equals(signedBytes.reduce((h, part) => h.update(part), createHash('sha1')).digest());
    } else sig.intact = md ? md.equals(digest) : false;
    if (!sig.intact) problems.push({ code: 'DIGEST_MISMATCH' });
    sig.cryptoValid = !!cert && verifySignatureValue(p, cert, signedData, hash);
    if (!sig.cryptoValid) problems.push({ code: 'SIGNATURE_INVALID' });

    // a signature timestamp (PAdES B-T): the TSA's time over the signature value
    const tsToken = p.unsignedAttrs.get(OID.signatureTimeStampToken)?.[0];
    if (tsToken) {
      try {
        const t = parseCms(toDer(tsToken));
        const tst = parseTstInfo(t.eContent!);
        sig.timestamp = tst.genTime.toISOString();
        if (!tst.hash || !tst.imprint.equals(createHash(tst.hash).update(p.signature).digest())) problems.push({ code: 'TS_MISMATCH' });
      } catch {
        problems.push({ code: 'TS_UNREADABLE' });
      }
    }
    const at = opts.at ?? (sig.timestamp ? new Date(sig.timestamp) : signedAtDate ?? new Date());
    if (cert) {
      const pool = p.certificates.map((x) => new X509Certificate(x));
      const path = buildPath(cert, pool, anchors, at);
      sig.trusted = path.trusted;
      sig.certValidAtSigning = path.validAt;
      problems.push(...path.problems);
      // revocation at the signing time, from what the file carries
      const rev = revocationStatus(cert, path.chain[1] ?? null, [...p.crls, ...dss.crls], [...p.ocsps, ...dss.ocsps], at);
      if (rev.status === 'revoked') {
        sig.certValidAtSigning = false;
        problems.push({ code: 'REVOKED', params: { at: rev.revokedAt!.toISOString(), source: rev.source! } });
      } else if (rev.status === 'unknown' && subFilter !== 'ETSI.RFC3161') problems.push({ code: 'NO_REVOCATION_DATA' });
      if (subFilter !== 'ETSI.RFC3161') {
        const ku = keyUsageOk(cert);
        if (ku === false) problems.push({ code: 'KEY_USAGE' });
      }
    }
    const hasSigningCert = p.attrs.has(OID.signingCertificateV2) || p.attrs.has(OID.signingCertificate);
    if (subFilter === 'ETSI.CAdES.detached') {
      if (!hasSigningCert) problems.push({ code: 'NO_SIGNING_CERT_ATTR' });
      // a signature timestamp, or a later document timestamp, gives the time of B-T (EN 319 142-1)
      const laterDocTs = found.slice(k + 1).some((x) => /ETSI\.RFC3161/.test(x.dictText));
      const timed = !!sig.timestamp || laterDocTs;
      sig.level = !hasSigningCert ? null : !timed ? 'B-B' : !hasDss ? 'B-T' : laterDocTs && sig.timestamp ? 'B-LTA' : 'B-LT';
    } else if (subFilter === 'adbe.pkcs7.detached' || subFilter === 'adbe.pkcs7.sha1') problems.push({ code: 'LEGACY' });

    if (!sig.coversWholeDocument) {
      const later = await changesAfter(pdf, c + d, full).catch((e): Issue[] => [{ code: 'TAIL_UNPARSED', params: { detail: (e as Error).message } }]);
      sig.modifiedAfter = later.length > 0;
      problems.push(...later);
      if (!later.length && k === found.length - 1) problems.push({ code: 'TAIL_ALLOWED' });
    }
  }
  for (const s of report.signatures) s.problems = s.issues.map((i) => issueText(i));
  report.valid = report.signatures.every((s) => s.intact && s.cryptoValid && !s.modifiedAfter && s.trusted && s.certValidAtSigning !== false);
  return report;
}

