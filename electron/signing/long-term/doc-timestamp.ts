// PAdES B-LTA: a document timestamp (ISO 32000-2 §12.8.5: /Type /DocTimeStamp, SubFilter
// ETSI.RFC3161) appended as one more incremental update. Its token stamps the digest of every
// byte of the file around its own /Contents, the DSS before it included, so the validation
// data is dated and stays provable after the earlier certificates expire.
import { EncryptedPDFError } from 'pdf-lib';
import { CoreError } from '../../errors';
import { openRevision, writeIncrement, type Revision } from '../pdf/incremental';
import type { Hash } from '../cms/oids';
import type { Outbound } from '../trust/outbound-fetch';
import { addWidget, fillContents, placeholders, signatureForm } from '../sign/sign-field';
import { requestTimestampOf } from '../sign/tsa';

export interface DocTimestampOptions {
  tsaUrl: string;
  /** the fetcher of this signing or extension (its TSA allowed) */
  net: Outbound;
  hash?: Hash;
  file?: string;
  /** room for the token in bytes */
  contentsSize?: number;
}

async function open(pdf: Buffer, file: string): Promise<Revision> {
  try {
    return await openRevision(pdf);
  } catch (e) {
    if ((e as Error)?.message === new EncryptedPDFError().message) throw new CoreError('PDF_ENCRYPTED', { file });
    throw new CoreError('FILE_CORRUPT', { file, detail: (e as Error).message });
  }
}

/** The PDF with a document timestamp from `tsaUrl` over all of it. DocMDP P=1 permits this too. */
export async function addDocumentTimestamp(pdf: Buffer, o: DocTimestampOptions): Promise<Buffer> {
  const file = o.file ?? 'PDF';
  const hash = o.hash ?? 'sha256';
  const size = o.contentsSize ?? 16384;
  o.net.allow(new URL(o.tsaUrl).host);
  const rev = await open(pdf, file);
  const { doc } = rev;
  const { fields, name } = signatureForm(rev);
  const ref = doc.context.register(doc.context.obj({ Type: 'DocTimeStamp', Filter: 'Adobe.PPKLite', SubFilter: 'ETSI.RFC3161', ...placeholders(size) }));
  // an invisible widget on page 1: the field shows in a reader's signature panel, not on paper
  addWidget(rev, doc.getPage(0), fields, name, ref, { rect: [0, 0, 0, 0], ap: null });
  return fillContents(await writeIncrement(rev), hash, size, file, (digest) => requestTimestampOf(o.tsaUrl, digest, hash, o.net));
}
