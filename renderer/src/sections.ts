export const SECTIONS = ['intake', 'dossiers', 'returns', 'signing', 'reports', 'settings'] as const;
export type SectionId = (typeof SECTIONS)[number];

/** Alt+1…Alt+6 jump to a section; the digit is the section's position in the navigation. */
export function sectionForShortcut(e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'key'>): SectionId | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  const n = Number(e.key);
  return Number.isInteger(n) && n >= 1 && n <= SECTIONS.length ? SECTIONS[n - 1]! : null;
}
