import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../../electron/common/domain/procedure';
import { vnd } from '../../format';

type Document = Procedure['documents'][number];

/** Thành phần hồ sơ and lệ phí of the chosen procedure; a fragment, it shares its card with the attachments. */
export function DocumentChecklist(p: {
  procedure: Procedure;
  docs: ReadonlySet<string>;
  fees: ReadonlySet<string>;
  missing: readonly Document[];
  onToggleDoc: (code: string) => void;
  onToggleFee: (code: string) => void;
  onCheckRequired: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { procedure, docs, fees } = p;
  const totalFees = useMemo(() => procedure.fees.filter((f) => fees.has(f.code)).reduce((s, f) => s + f.amountVnd, 0), [procedure, fees]);
  return (
    <>
      <div className="checklist-head" data-testid="checklist">
        <h2>{t('intake.documents')}</h2>
        <button type="button" className="secondary" onClick={p.onCheckRequired} data-testid="check-required">{t('intakex.checkAll')}</button>
      </div>
      <p className="muted">{t('intakex.checklistHint')}</p>
      <ul className="checklist" data-testid="documents">
        {procedure.documents.map((d) => (
          <li key={d.code}>
            <label>
              <input type="checkbox" checked={docs.has(d.code)} onChange={() => p.onToggleDoc(d.code)} />
              {d.name}
              {d.required && <span className="required" title={t('intake.required')}> *</span>}
              <span className="muted"> — {d.originals ? t('intake.originals', { count: d.originals }) : ''}{d.originals && d.copies ? ', ' : ''}{d.copies ? t('intake.copies', { count: d.copies }) : ''}{!d.originals && !d.copies ? t('intake.show') : ''}</span>
            </label>
          </li>
        ))}
      </ul>
      {p.missing.length > 0 && <p className="message warn">{t('intake.missing', { count: p.missing.length })}</p>}
      {procedure.fees.length > 0 && (
        <div className="fees" data-testid="fees">
          <h2>{t('intake.fees')}</h2>
          <ul className="checklist">
            {procedure.fees.map((f) => (
              <li key={f.code}>
                <label>
                  <input type="checkbox" checked={fees.has(f.code)} onChange={() => p.onToggleFee(f.code)} />
                  {f.name}: {vnd(f.amountVnd, i18n.language)}
                </label>
              </li>
            ))}
          </ul>
          <p>{t('intake.totalFees', { total: vnd(totalFees, i18n.language) })}</p>
        </div>
      )}
    </>
  );
}
