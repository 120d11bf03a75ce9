// `sohoa`: batch work on the archive from a terminal. It acts as the local operator of the
// data folder (who can read the files anyway), so it needs no sign-in; its calls go through the
// contract like the screens' (see session.ts) and are audited as the CLI.
import { Command } from 'commander';
import { defaultDataDir } from '../data-dir';
import { registerArchiveCommands } from './archive-commands';
import { registerCoverageCommands } from './coverage-commands';
import { registerHubCommands } from './hub-commands';
import { registerMaintenanceCommands } from './maintenance-commands';
import { registerOcrCommand } from './ocr-command';
import { registerRegisterCommands } from './register-commands';
import { withCore } from './run';
import { registerSigningCommands } from './signing-commands';

const program = new Command('sohoa')
  .description('Số hóa Desk — số hóa, ký số và lưu trữ kết quả giải quyết TTHC')
  .option('--data-dir <dir>', 'thư mục kho lưu trữ', defaultDataDir())
  .option('--json', 'in kết quả dạng JSON cho máy đọc', false)
  .showHelpAfterError();

registerArchiveCommands(program);
registerOcrCommand(program);
registerRegisterCommands(program);
registerCoverageCommands(program);
registerSigningCommands(program);
registerMaintenanceCommands(program, withCore);
registerHubCommands(program);

await program.parseAsync(process.argv);
