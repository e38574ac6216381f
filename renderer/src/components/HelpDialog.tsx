import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SECTIONS } from '../sections';

export function HelpDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div role="dialog" aria-modal="true" aria-labelledby="help-title" className="dialog" onClick={(e) => e.stopPropagation()}>
        <h2 id="help-title">{t('help.title')}</h2>
        <table className="shortcuts">
          <tbody>
            <tr>
              <td><kbd>F1</kbd></td>
              <td>{t('help.keys.f1')}</td>
            </tr>
            {SECTIONS.map((s, i) => (
              <tr key={s}>
                <td><kbd>Alt</kbd>+<kbd>{i + 1}</kbd></td>
                <td>{t('help.keys.section', { name: t(`nav.${s}`) })}</td>
              </tr>
            ))}
            <tr>
              <td><kbd>Enter</kbd></td>
              <td>{t('help.keys.enter')}</td>
            </tr>
            <tr>
              <td><kbd>Esc</kbd></td>
              <td>{t('help.keys.esc')}</td>
            </tr>
          </tbody>
        </table>
        <button ref={closeRef} onClick={onClose}>{t('help.close')}</button>
      </div>
    </div>
  );
}
