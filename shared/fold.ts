// The one Vietnamese fold of the app, shared by the core (full-text search, matching) and
// the screens (every search box), so "nhu xuan" finds "Như Xuân" everywhere alike.

/** Folds Vietnamese text for accent-insensitive matching: "Quyết Định" and "QUYET DINH" both become "quyet dinh". */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `text` contains what was typed, ignoring accents, case and spacing. */
export const foldedIncludes = (text: string, typed: string) => foldVietnamese(text).includes(foldVietnamese(typed));
