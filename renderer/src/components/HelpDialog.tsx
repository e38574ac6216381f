import { Fragment, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SECTIONS } from '../sections';
import { SHORTCUTS } from '../shortcuts';

const Keys = ({ keys }: { keys: string }) => (
  <>
    {keys.split('+').map((k, i) => (
      <Fragment key={i}>
        {i > 0 && '+'}
        <kbd>{k}</kbd>
      </Fragment>
    ))}
  </>
);

export function HelpDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div role="dialog" aria-modal="true" aria-labelledby="help-title" className="dialog help" onClick={(e) => e.stopPropagation()}>
        <h2 id="help-title">{t('help.title')}</h2>
        <table className="shortcuts" data-testid="shortcuts">
          <tbody>
            {SECTIONS.map((s, i) => (
              <tr key={s}>
                <td><Keys keys={`Alt+${i + 1}`} /></td>
                <td>{t('help.keys.section', { name: t(`nav.${s}`) })}</td>
              </tr>
            ))}
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <td><Keys keys={s.keys} /></td>
                <td>{t(s.text)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={closeRef} onClick={onClose}>{t('help.close')}</button>
      </div>
    </div>
  );
}
