/**
 * Text that case folding and normalisation find hard, for property tests: combining marks,
 * NFD spellings, Greek (final sigma, symbol variants), Turkish dotted/dotless i, the Kelvin sign,
 * ß/ẞ, long s, Cherokee (folds to capitals), Georgian, Deseret, emoji with ZWJ and skin tones,
 * right-to-left scripts, Hangul jamo (composed by NFC), and the case pairs of Unicode 16/17.
 */
export const HARD_TEXT_UNITS: readonly string[] = [
  'A', 'a', 'Z', 'z', 'I', 'i', 'K', 'k', 'S', 's', '0', '.', '@', '-', ' ', '%', '_', '\\',
  'É', 'é', 'E\u0301', 'e\u0301', '\u0301', '\u0300', '\u0308', '\u0323', '\u0307', '\u0345', 'Å', 'A\u030a', '\u212b', 'Ω', '\u2126', 'ω',
  'Σ', 'σ', 'ς', 'ϐ', 'ϑ', 'ϕ', 'ϖ', 'ϰ', 'ϱ', 'ϵ', 'ϴ', 'ΐ', '\u1fd3', 'ᾈ', 'ᾀ', 'ι', '\u1fbe',
  'İ', 'ı', 'i\u0307', 'I\u0307', '\u212a', 'ß', 'ẞ', 'ſ', 'ẛ', 'ﬅ', 'ﬆ', 'ǅ', 'Ǆ', 'ǆ', 'µ', 'μ',
  'Ꭰ', 'ꭰ', 'Ᏸ', 'ᏸ', 'Ⴀ', 'ⴀ', 'Ა', 'ა', '\u{10400}', '\u{10428}', '\u{1e900}', '\u{1e922}',
  '😀', '👩\u200d💻', '👍🏽', '🇫🇷', 'ש', 'ב', 'ب', 'ع', '\u200f', '\u200e',
  '\u1100', '\u1161', '\u11a8', '한', '\u1c89', '\u1c8a', '\u{10d50}', '\u{10d70}', '\ua7cb', '\u0264', '\u{16ea0}', '\u{16ebb}',
];
