// `sohoa hub enrol|status|push`: the desk's link to its province hub, through the contract.
import type { Command } from 'commander';
import type { HubStatus } from '../../shared/sync-contract';
import { withCore } from './run';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('vi-VN') : 'chưa có');

function statusLines(s: HubStatus): string[] {
  if (!s.enrolled) return ['Máy này chưa đăng ký với máy chủ tỉnh.'];
  return [
    `Máy chủ tỉnh: ${s.url}${s.hubName ? ` (${s.hubName})` : ''}`,
    `Dấu vân tay chứng chỉ đã ghim: ${s.fingerprint}`,
    `Mã máy: ${s.deskId}; đơn vị: ${s.unit ? `${s.unit.name} (${s.unit.code})` : '—'}`,
    `Đã được xác nhận tới #${s.acked}; còn chờ gửi: ${s.waiting} thay đổi`,
    `Lần gửi thành công gần nhất: ${when(s.lastSyncAt)}`,
    ...(s.lastError ? [`Lỗi gần nhất (${when(s.lastError.at)}): ${s.lastError.message}`] : []),
  ];
}

export function registerHubCommands(program: Command): void {
  const hub = program.command('hub').description('đồng bộ lên máy chủ tỉnh');
  hub
    .command('enrol')
    .description('đăng ký máy này với máy chủ tỉnh bằng mã đăng ký một lần (chỉ địa chỉ https://)')
    .argument('<url>', 'địa chỉ máy chủ tỉnh, ví dụ https://sohoa.thanhhoa.gov.vn')
    .argument('<code>', 'mã đăng ký do quản trị máy chủ tỉnh cấp')
    .option('--fingerprint <sha256>', 'dấu vân tay SHA-256 của chứng chỉ máy chủ (do quản trị máy chủ tỉnh đọc cho); khác thì từ chối')
    .action((url: string, code: string, opts: { fingerprint?: string }, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        const s = await cli.call('hub.enrol', { url, code, fingerprint: opts.fingerprint });
        out.result(s, () => ['Đã đăng ký với máy chủ tỉnh. Chạy "sohoa hub push" để gửi dữ liệu.', ...statusLines(s)]);
        return true;
      }),
    );
  hub
    .command('status')
    .description('trạng thái đồng bộ: địa chỉ, dấu vân tay đã ghim, số thay đổi chờ gửi, lỗi gần nhất')
    .action((_opts: unknown, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        const s = await cli.call('hub.status', {});
        out.result(s, () => statusLines(s));
        return true;
      }),
    );
  hub
    .command('push')
    .description('gửi ngay mọi thay đổi đang chờ lên máy chủ tỉnh')
    .action((_opts: unknown, cmd: Command) =>
      withCore(cmd, async (cli, out) => {
        const r = await cli.call('hub.push', {});
        out.result(r, () => [`Đã gửi ${r.sent} mục và ${r.blobs} bản ký số; máy chủ đã xác nhận tới #${r.acked}; còn chờ ${r.waiting}.`]);
        return true;
      }),
    );
}
