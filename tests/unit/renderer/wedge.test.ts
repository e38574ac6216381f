import { describe, expect, it } from 'vitest';
import { WEDGE_GAP_DEFAULT_MS } from '../../../electron/common/domain/wedge-timing';
import { burstText } from '../../../renderer/src/wedge';
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
    expect(burstText(late, late.at(-1)!.t + WEDGE_GAP_DEFAULT_MS + 50)).toBeNull();
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

describe('scans read in the wrong code page, and cut-off scans', () => {
  // What a scanner in Windows-1252 mode sends for the card of the e2e tests: each UTF-8 byte as one character.
  const asCp1252 = (s: string) => {
    const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    return [...new TextEncoder().encode(s)].map((b) => (b >= 0x80 && b <= 0x9f ? high[b - 0x80]! : String.fromCharCode(b))).join('');
  };
  const CARD = '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';

  it('UTF-8 read as Windows-1252 is repaired and flagged for a check against the card', () => {
    const garbled = asCp1252(CARD);
    expect(garbled).toContain('Nguyá»…n');
    const e = classifyScan(garbled, 'serial');
    expect(e).toMatchObject({ kind: 'cccd', encodingRepaired: true });
    expect(e.cccd?.HoTen).toBe('Nguyễn Văn Đức');
    expect(e.cccd?.NoiThuongTru).toBe('Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh');
  });
  it('UTF-8 read as Latin-1 (C1 controls) is repaired too', () => {
    const latin1 = [...new TextEncoder().encode(CARD)].map((b) => String.fromCharCode(b)).join('');
    expect(classifyScan(latin1, 'serial')).toMatchObject({ kind: 'cccd', encodingRepaired: true, cccd: { HoTen: 'Nguyễn Văn Đức' } });
  });
  it('a garbled text that cannot be rebuilt is refused with the reason, never read as a card', () => {
    // One character lost in transit: the bytes no longer form UTF-8.
    const broken = asCp1252(CARD).replace('»…', '»');
    const e = classifyScan(broken, 'serial');
    expect(e.kind).toBe('invalid');
    expect(e.error).toContain('bảng mã');
    expect(e.cccd).toBeNull();
  });
  it('genuine Vietnamese is left alone', () => {
    const e = classifyScan(CARD, 'serial');
    expect(e).toMatchObject({ kind: 'cccd', encodingRepaired: false, cccd: { HoTen: 'Nguyễn Văn Đức' } });
    expect(classifyScan('Phường Bến Nghé, Hà Nội', 'wedge')).toMatchObject({ kind: 'other', encodingRepaired: false, text: 'Phường Bến Nghé, Hà Nội' });
  });
  it('a scan cut off before the card ends says so', () => {
    expect(classifyScan('001090123456', 'serial')).toMatchObject({ kind: 'invalid', error: expect.stringContaining('thiếu dữ liệu') });
    expect(classifyScan('001090123456|012345678|Nguyễn Văn', 'serial')).toMatchObject({ kind: 'invalid', error: expect.stringContaining('thiếu dữ liệu') });
  });
});
