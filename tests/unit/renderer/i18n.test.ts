// The two interface languages hold the same keys with the same {{placeholders}}: a key only in
// Vietnamese would show Vietnamese in the English interface (i18next falls back to vi).
import { describe, expect, it } from 'vitest';
import { enAll, viAll } from '../../../renderer/src/i18n/resources';

type Tree = { [k: string]: unknown };
/** every leaf as "a.b.c" → its text */
function leaves(t: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    if (v && typeof v === 'object') for (const [kk, vv] of leaves(v as Tree, `${prefix}${k}.`)) out.set(kk, vv);
    else out.set(`${prefix}${k}`, String(v));
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('interface languages', () => {
  // as the renderer merges them (renderer/src/i18n/resources.ts): every screen's own module too
  const viKeys = leaves(viAll as Tree);
  const enKeys = leaves(enAll as Tree);

  it('have the same keys', () => {
    expect([...viKeys.keys()].filter((k) => !enKeys.has(k))).toEqual([]);
    // errors.* and maintenance.issue.* are English only: the core words them in Vietnamese itself
    expect([...enKeys.keys()].filter((k) => !viKeys.has(k) && !/^(errors|maintenance\.issue)\./.test(k))).toEqual([]);
  });

  it('use the same placeholders in each text', () => {
    const differ = [...viKeys].filter(([k, v]) => enKeys.has(k) && placeholders(v).join() !== placeholders(enKeys.get(k)!).join());
    expect(differ.map(([k]) => k)).toEqual([]);
  });

  it('write no Vietnamese letters in English texts', () => {
    // names kept as they are in either language: places, legal references, the copy forms
    const kept = /Thanh Hóa|Quyết định|QĐ-TTg|Nghị định|SAO Y|SAO LỤC|TRÍCH SAO|Tiếng Việt|Số hóa Desk|Một cửa|Bộ phận|Mã|Tỉnh|Huyện|Xã|Phường|Cấp|Thành Phố|Quận|Hiệu lực|Ngày|Hạn|Có giá trị|V\/v/gu;
    const vietnamese = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
    expect([...enKeys].filter(([, v]) => vietnamese.test(v.replace(kept, ''))).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });
});
