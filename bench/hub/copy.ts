// COPY … FROM STDIN through the `pg` client's own protocol hooks (no pg-copy-streams): a
// submittable query that answers the server's CopyInResponse by streaming text chunks, waiting
// on the socket's drain so a 20-million-row load never piles up in memory.
import type pg from 'pg';

interface Connection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(msg: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

class CopyIn {
  callback?: (err: Error | null, rows?: number) => void;
  private error: Error | null = null;
  private rows = 0;

  constructor(
    private readonly text: string,
    private readonly chunks: () => AsyncIterable<string> | Iterable<string>,
  ) {}

  submit(con: Connection) {
    con.query(this.text);
  }

  handleCopyInResponse(con: Connection) {
    void (async () => {
      try {
        for await (const chunk of this.chunks()) {
          if (this.error) return;
          con.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
          if (con.stream.writableNeedDrain) await new Promise((r) => con.stream.once('drain', r));
        }
        con.endCopyFrom();
      } catch (e) {
        con.sendCopyFail((e as Error).message);
      }
    })();
  }

  handleCommandComplete(msg: { text: string }) {
    this.rows = Number(/(\d+)$/.exec(msg.text)?.[1] ?? 0);
  }

  handleError(err: Error) {
    this.error = err;
  }

  handleReadyForQuery() {
    this.callback?.(this.error, this.rows);
  }

  // the protocol may call these for other statements; COPY FROM never does
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handleCopyData() {}
  handlePortalSuspended() {}
}

/** Runs `COPY <table>(cols) FROM STDIN` with the generator's text chunks (tab-separated lines); the rows copied. */
export function copyFrom(client: pg.Client | pg.PoolClient, sql: string, chunks: () => AsyncIterable<string> | Iterable<string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const q = new CopyIn(sql, chunks);
    q.callback = (err, rows) => (err ? reject(err) : resolve(rows ?? 0));
    // the client accepts any object with submit(); its typings only know Query configs
    (client as unknown as { query(q: unknown): void }).query(q);
  });
}
