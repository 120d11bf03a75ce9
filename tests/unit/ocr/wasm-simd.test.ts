import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
// each check in a fresh process: the flag, once set, stays set for the process
const probe = (script: string, flags: string[] = [], env: Record<string, string> = {}) =>
  execFileSync(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } }).trim();

describe('WebAssembly relaxed SIMD for the OCR workers', () => {
  it('is found where the runtime has it, and switched on where it is behind a flag', () => {
    const script = "import { hasRelaxedSimd, enableRelaxedSimd } from './electron/ocr/wasm-simd.ts'; console.log(hasRelaxedSimd(), enableRelaxedSimd(), hasRelaxedSimd());";
    const withFlag = probe(script, ['--experimental-wasm-relaxed-simd']);
    expect(withFlag).toBe('true true true');
    const plain = probe(script);
    // Node 20 has it behind the flag; a newer V8 has it on already
    expect(['false true true', 'true true true']).toContain(plain);
    // switched off: the plain SIMD build, unless the runtime has relaxed SIMD of its own
    expect(['false false false', 'true true true']).toContain(probe(script, [], { SOHOA_OCR_RELAXED_SIMD: '0' }));
  });

  it('reaches the worker threads started after it', () => {
    const script =
      "import { enableRelaxedSimd, RELAXED_SIMD_PROBE } from './electron/ocr/wasm-simd.ts'; import { Worker } from 'node:worker_threads'; enableRelaxedSimd(); new Worker(\"const { workerData } = require('node:worker_threads'); console.log('worker', WebAssembly.validate(workerData))\", { eval: true, workerData: RELAXED_SIMD_PROBE, execArgv: [] });";
    expect(probe(script)).toBe('worker true');
  });
});
