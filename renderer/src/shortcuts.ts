/**
 * Every key the screens handle, as F1 lists them (the section keys Alt+1…Alt+6 come from
 * SECTIONS). A unit test reads the renderer's key handlers and fails when one is missing here.
 */
export const SHORTCUTS: ReadonlyArray<{ readonly keys: string; readonly text: string }> = [
  { keys: 'F1', text: 'help.keys.f1' },
  { keys: 'F2', text: 'shortcuts.f2' },
  { keys: '↑/↓', text: 'shortcuts.arrows' },
  { keys: 'Enter', text: 'shortcuts.enterSave' },
  { keys: 'Alt+N', text: 'shortcuts.altN' },
  { keys: 'Alt+L', text: 'shortcuts.altL' },
  { keys: 'Alt+U', text: 'shortcuts.altU' },
  { keys: 'Alt+G', text: 'shortcuts.altG' },
  { keys: 'Alt+K', text: 'shortcuts.altK' },
  { keys: 'Alt+D', text: 'shortcuts.altD' },
  { keys: 'Alt+P', text: 'shortcuts.altP' },
  { keys: 'Ctrl+P', text: 'shortcuts.print' },
  { keys: 'Ctrl+Shift+P', text: 'shortcuts.thermal' },
  { keys: 'Alt+B', text: 'shortcuts.altB' },
  { keys: 'Alt+T', text: 'shortcuts.altT' },
  { keys: 'Alt+F', text: 'shortcuts.altF' },
  { keys: 'Alt+S', text: 'shortcuts.altS' },
  { keys: 'Ctrl+Enter', text: 'shortcuts.ctrlEnter' },
  { keys: 'F9', text: 'shortcuts.f9' },
  { keys: 'Esc', text: 'help.keys.esc' },
];
