// What every hub route works with: the pool, the blob store, the province's name and a log.
import type { Pool } from '../db/pool';
import type { BlobStore } from '../ingest/blob-store';

export interface HubContext {
  /** staff screens, sign-in, desk authentication and the reuse lookup */
  pool: Pool;
  /**
   * Desks' batches and blob chunks, on a small pool of their own: when 200 desks push at once
   * they queue here (a batch holds its connection for the whole transaction), not in front of a
   * head's dashboard or an officer's lookup, and no more of them run than the cores can serve.
   */
  ingest: Pool;
  blobs: BlobStore;
  hubName: string;
  /** SHA-256 of the hub's TLS certificate, which desks pin when they enrol (shown to the hub admin). */
  fingerprint: string;
  log: (line: string) => void;
}
