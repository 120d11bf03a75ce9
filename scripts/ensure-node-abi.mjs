// Tests run under Node; after `npm start` rebuilt better-sqlite3 for Electron, rebuild it
// for Node again so both paths keep working on one checkout.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (e) {
  if (!/NODE_MODULE_VERSION|was compiled against/.test(String(e))) throw e;
  console.log('better-sqlite3 was built for Electron; rebuilding for Node…');
  execSync('npm rebuild better-sqlite3', { stdio: 'inherit' });
}
