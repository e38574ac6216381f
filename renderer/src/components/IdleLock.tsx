import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';

/** Locks the counter after `idleMinutes` without a key or a click, counting down the last `warnMinutes`. */
export function IdleLock({ idleMinutes, warnMinutes }: { idleMinutes: number; warnMinutes: number }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    let last = Date.now();
    const touch = () => {
      last = Date.now();
      setLeft(null);
    };
    const timer = setInterval(() => {
      const idle = (Date.now() - last) / 1000;
      const rest = idleMinutes * 60 - idle;
      if (rest <= 0) {
        clearInterval(timer);
        void api()['auth.lock']({});
      } else if (rest <= warnMinutes * 60) setLeft(Math.ceil(rest));
    }, 1000);
    for (const ev of ['keydown', 'mousedown', 'wheel'] as const) window.addEventListener(ev, touch, true);
    return () => {
      clearInterval(timer);
      for (const ev of ['keydown', 'mousedown', 'wheel'] as const) window.removeEventListener(ev, touch, true);
    };
  }, [idleMinutes, warnMinutes]);
  if (left === null) return null;
  return (
    <div className="idle-warning" role="alert">
      {t('auth.idleWarning', { seconds: left })}
    </div>
  );
}
