// Whether a certificate's holder (its CN or subject) is this person: the person's name among
// its words, without case, accents or punctuation, so "NGUYEN THI LAN" and "Nguyễn Thị Lan -
// UBND xã Thanh Sơn" are Nguyễn Thị Lan, and "Nguyễn Thị Lanh" is not.
import { foldVietnamese } from './fold';

const words = (s: string) => ` ${foldVietnamese(s).replace(/[^a-z0-9]+/g, ' ').trim()} `;

export function holderIs(holder: string, fullName: string): boolean {
  if (!words(fullName).trim()) return true; // nothing to compare with
  return words(holder).includes(words(fullName));
}
