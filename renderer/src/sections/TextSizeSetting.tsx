import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TextScale } from '../../../electron/common/ipc/contract';
import { api, errText } from '../api';

const SCALES: readonly TextScale[] = [100, 125, 150];

/** Cỡ chữ: 100/125/150 % of the 16 px base, saved for this PC and applied at the root by App. */
export function TextSizeSetting({ current, onChanged }: { current: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const choose = async (scale: TextScale) => {
    const r = await api()['app.setTextScale']({ scale });
    if (!r.ok) return setMessage({ kind: 'error', text: errText(r.error) });
    setMessage({ kind: 'ok', text: t('textSize.saved') });
    onChanged();
  };
  return (
    <section className="card" data-testid="text-size">
      <h2>{t('textSize.title')}</h2>
      <div className="segmented" role="radiogroup" aria-label={t('textSize.title')}>
        {SCALES.map((s) => (
          <button key={s} type="button" role="radio" aria-checked={current === s} data-scale={s} onClick={() => void choose(s)}>
            {s} %
          </button>
        ))}
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`}>
          {message.text}
        </p>
      )}
    </section>
  );
}
