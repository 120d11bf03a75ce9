// The layering, checked on the real import graph (esbuild's, from every entry point): no
// circles, the renderer reaches only shared/ and itself, domain modules reach no shell and not
// the core, shared/ reaches nothing outside itself.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ENTRIES = ['electron/cli/main.ts', 'electron/web/main.ts', 'electron/app/main.ts', 'electron/app/core-host.ts', 'electron/preload.ts', 'renderer/src/main.tsx'];
const SHELLS = /^electron\/(app|web|cli)\//;

async function importGraph(): Promise<Map<string, string[]>> {
  const r = await build({
    entryPoints: ENTRIES,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: 'out',
    logLevel: 'silent',
    loader: { '.css': 'empty', '.png': 'empty', '.svg': 'empty', '.woff2': 'empty' },
  });
  const g = new Map<string, string[]>();
  // packages appear by name ('electron', 'node:fs'), the project's own files by path
  for (const [file, v] of Object.entries(r.metafile.inputs)) g.set(file, v.imports.filter((i) => !i.path.includes('node_modules')).map((i) => i.path));
  return g;
}

function cycles(g: Map<string, string[]>): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const stack: string[] = [];
  const visit = (n: string) => {
    seen.add(n);
    stack.push(n);
    for (const m of (g.get(n) ?? []).filter((x) => g.has(x))) {
      if (stack.includes(m)) found.add([...stack.slice(stack.indexOf(m)), m].join(' → '));
      else if (!seen.has(m)) visit(m);
    }
    stack.pop();
  };
  for (const n of g.keys()) if (!seen.has(n)) visit(n);
  return [...found];
}

describe('import graph', () => {
  it('has no circles and keeps each layer to what it may import', async () => {
    const g = await importGraph();
    expect(g.size).toBeGreaterThan(150);
    expect(cycles(g)).toEqual([]);
    const wrong: string[] = [];
    for (const [file, imports] of g)
      for (const to of imports) {
        const own = /^(electron|renderer|shared|assets)\//.test(to);
        if (file.startsWith('renderer/') && (own ? !/^(renderer|shared)\//.test(to) : /^node:|^electron$/.test(to))) wrong.push(`${file} → ${to}`);
        if (file.startsWith('shared/') && own && !to.startsWith('shared/')) wrong.push(`${file} → ${to}`);
        const domain = file.startsWith('electron/') && !SHELLS.test(file) && file !== 'electron/core.ts' && file !== 'electron/preload.ts';
        if (domain && (SHELLS.test(to) || to === 'electron/core.ts' || to === 'electron')) wrong.push(`${file} → ${to}`);
      }
    expect(wrong).toEqual([]);
  });
});
