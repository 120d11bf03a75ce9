import { describe, expect, it } from 'vitest';
import { sniff } from '../../../electron/capture/sniff';

describe('sniff', () => {
  it('recognises the formats by their first bytes', () => {
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('png');
    expect(sniff(Buffer.from('II*\0'))).toBe('tiff');
    expect(sniff(Buffer.from('MM\0*'))).toBe('tiff');
    expect(sniff(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniff(Buffer.from('\n\n%PDF-1.4'))).toBe('pdf');
    expect(sniff(Buffer.from('hello'))).toBeNull();
    expect(sniff(Buffer.alloc(0))).toBeNull();
  });
});
