import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { printOffered, type PrintOffer } from '../../components/PrintView';
import type { TurnBackForm } from './useIntakeShortcuts';

export type TurnBackSlip = { form: TurnBackForm; offer: PrintOffer } & ({ state: 'printing' } | { state: 'printed' } | { state: 'failed'; text: string });

/**
 * The Mẫu 02 / 03 just issued, printed the way the receipt is: the citizen turned back leaves with
 * the form. It has no dossier code, so the Hồ sơ screen cannot reprint it until the citizen comes
 * back: a print that failed is offered again here, from the same kept copy (nothing recorded twice).
 */
export function useTurnBackPrint() {
  const [slip, setSlip] = useState<TurnBackSlip | null>(null);
  const printing = useRef(false);
  const print = useCallback(async (form: TurnBackForm, offer: PrintOffer) => {
    if (printing.current) return;
    printing.current = true;
    setSlip({ form, offer, state: 'printing' });
    const printed = await printOffered(offer);
    printing.current = false;
    setSlip(printed.ok ? { form, offer, state: 'printed' } : { form, offer, state: 'failed', text: printed.text });
  }, []);
  const clear = useCallback(() => setSlip(null), []);
  return { slip, print, clear };
}

export function TurnBackPrint({ slip, onPrint }: { slip: TurnBackSlip | null; onPrint: (form: TurnBackForm, offer: PrintOffer) => void }) {
  const { t } = useTranslation();
  if (!slip) return null;
  const { form } = slip;
  if (slip.state === 'printing') {
    return (
      <p role="status" className="busy" data-testid="turnback-print-busy">
        {t('print.loading')}
      </p>
    );
  }
  if (slip.state === 'printed') {
    return (
      <p role="status" className="message ok" data-testid="turnback-printed">
        {t('print.turnBackPrinted', { form })}
      </p>
    );
  }
  return (
    <div role="alert" className="message warn" data-testid="turnback-print-failed">
      {t('print.turnBackFailed', { form, reason: slip.text })}{' '}
      <button type="button" className="secondary" onClick={() => onPrint(form, slip.offer)} data-testid="turnback-print-again">
        {t('print.turnBackAgain', { form })}
      </button>
    </div>
  );
}
