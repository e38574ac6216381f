import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../../electron/common/domain/procedure';
import type { Attachment } from './draft';

export type AttachmentSource = 'pick' | 'folder';
export type Preview = { url: string; type: 'pdf' | 'image' };

/** Scans of the papers, each optionally tied to one document of the checklist. A fragment: it shares the checklist's card. */
export function Attachments(p: {
  documents: Procedure['documents'];
  files: readonly Attachment[];
  onAdd: (from: AttachmentSource) => Promise<void>;
  onPreview: (token: string) => Promise<void>;
  onAttach: (token: string, doc: string | null) => void;
  onRemove: (token: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('intake.attachments')}</h2>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void p.onAdd('pick')}>{t('intake.addFiles')} (Alt+F)</button>
        <button type="button" className="secondary" onClick={() => void p.onAdd('folder')}>{t('intake.fromScanner')} (Alt+S)</button>
      </div>
      <ul className="attachments" data-testid="attachments">
        {p.files.map((f) => (
          <li key={f.token}>
            <button type="button" className="link" onClick={() => void p.onPreview(f.token)}>{f.fileName}</button>
            <span className="muted"> ({Math.ceil(f.sizeBytes / 1024)} KB) </span>
            <select aria-label={t('intake.attachTo')} value={f.doc ?? ''} onChange={(e) => p.onAttach(f.token, e.target.value || null)}>
              <option value="">{t('intake.attachTo')}</option>
              {p.documents.map((d) => (
                <option key={d.code} value={d.code}>{d.name}</option>
              ))}
            </select>
            <button type="button" className="link" onClick={() => p.onRemove(f.token)}>{t('intake.remove')}</button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** A scan shown full size; a click outside or Esc (in the section's shortcuts) closes it. */
export function AttachmentPreview({ preview, onClose }: { preview: Preview; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog preview" role="dialog" aria-modal="true" onClick={(e) => e.stopPropagation()}>
        {preview.type === 'pdf' ? <iframe title="preview" src={preview.url} /> : <img alt="" src={preview.url} />}
        <button onClick={onClose}>{t('help.close')}</button>
      </div>
    </div>
  );
}
