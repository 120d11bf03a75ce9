// Direct scanning through SANE's `scanimage` (Linux; macOS with SANE installed). Devices,
// their resolutions, modes and sources are read from scanimage itself; a scan writes one
// TIFF per page into a folder the caller imports. On Windows, a NAPS2 or WIA profile saving
// into the hot folder does the same job (README).
import { spawn } from 'node:child_process';
import type { ScannerDevice, ScannerOptions } from '../../shared/contract';
import { CoreError } from '../errors';

const SCANIMAGE = process.env.SOHOA_SCANIMAGE || 'scanimage';

function run(args: string[], timeoutMs = 30_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(SCANIMAGE, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => p.kill('SIGTERM'), timeoutMs);
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new CoreError('SCANNER_UNAVAILABLE') : e);
    });
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

export async function listScanners(): Promise<{ available: boolean; devices: ScannerDevice[] }> {
  try {
    const r = await run(['--formatted-device-list=%d|%v|%m|%t%n']);
    const devices = r.stdout
      .split('\n')
      .map((l) => l.trim().split('|'))
      .filter((p) => p.length >= 4 && p[0])
      .map(([name, vendor, model, type]) => ({ name, vendor, model, type }));
    return { available: true, devices };
  } catch (e) {
    if (e instanceof CoreError && e.code === 'SCANNER_UNAVAILABLE') return { available: false, devices: [] };
    throw e;
  }
}

const COMMON_DPI = [150, 200, 300, 400, 600];

/** Resolutions, colour modes and paper sources the device offers (`scanimage -A`). */
export async function scannerOptions(device: string): Promise<ScannerOptions> {
  const r = await run(['-d', device, '-A']);
  if (r.code !== 0) throw new CoreError('SCANNER_FAILED', { device, detail: lastLine(r.stderr) });
  const opt = (name: string) => new RegExp(`^\\s+--${name}\\s+(\\S.*?)\\s+\\[`, 'm').exec(r.stdout)?.[1] ?? '';
  const list = (v: string) => v.replace(/dpi$/, '').split('|').map((s) => s.trim()).filter(Boolean);
  const res = opt('resolution');
  let resolutions: number[];
  const range = /^(\d+)\.\.(\d+)dpi/.exec(res);
  if (range) resolutions = COMMON_DPI.filter((d) => d >= Number(range[1]) && d <= Number(range[2]));
  else resolutions = list(res).map(Number).filter((n) => Number.isFinite(n));
  return { resolutions, modes: list(opt('mode')), sources: list(opt('source')) };
}

export interface ScanRequest {
  device: string;
  resolution: number;
  mode: string;
  source: string | null;
  duplex: boolean;
}

/**
 * Scans into `dir` as page-0001.tif, page-0002.tif…: one page from a flatbed, until the
 * feeder is empty from an ADF. Resolves with the files in page order.
 */
export function scan(req: ScanRequest, dir: string, opts: { onPage?: (n: number) => void; cancelled?: () => boolean } = {}): Promise<string[]> {
  const feeder = !!req.source && /feeder|adf|duplex/i.test(req.source);
  const args = ['-d', req.device, '--format=tiff', `--resolution=${req.resolution}`, `--batch=${dir}/page-%04d.tif`];
  if (req.mode) args.push(`--mode=${req.mode}`);
  if (req.source) args.push(`--source=${req.source}`);
  if (!feeder) args.push('--batch-count=1');
  return new Promise((resolve, reject) => {
    const p = spawn(SCANIMAGE, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let pages = 0;
    const poll = setInterval(() => opts.cancelled?.() && p.kill('SIGINT'), 300);
    p.stderr.on('data', (d) => {
      stderr += d;
      for (const m of String(d).matchAll(/Scanned page (\d+)/g)) {
        pages = Number(m[1]);
        opts.onPage?.(pages);
      }
    });
    p.on('error', (e: NodeJS.ErrnoException) => {
      clearInterval(poll);
      reject(e.code === 'ENOENT' ? new CoreError('SCANNER_UNAVAILABLE') : e);
    });
    p.on('close', (code) => {
      clearInterval(poll);
      const files = Array.from({ length: pages }, (_, i) => `${dir}/page-${String(i + 1).padStart(4, '0')}.tif`);
      // an emptied feeder ends a batch normally; anything else with no page is an error
      if (code !== 0 && !pages && !opts.cancelled?.()) reject(new CoreError('SCANNER_FAILED', { device: req.device, detail: lastLine(stderr) }));
      else if (!pages && !opts.cancelled?.()) reject(new CoreError('SCANNER_FAILED', { device: req.device, detail: 'không có trang nào (khay nạp giấy trống?)' }));
      else resolve(files);
    });
  });
}

const lastLine = (s: string) => s.trim().split('\n').filter((l) => !/^Scanning|^Scanned|^Batch/.test(l)).pop() ?? s.trim();
