// The hub's settings, from the command line and the environment (a systemd unit sets them).
import path from 'node:path';

export interface HubConfig {
  databaseUrl: string;
  dataDir: string;
  port: number;
  host: string;
  hubName: string;
  demo: boolean;
  tls?: { certFile: string; keyFile: string };
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/sohoa_hub';

export function readConfig(argv: string[], env: NodeJS.ProcessEnv): HubConfig {
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const cert = flag('cert') ?? env.HUB_TLS_CERT;
  const key = flag('key') ?? env.HUB_TLS_KEY;
  if (!!cert !== !!key) throw new Error('Cần cả --cert và --key (hoặc HUB_TLS_CERT và HUB_TLS_KEY).');
  const port = Number(flag('port') ?? env.HUB_PORT ?? 8443);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Cổng không hợp lệ: ${flag('port') ?? env.HUB_PORT}`);
  return {
    databaseUrl: flag('database') ?? env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    dataDir: path.resolve(flag('data') ?? env.HUB_DATA_DIR ?? '.sohoa-hub'),
    port,
    host: flag('host') ?? env.HUB_HOST ?? '0.0.0.0',
    hubName: flag('name') ?? env.HUB_NAME ?? 'Máy chủ tỉnh Thanh Hóa',
    demo: argv.includes('--demo'),
    tls: cert && key ? { certFile: cert, keyFile: key } : undefined,
  };
}
