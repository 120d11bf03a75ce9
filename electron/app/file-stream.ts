// An archived file as a web stream for the app:// protocol. Node's Readable.toWeb over a file
// stream can throw "Invalid state: Controller is already closed" out of a data event when the
// window cancels a large PDF half-way (the viewer closed, a newer version asked for), which would
// take the main process down; this one reads only when asked and stops cleanly on cancel.
import fs from 'node:fs';

const CHUNK = 256 * 1024;

export function fileWebStream(path: string): ReadableStream<Uint8Array> {
  let handle: fs.promises.FileHandle | null = null;
  let done = false;
  const finish = async () => {
    done = true;
    const h = handle;
    handle = null;
    await h?.close().catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>({
    async start() {
      handle = await fs.promises.open(path, 'r');
    },
    async pull(controller) {
      if (done || !handle) return;
      const buf = Buffer.allocUnsafe(CHUNK);
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buf, 0, CHUNK, null));
      } catch (e) {
        if (done) return; // cancelled while the read was under way
        await finish();
        throw e;
      }
      if (done) return;
      if (bytesRead === 0) {
        await finish();
        controller.close();
        return;
      }
      controller.enqueue(new Uint8Array(buf.buffer, buf.byteOffset, bytesRead));
    },
    async cancel() {
      await finish();
    },
  });
}
