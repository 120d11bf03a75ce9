// The searchable PDF's metadata, made in one place for the archive and for `sohoa ocr`: the
// title, subject, author and keywords from the tagged fields, written as the Info dictionary
// and XMP with the PDF/A-2b identification, the language, an sRGB output intent and a file ID.
import { randomBytes } from 'node:crypto';
import { PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { FieldName, Fields } from './fields';

export interface PdfMetadata {
  title: string;
  subject?: string | null;
  keywords?: string[];
  author?: string | null;
  language?: string;
  createdAt?: Date;
}

/** "Công văn 1147/UBND-VP: chấn chỉnh công tác…" from the fields, or null without type or subject. */
export function documentTitle(value: (name: FieldName) => string | null): string | null {
  const head = [value('type'), value('number')].filter(Boolean).join(' ');
  const subject = value('subject');
  if (!head && !subject) return null;
  const t = head && subject ? `${head}: ${subject}` : head || subject!;
  return t.length > 200 ? `${t.slice(0, 199)}…` : t;
}

/** The metadata of a tagged document's searchable PDF; `fallbackTitle` when the fields give no title. */
export function searchableMetadata(fields: Fields, fallbackTitle: string): PdfMetadata {
  const v = (n: FieldName) => fields[n].value;
  return {
    title: documentTitle(v) ?? fallbackTitle,
    subject: v('subject'),
    author: v('agency'),
    keywords: [v('type'), v('number'), v('date'), v('agency'), v('dossierCode')].filter(Boolean) as string[],
  };
}

let iccProfile: Promise<Buffer> | null = null;
/** libvips's built-in sRGB profile, taken from an image sharp tags with it. */
const srgbIcc = () =>
  (iccProfile ??= (async () => {
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } }).withIccProfile('srgb').png().toBuffer();
    return (await sharp(png).metadata()).icc!;
  })());

const xmlEscape = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Info dictionary, XMP (with the PDF/A-2b identification), language, sRGB output intent, file ID. */
export async function describePdf(pdf: PDFDocument, meta: PdfMetadata) {
  const at = meta.createdAt ?? new Date();
  const keywords = (meta.keywords ?? []).filter(Boolean).join('; ');
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.subject) pdf.setSubject(meta.subject);
  if (keywords) pdf.setKeywords([keywords]);
  if (meta.author) pdf.setAuthor(meta.author);
  pdf.setCreator('Số hóa Desk');
  pdf.setProducer('Số hóa Desk (pdf-lib)');
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  pdf.setLanguage(meta.language ?? 'vi-VN');
  const iso = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const xmp = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.title)}</rdf:li></rdf:Alt></dc:title>
   ${meta.subject ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.subject)}</rdf:li></rdf:Alt></dc:description>` : ''}
   ${meta.author ? `<dc:creator><rdf:Seq><rdf:li>${xmlEscape(meta.author)}</rdf:li></rdf:Seq></dc:creator>` : ''}
   <dc:language><rdf:Bag><rdf:li>${xmlEscape(meta.language ?? 'vi-VN')}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>${iso}</xmp:CreateDate>
   <xmp:ModifyDate>${iso}</xmp:ModifyDate>
   <xmp:MetadataDate>${iso}</xmp:MetadataDate>
   <xmp:CreatorTool>Số hóa Desk</xmp:CreatorTool>
   <pdf:Producer>Số hóa Desk (pdf-lib)</pdf:Producer>
   ${keywords ? `<pdf:Keywords>${xmlEscape(keywords)}</pdf:Keywords>` : ''}
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
  const xmpStream = pdf.context.stream(Buffer.from(xmp, 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(xmpStream));
  const icc = pdf.context.flateStream(await srgbIcc(), { N: 3 });
  const intent = pdf.context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: pdf.context.register(icc),
  });
  pdf.catalog.set(PDFName.of('OutputIntents'), pdf.context.obj([intent]));
  const id = PDFHexString.of(randomBytes(16).toString('hex'));
  pdf.context.trailerInfo.ID = pdf.context.obj([id, id]);
}
