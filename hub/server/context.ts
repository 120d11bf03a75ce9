// What every hub route works with: the pool, the blob store, the province's name and a log.
import type { Pool } from '../db/pool';
import type { BlobStore } from '../ingest/blob-store';

export interface HubContext {
  pool: Pool;
  blobs: BlobStore;
  hubName: string;
  /** SHA-256 of the hub's TLS certificate, which desks pin when they enrol (shown to the hub admin). */
  fingerprint: string;
  log: (line: string) => void;
}
