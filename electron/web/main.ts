// `npm run web`: the browser host on its own, on the same archive as the desktop app.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Core } from '../core';
import { defaultDataDir } from '../data-dir';
import { seedDemo } from '../coverage/demo';
import { toAppError } from '../errors';
import { rendererDist } from '../paths';
import { openAppWindow } from './open-browser';
import { startWebHost } from './server';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    'no-open': { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
  },
});

try {
  // the demo gets an archive of its own, so trying it never touches real records
  const dataDir = path.resolve(values['data-dir'] ?? (values.demo ? `${defaultDataDir()}-demo` : defaultDataDir()));
  const core = Core.open({ dataDir, shell: 'web' });
  if (values.demo && (await seedDemo(core, (s) => console.log(s)))) console.log('Đã tạo kho mẫu.');
  const host = await startWebHost({ core, rendererDir: rendererDist(), port: Number(values.port) });
  console.log(`Số hóa Desk đang chạy tại ${host.launchUrl}`);
  console.log(`Kho lưu trữ: ${dataDir}`);
  // the Chromium profile sits beside the archive, never inside it (backups stay clean)
  if (!values['no-open'] && openAppWindow(host.launchUrl, `${dataDir}.browser-profile`))
    console.log('Đã mở cửa sổ Chromium. Nhấn Ctrl+C để dừng.');
  else console.log('Mở địa chỉ trên bằng Chromium, Chrome hoặc Edge. Nhấn Ctrl+C để dừng.');
  const stop = async () => {
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(`Không khởi động được Số hóa Desk: ${toAppError(e).message}`);
  process.exit(1);
}
