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
