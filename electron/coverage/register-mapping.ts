// The column mapping a user confirmed for a register layout, remembered by its folded headers
// so the next file with the same columns is mapped the same way.
import { foldVietnamese } from '../archive/text';
import type { Db } from '../archive/db';
import { getSetting, putSetting } from '../archive/settings';

const key = (headers: string[]) => `register.mapping:${headers.map(foldVietnamese).join('|')}`;

export function rememberedMapping(db: Db, headers: string[]): Record<string, string | null> | null {
  const v = getSetting(db, key(headers));
  return v ? JSON.parse(v) : null;
}

export function rememberMapping(db: Db, headers: string[], mapping: Record<string, string | null>): void {
  putSetting(db, key(headers), JSON.stringify(mapping));
}
