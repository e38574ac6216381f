import { useEffect } from 'react';
import { focusField } from '../../field-errors';
import type { IntakeDraftState } from './useIntakeDraft';

export type TurnBackForm = '02' | '03';

/**
 * Puts the officer on the first box of a checklist group, in the middle of the screen: the group
 * sits below the applicant's fields, and focus at the screen's bottom edge would be under the sticky bar.
 */
function focusGroup(testId: string): void {
  // In the next frame, as focusField puts a field: two keys pressed within one frame (Alt+N, Alt+P)
  // then land in the order pressed, instead of the field's late focus undoing the group's.
  requestAnimationFrame(() => {
    const box = document.querySelector<HTMLInputElement>(`[data-testid="${testId}"] input[type="checkbox"]`);
    if (!box) return;
    box.focus({ preventScroll: true });
    box.scrollIntoView({ block: 'center' });
  });
}

/**
 * The section's keys, on the window so they work whatever field has focus. Esc undoes the
 * innermost thing first (open suggestions, then a preview) before it clears the whole dossier.
 * While a turn-back dialog is open it owns the keyboard.
 */
export function useIntakeShortcuts(d: IntakeDraftState, turnBack: TurnBackForm | null, openTurnBack: (form: TurnBackForm) => void) {
  const { pickerRef, preview, saved, procedure, print, printThermal, reset, addFiles, closePreview, checkRequired } = d;
  const { close: closeSuggestions } = d.search;
  const suggestionCount = d.search.suggestions.length;

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (turnBack) return;
      if (e.key === 'F2') {
        e.preventDefault();
        pickerRef.current?.focus();
        pickerRef.current?.select();
      } else if (e.key === 'Escape' && suggestionCount && !saved) {
        // Only a list on screen is closed first; the saved dossier has no picker, so Esc starts the next one.
        closeSuggestions();
      } else if (e.key === 'Escape' && !preview) {
        e.preventDefault();
        reset();
      } else if (e.key === 'Escape' && preview) {
        closePreview();
      } else if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'p' && saved) {
        e.preventDefault();
        void printThermal();
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p' && saved) {
        e.preventDefault();
        void print();
      } else if (e.altKey && e.key.toLowerCase() === 'b' && procedure) {
        e.preventDefault();
        openTurnBack('02');
      } else if (e.altKey && e.key.toLowerCase() === 't' && procedure) {
        e.preventDefault();
        openTurnBack('03');
      } else if (e.altKey && e.key.toLowerCase() === 'k' && procedure && !saved) {
        e.preventDefault();
        checkRequired();
      } else if (e.altKey && e.key.toLowerCase() === 'n' && !saved) {
        e.preventDefault();
        focusField('ChuHoSo');
      } else if (e.altKey && e.key.toLowerCase() === 'l' && !saved) {
        // The phone is the field most often typed by hand, and the furthest from the picker by Tab.
        e.preventDefault();
        focusField('SoDienThoai');
      } else if (e.altKey && e.key.toLowerCase() === 'u' && !saved) {
        // Kênh tiếp nhận: in person, or by post (bưu chính).
        e.preventDefault();
        focusField('KenhThucHien');
      } else if (e.altKey && e.key.toLowerCase() === 'g' && !saved) {
        // How the result goes back (giao kết quả): at the counter or by post.
        e.preventDefault();
        focusField('HinhThuc');
      } else if (e.altKey && e.key.toLowerCase() === 'd' && procedure && !saved) {
        // Documents (giấy tờ): each is ticked as the officer sees the paper, so the list is one key away.
        e.preventDefault();
        focusGroup('documents');
      } else if (e.altKey && e.key.toLowerCase() === 'p' && procedure && !saved) {
        // Phí, lệ phí: a fee the citizen is exempt from is unticked here.
        e.preventDefault();
        focusGroup('fees');
      } else if (e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        void addFiles('pick');
      } else if (e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void addFiles('folder');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [turnBack, preview, saved, procedure, print, printThermal, reset, addFiles, suggestionCount, pickerRef, closeSuggestions, closePreview, openTurnBack, checkRequired]);
}
