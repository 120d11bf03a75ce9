// The lint rules that hold the layers apart, run through ESLint on probe files placed in each
// layer (linted as text, never written): each forbidden import is reported on its own line,
// the allowed ones beside it are not.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LAYER_RULES = new Set(['no-restricted-imports', 'import-x/no-nodejs-modules', 'import-x/no-restricted-paths', 'import-x/no-cycle']);
const eslint = new ESLint({ cwd: ROOT });

/** Lines (1-based) of `code` that break a layering rule when it sits at `file`. */
async function layerFindings(file: string, code: string): Promise<{ line: number; rule: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId && LAYER_RULES.has(m.ruleId)).map((m) => ({ line: m.line, rule: m.ruleId! }));
}

describe('layering rules', () => {
  it('keeps the renderer to shared/, its own files and browser packages', async () => {
    const code = [
      "import { ipcRenderer } from 'electron';",
      "import fs from 'node:fs';",
      "import type { Core } from '../../../../electron/core';",
      "import Database from 'better-sqlite3';",
      "import { foldVietnamese } from '../../../../shared/fold';",
      "import { formatBytes } from '../../format';",
      "import { Button } from 'antd';",
      'export const probe = [ipcRenderer, fs, Database, foldVietnamese, formatBytes, Button] as unknown as Core[];',
    ].join('\n');
    expect(await layerFindings('renderer/src/features/probe/Probe.tsx', code)).toEqual([
      { line: 1, rule: 'no-restricted-imports' },
      { line: 2, rule: 'import-x/no-nodejs-modules' },
      { line: 3, rule: 'import-x/no-restricted-paths' },
      { line: 4, rule: 'no-restricted-imports' },
    ]);
  });

  it('keeps shared/ to itself and npm packages', async () => {
    const code = [
      "import { CoreError } from '../electron/errors';",
      "import { z } from 'zod';",
      "import { ROLES } from './roles';",
      'export const probe = [CoreError, z, ROLES];',
    ].join('\n');
    expect(await layerFindings('shared/probe.ts', code)).toEqual([{ line: 1, rule: 'import-x/no-restricted-paths' }]);
  });

  it('keeps domain modules away from the shells, core.ts, the merged handlers and electron', async () => {
    const code = [
      "import type { Core } from '../core';",
      "import { handlers } from '../handlers';",
      "import { startWebHost } from '../web/server';",
      "import { app } from 'electron';",
      "import { audit } from '../accounts/audit';",
      "import type { CallContext } from '../call-context';",
      "import type { Db } from '../archive/db';",
      'export const probe = [handlers, startWebHost, app, audit] as unknown as [Core, CallContext, Db];',
    ].join('\n');
    expect(await layerFindings('electron/coverage/probe.ts', code)).toEqual([
      { line: 1, rule: 'import-x/no-restricted-paths' },
      { line: 2, rule: 'import-x/no-restricted-paths' },
      { line: 3, rule: 'import-x/no-restricted-paths' },
      { line: 4, rule: 'no-restricted-imports' },
    ]);
  });

  it('lets a shell import the core and electron', async () => {
    const code = ["import type { Core } from '../core';", "import { app } from 'electron';", 'export const probe = app as unknown as Core;'].join('\n');
    expect(await layerFindings('electron/app/probe.ts', code)).toEqual([]);
  });

  it('reports an import circle', async () => {
    // shared/contract.ts imports roles.ts, so roles.ts importing the contract closes a circle
    const roles = fs.readFileSync(path.join(ROOT, 'shared/roles.ts'), 'utf8');
    expect(await layerFindings('shared/roles.ts', roles)).toEqual([]);
    const circular = `${roles}\nimport { contract } from './contract';\nexport const probe = contract;\n`;
    expect(await layerFindings('shared/roles.ts', circular)).toEqual([{ line: roles.split('\n').length + 1, rule: 'import-x/no-cycle' }]);
  });
});
