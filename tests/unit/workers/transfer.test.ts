import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../electron/errors';
import { rebuildError } from '../../../electron/workers/run';
import { errorData, packForTransfer, restoreBuffers } from '../../../electron/workers/transfer';

describe('values across a worker boundary', () => {
  it('copies large byte arrays into buffers of their own to transfer, and leaves small ones', () => {
    const big = Buffer.alloc(200_000, 7);
    const small = Buffer.from('P5');
    const transfer: ArrayBuffer[] = [];
    const packed = packForTransfer({ image: { data: big, width: 1 }, list: [small], n: 3 }, transfer) as any;
    expect(transfer).toHaveLength(1);
    expect(packed.image.data.buffer).toBe(transfer[0]);
    expect(packed.image.data.buffer).not.toBe(big.buffer); // the worker's own buffer stays usable
    expect(Buffer.from(packed.image.data).equals(big)).toBe(true);
    expect(packed.list[0]).toBe(small);
    expect(packed.n).toBe(3);
  });

  it('turns byte arrays back into Buffers, one Buffer for an array met twice', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const back = restoreBuffers({ pages: [{ source: { bytes } }, { source: { bytes } }], name: 'x' }) as any;
    expect(Buffer.isBuffer(back.pages[0].source.bytes)).toBe(true);
    expect(back.pages[0].source.bytes).toBe(back.pages[1].source.bytes);
    expect([...back.pages[1].source.bytes]).toEqual([1, 2, 3]);
    expect(back.name).toBe('x');
  });

  it('rebuilds a CoreError with its code and message; other errors keep theirs', () => {
    const original = new CoreError('PDF_ENCRYPTED', { file: 'a.pdf' });
    const again = rebuildError(errorData(original));
    expect(again).toBeInstanceOf(CoreError);
    expect((again as CoreError).code).toBe('PDF_ENCRYPTED');
    expect(again.message).toBe(original.message);
    const sys = rebuildError(errorData(Object.assign(new Error('no such file'), { code: 'ENOENT' })));
    expect(sys).not.toBeInstanceOf(CoreError);
    expect(sys.message).toBe('no such file');
    expect((sys as Error & { code: string }).code).toBe('ENOENT');
  });
});
