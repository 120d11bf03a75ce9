// Values across a worker-thread boundary. Structured cloning hands a Buffer over as a plain
// Uint8Array; these turn it back, and let large results move without a copy on the receiving
// (main) thread: the worker copies them into buffers of their own, which are then transferred.

/** Large enough that moving it beats copying it on the receiving side. */
const TRANSFER_FROM = 64 * 1024;

const isPlainObject = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * The value with its large byte arrays copied into buffers of their own, listed in `transfer`
 * (a Buffer may share Node's pool or native memory, which cannot be transferred).
 */
export function packForTransfer(value: unknown, transfer: ArrayBuffer[]): unknown {
  if (value instanceof Uint8Array) {
    if (value.byteLength < TRANSFER_FROM) return value;
    const own = new Uint8Array(value.byteLength);
    own.set(value);
    transfer.push(own.buffer);
    return own;
  }
  if (Array.isArray(value)) return value.map((v) => packForTransfer(v, transfer));
  if (value && typeof value === 'object' && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = packForTransfer(v, transfer);
    return out;
  }
  return value;
}

/**
 * The value with every byte array as a Buffer again (no copy). The same array met twice gives
 * the same Buffer: the searchable PDF tells pages of one source file apart by identity.
 */
export function restoreBuffers(value: unknown, seen = new Map<Uint8Array, Buffer>()): unknown {
  if (value instanceof Uint8Array) {
    if (Buffer.isBuffer(value)) return value;
    let buf = seen.get(value);
    if (!buf) seen.set(value, (buf = Buffer.from(value.buffer, value.byteOffset, value.byteLength)));
    return buf;
  }
  if (Array.isArray(value)) return value.map((v) => restoreBuffers(v, seen));
  if (value && typeof value === 'object' && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = restoreBuffers(v, seen);
    return out;
  }
  return value;
}

/** An error as plain data, keeping a CoreError's code and parameters. */
export interface ErrorData {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  params?: Record<string, string | number>;
}

export function errorData(e: unknown): ErrorData {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const { code, params } = e as Error & { code?: unknown; params?: unknown };
  return {
    name: e.name,
    message: e.message,
    stack: e.stack,
    ...(typeof code === 'string' ? { code } : {}),
    ...(params && typeof params === 'object' ? { params: params as Record<string, string | number> } : {}),
  };
}
