/**
 * A DVCQG status code as the officer reads it, in the screen's language (the portal's Vietnamese
 * names, or their English). An unknown code is shown as it came, never hidden.
 */
export function statusLabel(t: (key: string, o: { defaultValue: string }) => string, code: string): string {
  return t(`dossierStatus.${code}`, { defaultValue: code });
}
