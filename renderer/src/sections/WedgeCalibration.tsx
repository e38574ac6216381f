import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanEvent } from '../../../electron/common/domain/scan';
import { classifyScan } from '../../../electron/common/domain/scan-classify';
import { keyGaps, WEDGE_GAP_DEFAULT_MS, type KeyStamp } from '../../../electron/common/domain/wedge-timing';
import { api, errText } from '../api';
import { setWedgeGap, WEDGE_OFF_ATTR } from '../wedge';

/**
 * The test scan of a keyboard-wedge scanner, which also measures it: the box records when each key
 * came, and on the scan's Enter main turns the slowest gap into this PC's threshold (or refuses a
 * sample that cannot be a scanner). The detector leaves this box alone, so a scanner too slow for
 * the current threshold can still be measured here.
 */
export function WedgeCalibration(p: { onScanned: (e: ScanEvent) => void }) {
  const { t } = useTranslation();
  const [gap, setGap] = useState<number | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const keys = useRef<KeyStamp[]>([]);

  useEffect(() => {
    void api()['app.info']({}).then((r) => r.ok && setGap(r.value.wedgeGapMs ?? null));
  }, []);

  const applied = (ms: number | null) => {
    setGap(ms);
    setWedgeGap(ms);
  };

  const onKeyDown = async (e: KeyboardEvent<HTMLInputElement>) => {
    const at = e.nativeEvent.timeStamp || performance.now();
    if (e.key !== 'Enter') {
      // One test scan is one go: a correction by hand would measure the hand.
      if (e.key === 'Backspace' || e.key === 'Delete') {
        keys.current = [];
        e.currentTarget.value = '';
        e.preventDefault();
      } else if (e.key.length === 1) keys.current.push({ key: e.key, t: at });
      return;
    }
    e.preventDefault();
    const box = e.currentTarget;
    const gaps = keyGaps(keys.current, at);
    const text = box.value;
    keys.current = [];
    box.value = '';
    if (!text) return;
    p.onScanned(classifyScan(text, 'wedge'));
    const r = await api()['devices.calibrateWedge']({ gapsMs: gaps });
    if (!r.ok) return setMessage({ kind: 'error', text: errText(r.error) });
    applied(r.value.gapMs);
    setMessage({ kind: 'ok', text: t('wedge.done', { measured: r.value.measuredMs, ms: r.value.gapMs }) });
  };

  const reset = async () => {
    const r = await api()['devices.resetWedge']({});
    if (!r.ok) return setMessage({ kind: 'error', text: errText(r.error) });
    applied(null);
    setMessage({ kind: 'ok', text: t('wedge.resetDone', { ms: WEDGE_GAP_DEFAULT_MS }) });
  };

  return (
    <div className="wedge-calibration">
      <h3>{t('wedge.title')}</h3>
      <p className="muted">{t('wedge.hint')}</p>
      <p data-testid="wedge-gap">{gap === null ? t('wedge.default', { ms: WEDGE_GAP_DEFAULT_MS }) : t('wedge.calibrated', { ms: gap })}</p>
      <div className="actions">
        <label className="grow">
          {t('wedge.box')}
          {/* Uncontrolled: the keys are measured, not rendered one by one. */}
          <input name="wedgeTestScan" autoComplete="off" spellCheck={false} {...{ [WEDGE_OFF_ATTR]: '' }} onKeyDown={(e) => void onKeyDown(e)} />
        </label>
        <button type="button" className="secondary" onClick={() => void reset()} disabled={gap === null} data-testid="wedge-reset">
          {t('wedge.reset')}
        </button>
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`} data-testid="wedge-message">
          {message.text}
        </p>
      )}
    </div>
  );
}
