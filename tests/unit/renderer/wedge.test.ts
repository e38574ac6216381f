import { describe, expect, it } from 'vitest';
import { burstText, MAX_GAP_MS } from '../../../renderer/src/wedge';
import { classifyScan, looksImeGarbled } from '../../../electron/common/domain/scan';

const stamps = (text: string, gap: number, t0 = 1000) => [...text].map((key, i) => ({ key, t: t0 + i * gap }));

describe('keyboard-wedge burst detection', () => {
  it('a scanner burst ending in Enter is a scan', () => {
    const keys = stamps('000.00.01.H22-261123-0001', 4);
    expect(burstText(keys, keys.at(-1)!.t + 4)).toEqual({ text: '000.00.01.H22-261123-0001', imeSuspected: false });
  });
  it('typing speed is not a scan, nor a short burst, nor a late Enter', () => {
    const human = stamps('000.00.01.H22-261123-0001', 120);
    expect(burstText(human, human.at(-1)!.t + 100)).toBeNull();
    const short = stamps('1234567', 3);
    expect(burstText(short, short.at(-1)!.t + 3)).toBeNull();
    const late = stamps('000.00.01.H22-261123-0001', 3);
    expect(burstText(late, late.at(-1)!.t + MAX_GAP_MS + 50)).toBeNull();
  });
  it('flags composition keys (Telex/VNI active) as suspected IME damage', () => {
    const keys = [...stamps('0010901234', 3), { key: 'Process', t: 1031, composing: true }];
    expect(burstText(keys, 1034)?.imeSuspected).toBe(true);
  });
});

describe('scan classification', () => {
  it('classifies CCCD, dossier codes, others, and IME-garbled payloads', () => {
    expect(classifyScan('001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|x|15042021\r\n', 'serial').kind).toBe('cccd');
    expect(classifyScan('000.00.01.H22-261123-0001', 'wedge')).toMatchObject({ kind: 'dossierCode', code: '000.00.01.H22-261123-0001' });
    expect(classifyScan('H40.22-231201-0005', 'wedge').kind).toBe('dossierCode');
    expect(classifyScan('https://example.vn', 'wedge').kind).toBe('other');
    expect(classifyScan('001090123456|x', 'serial')).toMatchObject({ kind: 'invalid' });
    const telex = classifyScan('0010901234ư6', 'wedge');
    expect(telex).toMatchObject({ kind: 'invalid', imeSuspected: true });
    expect(telex.error).toMatch(/Telex\/VNI/);
    expect(looksImeGarbled('Nguyễn Văn A')).toBe(false);
  });
});
