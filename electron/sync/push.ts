// One push round: learn what the hub holds, send what follows it in batches (each item built
// from the archive as it is now), record the acknowledged sequence only from the hub's answer,
// then upload the signed copies the hub lacks, by chunks, resuming where it stopped.
import fs from 'node:fs';
import { BatchResponse, BlobStatusResponse, DeskStatusResponse, HUB_BATCH_MAX_ITEMS, HUB_BLOB_CHUNK_BYTES, type OutboxItem } from '../../shared/hub-protocol';
import type { PushOutcome } from '../../shared/sync-contract';
import type { BlobStore } from '../archive/blobs';
import type { Db } from '../archive/db';
import { archiveKey } from '../coverage/packages';
import { CoreError } from '../errors';
import { hubCall, type HubEndpoint } from './hub-client';
import { buildItem, buildScope, type BuildScope } from './items';
import { addPendingBlobs, blobDone, dropRows, pendingBlobs, pendingRows, queueAll, waitingCount } from './outbox';
import type { RequestSigner } from './request-signing';
import { ackedSeq, enrolment, setAcked, type Enrolment } from './sync-state';

export interface PushEnv {
  db: Db;
  blobs: BlobStore;
  dataDir: string;
}

export interface PushProgress {
  phase: 'items' | 'blobs';
  done: number;
  total: number;
}

interface Session {
  env: PushEnv;
  enrolment: Enrolment;
  ep: HubEndpoint;
  signer: RequestSigner;
}

/** The hub's acknowledged sequence, kept; a hub that lost what it had acknowledged (restored from a backup) gets everything again. */
function recordHubAck(s: Session, acked: number): void {
  const { db } = s.env;
  db.transaction(() => {
    if (acked < ackedSeq(db)) {
      console.warn(`Số hóa Desk: máy chủ tỉnh chỉ còn giữ tới #${acked} (máy đã gửi tới #${ackedSeq(db)}); gửi lại toàn bộ.`);
      queueAll(db, s.enrolment.unitId, acked);
    }
    setAcked(db, acked);
    dropRows(db, acked);
  })();
}

/** The next batch: items after `acked`, with the rows that have nothing to send dropped on the way. */
function nextBatch(db: Db, acked: number, scope: BuildScope): OutboxItem[] {
  for (;;) {
    const rows = pendingRows(db, acked, HUB_BATCH_MAX_ITEMS);
    if (!rows.length) return [];
    const items: OutboxItem[] = [];
    const dead: number[] = [];
    for (const row of rows) {
      const item = buildItem(db, row, scope);
      if (item) items.push(item);
      else dead.push(row.seq);
    }
    if (dead.length) db.transaction(() => dropRows(db, acked, dead))();
    if (items.length) return items;
  }
}

async function sendBatches(s: Session, acked: number, progress: (p: PushProgress) => void): Promise<{ sent: number; acked: number }> {
  const { db } = s.env;
  const scope = buildScope(db, s.enrolment.unitId);
  const total = waitingCount(db, acked);
  let sent = 0;
  for (;;) {
    progress({ phase: 'items', done: Math.min(total - waitingCount(db, acked), total), total });
    const items = nextBatch(db, acked, scope);
    if (!items.length) return { sent, acked };
    const r = await hubCall(s.ep, { method: 'POST', path: '/api/desk/batch', json: { items }, signer: s.signer }, BatchResponse);
    const last = items[items.length - 1].seq;
    if (r.acked < last) throw new CoreError('HUB_BAD_ANSWER', { request: 'lô dữ liệu gửi lên', detail: `chỉ nhận tới #${r.acked} trong lô tới #${last}` });
    // the acknowledgement and the blobs still owed are recorded together, only from the hub's answer
    db.transaction(() => {
      addPendingBlobs(db, r.missingBlobs);
      setAcked(db, r.acked);
      dropRows(db, r.acked);
    })();
    acked = r.acked;
    sent += items.length;
  }
}

/** Uploads one signed copy from where the hub's copy stops. */
async function uploadBlob(s: Session, sha: string): Promise<void> {
  const path = `/api/desk/blobs/${sha}`;
  let st = await hubCall(s.ep, { method: 'GET', path, signer: s.signer }, BlobStatusResponse);
  if (st.complete) return;
  const file = s.env.blobs.pathOf(sha);
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    while (!st.complete) {
      const offset = st.received;
      if (offset >= size) throw new CoreError('HUB_BAD_ANSWER', { request: `tệp bản ký số ${sha.slice(0, 12)}…`, detail: `đã nhận ${offset} byte của tệp ${size} byte mà chưa xong` });
      const chunk = Buffer.alloc(Math.min(HUB_BLOB_CHUNK_BYTES, size - offset));
      fs.readSync(fd, chunk, 0, chunk.length, offset);
      st = await hubCall(
        s.ep,
        { method: 'PUT', path: `${path}?offset=${offset}`, body: chunk, headers: { 'content-type': 'application/octet-stream', 'x-sohoa-blob-size': String(size) }, signer: s.signer },
        BlobStatusResponse,
      );
    }
  } finally {
    fs.closeSync(fd);
  }
}

async function sendBlobs(s: Session, progress: (p: PushProgress) => void): Promise<number> {
  const shas = pendingBlobs(s.env.db);
  let done = 0;
  for (const sha of shas) {
    progress({ phase: 'blobs', done, total: shas.length });
    if (s.env.blobs.has(sha)) await uploadBlob(s, sha);
    // a copy missing here (the archive check reports it) cannot be sent by waiting
    else console.warn(`Số hóa Desk: thiếu tệp bản ký số ${sha} trong kho; không gửi lên tỉnh được.`);
    blobDone(s.env.db, sha);
    done++;
  }
  return done;
}

/** One full round; throws the hub's refusal or the network's failure as a CoreError. */
export async function pushOnce(env: PushEnv, progress: (p: PushProgress) => void = () => {}): Promise<PushOutcome> {
  const e = enrolment(env.db);
  if (!e) throw new CoreError('HUB_NOT_ENROLLED');
  const s: Session = { env, enrolment: e, ep: { url: e.url, fingerprint: e.fingerprint }, signer: { deskId: e.deskId, privateKey: archiveKey(env.dataDir).privateKey } };
  const st = await hubCall(s.ep, { method: 'GET', path: '/api/desk/status', signer: s.signer }, DeskStatusResponse);
  recordHubAck(s, st.acked);
  const { sent, acked } = await sendBatches(s, st.acked, progress);
  const blobs = await sendBlobs(s, progress);
  return { sent, acked, blobs, waiting: waitingCount(env.db, acked) };
}
