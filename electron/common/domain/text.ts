/**
 * Folds Vietnamese text for search: lower case, tone and vowel marks removed, đ → d, spaces
 * collapsed. "Nguyễn Văn Đức" and "nguyen van duc" fold to the same string.
 */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** NFC, trimmed, inner whitespace collapsed: the one form names and addresses are stored in. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}
