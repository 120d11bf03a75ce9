// The packaged binary's fuses: read from the packaging config electron-builder applies.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('packaging', () => {
  it('flips the fuses that stop the installed app being run as Node or loading code from elsewhere', () => {
    const yml = fs.readFileSync('electron-builder.yml', 'utf8');
    const block = yml.slice(yml.indexOf('electronFuses:'));
    const fuse = (name: string) => new RegExp(`^\\s+${name}:\\s*(true|false)\\s*$`, 'm').exec(block)?.[1];
    expect(fuse('runAsNode')).toBe('false');
    expect(fuse('enableNodeOptionsEnvironmentVariable')).toBe('false');
    expect(fuse('enableNodeCliInspectArguments')).toBe('false');
    expect(fuse('onlyLoadAppFromAsar')).toBe('true');
    expect(fuse('enableEmbeddedAsarIntegrityValidation')).toBe('true');
  });
});
