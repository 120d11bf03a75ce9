// `npm run hub`: the province hub on PostgreSQL. Creates the database when missing, migrates
// it (refusing a newer schema), seeds the built-in catalogue on first start (and the demo
// province with --demo), then serves HTTPS until stopped.
import { readConfig } from './config';
import { startHub } from './server/app';
import { firstStart } from './setup';

async function main() {
  const config = readConfig(process.argv.slice(2), process.env);
  const hub = await startHub({ ...config, log: (s) => console.log(s) });
  const notes = await firstStart(hub.ctx.pool, config);
  const shown = config.host === '0.0.0.0' ? `https://<địa chỉ máy chủ>:${hub.port}` : `https://${config.host}:${hub.port}`;
  console.log(`Máy chủ tỉnh "${config.hubName}" đang chạy: ${shown} (trên máy này: ${hub.url})`);
  console.log(`Vân tay chứng thư TLS (SHA-256), để các máy trạm ghim khi đăng ký: ${hub.fingerprint}`);
  for (const n of notes) console.log(n);
  const stop = () => hub.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: Error) => {
  console.error(`Không khởi động được máy chủ tỉnh: ${e.message}`);
  process.exit(1);
});
