// Blob intake from desks: only hashes a document of the province declared (a blobs row) are
// accepted, chunk by chunk at the offset already held, under the row's lock so two hub
// processes never interleave a blob's chunks; complete once the bytes hash to the name.
import type { Pool } from '../db/pool';
import { tx } from '../db/pool';
import type { BlobStore } from './blob-store';
import { refuse } from './refusal';

export async function blobStatus(pool: Pool, store: BlobStore, sha256: string) {
  const row = (await pool.query<{ size: number; complete: boolean }>('SELECT size, complete FROM blobs WHERE sha256 = $1', [sha256])).rows[0];
  if (!row) return { complete: false, received: 0 };
  return { complete: row.complete, received: row.complete ? row.size : await store.received(sha256) };
}

export async function receiveChunk(pool: Pool, store: BlobStore, sha256: string, offset: number, chunk: Buffer) {
  return tx(pool, async (c) => {
    const row = (await c.query<{ size: number; complete: boolean }>('SELECT size, complete FROM blobs WHERE sha256 = $1 FOR UPDATE', [sha256])).rows[0];
    if (!row) throw refuse(404, 'BAD_REQUEST', 'không có văn bản nào khai tệp này');
    if (row.complete) return { complete: true, received: row.size };
    if (offset + chunk.length > row.size) throw refuse(422, 'BLOB_HASH_MISMATCH', `vượt kích thước đã khai ${row.size} byte`);
    const received = await store.append(sha256, offset, chunk);
    if (received < row.size) return { complete: false, received };
    if (!(await store.finish(sha256))) throw refuse(422, 'BLOB_HASH_MISMATCH');
    await c.query('UPDATE blobs SET complete = true, received = size WHERE sha256 = $1', [sha256]);
    return { complete: true, received: row.size };
  });
}
