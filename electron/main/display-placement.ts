/**
 * Where the citizen display opens (pure: no Electron import, so it is tested without the binary).
 * Electron's `screen.getAllDisplays()` and `screen.getPrimaryDisplay()` describe the screens; the
 * officer's window stays on the primary one.
 */
export interface ScreenInfo {
  readonly id: number;
  readonly bounds: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

/**
 * The screen the display goes on: the one chosen in Cài đặt when it is connected and is not the
 * officer's, else the first other screen. Null with a single screen: the citizen display never
 * covers the officer's own screen (they keep working while it would sit on top).
 */
export function citizenScreen(screens: readonly ScreenInfo[], primaryId: number, chosenId: number | null): ScreenInfo | null {
  const others = screens.filter((s) => s.id !== primaryId);
  return others.find((s) => s.id === chosenId) ?? others[0] ?? null;
}

/** The display window's bounds: the whole of its screen (it is shown full screen, without a frame). */
export function citizenWindowBounds(s: ScreenInfo): { x: number; y: number; width: number; height: number } {
  return { x: s.bounds.x, y: s.bounds.y, width: s.bounds.width, height: s.bounds.height };
}
