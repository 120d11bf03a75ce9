// tesseract.js reads with its fastest build (WebAssembly relaxed SIMD: fused multiply-add in
// the LSTM's dot products) only where the runtime has relaxed SIMD. Electron's V8 has it on;
// Node 20's, which runs the browser host, the command line and the benches, has it behind a
// flag. Switching the flag on before the first worker starts makes every host read with the
// build the desk app reads with.
import v8 from 'node:v8';

// the global every V8 has, unless run without a compiler (--jitless); the project's type libraries leave it out
declare const WebAssembly: { validate(bytes: Uint8Array): boolean } | undefined;

// a module of one function, (v128) → v128, whose body is f32x4.relaxed_madd (0xfd 0x105)
export const RELAXED_SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
  0x01, 0x06, 0x01, 0x60, 0x01, 0x7b, 0x01, 0x7b, // type: (v128) → v128
  0x03, 0x02, 0x01, 0x00, // function 0 of that type
  0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x00, 0x20, 0x00, 0xfd, 0x85, 0x02, 0x0b, // code
]);

export const hasRelaxedSimd = (): boolean => typeof WebAssembly === 'object' && WebAssembly.validate(RELAXED_SIMD_PROBE);

let asked = false;

/**
 * Relaxed SIMD on for the workers started from now on; whether the runtime has it. Asked once,
 * never inside Electron (its V8 decides), and not at all with SOHOA_OCR_RELAXED_SIMD=0: relaxed
 * SIMD may round a fused multiply-add differently from one CPU to another, and that switch
 * keeps every machine on the plain SIMD build, which reads alike everywhere.
 */
export function enableRelaxedSimd(): boolean {
  if (!asked && !process.versions.electron && process.env.SOHOA_OCR_RELAXED_SIMD !== '0' && !hasRelaxedSimd()) {
    asked = true;
    v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  }
  return hasRelaxedSimd();
}
