// Syllables Vietnamese cannot spell. A syllable that ends in a stop (-p, -t, -c, -ch) carries
// only the sắc or the nặng tone ("đất", "tập", "Tết", "lệch"); OCR that drops a tone mark over
// â, ê or ô leaves impossible ones ("đât", "câp", "At"). A free-text value holding one was
// misread somewhere, so it is shown as doubtful instead of as sure as the rest of the line.

/** words taken from other languages that end in a stop without a tone ("gắn chip", "bộ kit xét nghiệm") */
const LOANWORDS = new Set(['chip', 'kit', 'shop', 'set', 'test', 'top', 'clip', 'tip', 'laptop', 'robot', 'chat', 'web', 'cap', 'pop', 'hit']);

/** sắc and nặng, as combining marks after NFD */
const STOP_TONES = /[\u0301\u0323]/;
const VOWEL = /[aeiouy]/;

/** The words of `text` that no Vietnamese syllable spells (abbreviations in capitals and foreign words aside). */
export function impossibleSyllables(text: string): string[] {
  return text.split(/[^\p{L}]+/u).filter((w) => {
    if (w.length < 2 || w.length > 7 || (w.length > 1 && w === w.toUpperCase())) return false;
    const base = w.normalize('NFD').toLowerCase();
    const plain = base.replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd');
    if (!/^[a-z]+$/.test(plain) || !VOWEL.test(plain) || LOANWORDS.has(base)) return false;
    // a Vietnamese syllable: consonants, one vowel group, then at most a final (c, ch, m, n, ng, nh, p, t)
    if (!/^[^aeiouy]*[aeiouy]+(c|ch|m|n|ng|nh|p|t)?$/.test(plain)) return false;
    return /(c|ch|p|t)$/.test(plain) && !STOP_TONES.test(base);
  });
}

/** how much of its confidence a value keeps when it holds an impossible syllable: below review's 0.6 */
export const MISSPELT = 0.6;

/** a syllable as Vietnamese spells it, accents taken off: an onset, one vowel group, a final */
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$/;

/** Letters Vietnamese can spell as one syllable, whatever the case ("ĐIỀU", "tướng"). */
export function isSyllable(word: string): boolean {
  const plain = word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  // no Vietnamese vowel group doubles an a, e, i or y ("II" is OCR's H)
  return SYLLABLE.test(plain) && !/(aa|ee|ii|yy)/.test(plain);
}

/**
 * A word of a name in capitals that OCR damaged ("CIIÍNH", "CÔNGAN", "ĐIỀÊU"): not a syllable,
 * yet with two vowels or an accent, which the abbreviations in such names ("UBND", "HĐND") lack.
 */
export function damagedCapitals(word: string): boolean {
  if (!/^\p{L}+$/u.test(word) || isSyllable(word)) return false;
  const nfd = word.normalize('NFD');
  return (nfd.toLowerCase().match(/[aeiouy]/g)?.length ?? 0) >= 2 || /[\u0300-\u036f]/.test(nfd);
}
