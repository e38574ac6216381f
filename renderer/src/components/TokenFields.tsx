import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/common/ipc/contract';
import { api, errText } from '../api';
import { ddmmyyyy } from '../format';

type Tokens = Output<'token.list'>;

/** Token, certificate and PIN chosen for one signing. The PIN lives only until the signing call returns. */
export interface TokenPicker {
  readonly tokens: Tokens | null;
  readonly tokenId: string;
  readonly certId: string;
  readonly pin: string;
  readonly finalTry: boolean;
  readonly locked: boolean;
  setTokenId(v: string): void;
  setCertId(v: string): void;
  setPin(v: string): void;
  setFinalTry(v: boolean): void;
  /** Looks for tokens; resolves to an error message, or null. */
  load(): Promise<string | null>;
  /** The request fields for a signing channel; clears the PIN from the screen. */
  take(): { tokenId: string; certId: string | null; pin: string | null; confirmFinalTry: boolean };
}

export function useTokenPicker(): TokenPicker {
  const { t } = useTranslation();
  const [tokens, setTokens] = useState<Tokens | null>(null);
  const [tokenId, setTokenId] = useState('');
  const [certId, setCertId] = useState('');
  const [pin, setPin] = useState('');
  const [finalTry, setFinalTry] = useState(false);
  const tk = tokens?.find((x) => (x.serial || x.label) === tokenId);
  return {
    tokens,
    tokenId,
    certId,
    pin,
    finalTry,
    locked: Boolean(tk?.flags.pinLocked),
    setTokenId,
    setCertId,
    setPin,
    setFinalTry,
    load: async () => {
      const r = await api()['token.list']({});
      if (!r.ok) return errText(r.error);
      if (!r.value.length) return t('returns.noToken');
      setTokens(r.value);
      const first = r.value[0];
      if (first) {
        setTokenId(first.serial || first.label);
        const signing = first.certificates.find((c) => c.keyUsage.includes('digitalSignature') || c.keyUsage.includes('nonRepudiation'));
        setCertId(signing?.id ?? '');
      }
      return null;
    },
    take: () => {
      const choice = { tokenId, certId: certId || null, pin: tk?.flags.protectedAuthPath ? null : pin || null, confirmFinalTry: finalTry };
      setPin('');
      return choice;
    },
  };
}

/** The token/certificate/PIN fields shared by every screen that signs (Trả kết quả, chốt ngày). */
export function TokenFields({ picker, onError }: { picker: TokenPicker; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const p = picker;
  if (!p.tokens) {
    return (
      <button type="button" onClick={() => void p.load().then((e) => e && onError(e))} data-testid="load-tokens">
        {t('returns.findToken')}
      </button>
    );
  }
  const tk = p.tokens.find((x) => (x.serial || x.label) === p.tokenId);
  return (
    <>
      <label>
        {t('returns.token')}
        <select name="tokenId" value={p.tokenId} onChange={(e) => p.setTokenId(e.target.value)}>
          {p.tokens.map((x) => (
            <option key={x.serial || x.label} value={x.serial || x.label}>{x.label} ({x.manufacturer})</option>
          ))}
        </select>
      </label>
      <label className="span2">
        {t('returns.certificate')}
        <select name="certId" value={p.certId} onChange={(e) => p.setCertId(e.target.value)}>
          {(tk?.certificates ?? []).map((c) => (
            <option key={c.id} value={c.id}>{c.subject} — {ddmmyyyy(c.notAfter)}</option>
          ))}
        </select>
      </label>
      {!tk?.flags.protectedAuthPath && (
        <label>
          PIN
          <input name="pin" type="password" autoComplete="off" value={p.pin} onChange={(e) => p.setPin(e.target.value)} />
        </label>
      )}
      {tk?.flags.pinFinalTry && (
        <label className="span2 message warn">
          <span>
            <input type="checkbox" checked={p.finalTry} onChange={(e) => p.setFinalTry(e.target.checked)} /> {t('returns.finalTry')}
          </span>
        </label>
      )}
    </>
  );
}
