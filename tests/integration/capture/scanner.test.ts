// Direct scanning through SANE's scanimage, against SANE's own "test" backend (a real driver
// that produces frames): listing, options, a flatbed page, a feeder batch, through the core.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listScanners, scan, scannerOptions } from '../../../electron/capture/scanner';
import { must, setUpCore, tempDir } from '../../helpers';

const saved = process.env.SANE_CONFIG_DIR;
beforeAll(() => {
  // only the test backend, so the run does not probe real hardware
  const conf = tempDir('sohoa-sane-');
  fs.writeFileSync(path.join(conf, 'dll.conf'), 'test\n');
  if (fs.existsSync('/etc/sane.d/test.conf')) fs.copyFileSync('/etc/sane.d/test.conf', path.join(conf, 'test.conf'));
  process.env.SANE_CONFIG_DIR = conf;
});
afterAll(() => {
  if (saved === undefined) delete process.env.SANE_CONFIG_DIR;
  else process.env.SANE_CONFIG_DIR = saved;
});

describe('SANE scanning', () => {
  it('lists devices and what they offer', async () => {
    const { available, devices } = await listScanners();
    expect(available).toBe(true);
    expect(devices[0]).toMatchObject({ name: 'test:0', vendor: 'Noname', model: 'frontend-tester' });
    const o = await scannerOptions('test:0');
    expect(o.resolutions).toEqual([150, 200, 300, 400, 600]);
    expect(o.modes).toEqual(expect.arrayContaining(['Gray', 'Color']));
    expect(o.sources).toEqual(['Flatbed', 'Automatic Document Feeder']);
  });

  it('scans one page from the flatbed and every page from the feeder, reporting each', async () => {
    const flat = await scan({ device: 'test:0', resolution: 200, mode: 'Color', source: 'Flatbed', duplex: false }, tempDir());
    expect(flat).toHaveLength(1);
    const seen: number[] = [];
    const adf = await scan({ device: 'test:0', resolution: 150, mode: 'Gray', source: 'Automatic Document Feeder', duplex: false }, tempDir(), { onPage: (n) => seen.push(n) });
    expect(adf).toHaveLength(10); // the test feeder holds ten sheets
    expect(seen[seen.length - 1]).toBe(10);
    for (const f of adf) expect(fs.statSync(f).size).toBeGreaterThan(0);
  });

  it('reports a device that is not there, in plain words', async () => {
    await expect(scan({ device: 'test:9', resolution: 200, mode: 'Color', source: null, duplex: false }, tempDir())).rejects.toThrow(/Máy quét test:9 báo lỗi/);
  });

  it('turns a feeder batch into one archived document with the resolution and colour warnings of rule 3', async () => {
    const { core, admin } = await setUpCore();
    const { jobId } = await must(core.call('scanner.scan', { device: 'test:0', resolution: 150, mode: 'Gray', source: 'Automatic Document Feeder', ocr: false }, admin));
    await core.jobs.idle();
    const st = await must(core.call('jobs.get', { id: jobId }, admin));
    expect(st).toMatchObject({ kind: 'scan', state: 'done' });
    const [o] = st.outcomes;
    expect(o).toMatchObject({ status: 'imported', pages: 10 });
    expect(o.notices.map((n: any) => n.code)).toEqual(expect.arrayContaining(['PAGE_LOW_DPI', 'PAGE_NOT_COLOUR']));
    const d = await must(core.call('documents.get', { id: o.documentId }, admin));
    expect(d.pages[0]).toMatchObject({ dpi: 150, colour: false });
    await core.close();
  });
});
