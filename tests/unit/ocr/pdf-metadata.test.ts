import { describe, expect, it } from 'vitest';
import { FIELD_NAMES, type Fields } from '../../../electron/ocr/fields';
import { documentTitle, searchableMetadata } from '../../../electron/ocr/pdf-metadata';

const fields = (values: Partial<Record<keyof Fields, string>>): Fields =>
  Object.fromEntries(FIELD_NAMES.map((n) => [n, { value: values[n] ?? null, confidence: values[n] ? 0.9 : 0, page: null, bbox: null, source: 'ocr' }])) as Fields;

describe('searchable PDF metadata', () => {
  it('titles the PDF from type, number and subject, as the archive names the document', () => {
    const f = fields({ type: 'Công văn', number: '1147/UBND-VP', subject: 'chấn chỉnh công tác văn thư', agency: 'UBND huyện Như Xuân', date: '2024-03-12', dossierCode: 'H56.38-240312-0042' });
    const meta = searchableMetadata(f, 'scan-001.jpg');
    expect(meta.title).toBe('Công văn 1147/UBND-VP: chấn chỉnh công tác văn thư');
    expect(meta.title).toBe(documentTitle((n) => f[n].value));
    expect(meta.subject).toBe('chấn chỉnh công tác văn thư');
    expect(meta.author).toBe('UBND huyện Như Xuân');
    expect(meta.keywords).toEqual(['Công văn', '1147/UBND-VP', '2024-03-12', 'UBND huyện Như Xuân', 'H56.38-240312-0042']);
  });

  it('falls back to the given title when the fields name nothing, and keeps long titles to 200 characters', () => {
    expect(searchableMetadata(fields({ agency: 'UBND xã Thanh Sơn' }), 'scan-001.jpg')).toMatchObject({ title: 'scan-001.jpg', subject: null, keywords: ['UBND xã Thanh Sơn'] });
    const long = searchableMetadata(fields({ type: 'Quyết định', subject: 'về việc '.repeat(40) }), 'x').title;
    expect(long.length).toBe(200);
    expect(long.endsWith('…')).toBe(true);
  });
});
