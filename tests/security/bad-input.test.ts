import { spawnSync } from 'node:child_process';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCccdQr } from '../../electron/common/domain/cccd';
import { invalidUtf8Offset } from '../../electron/node/files/input-file';
import { motcua } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { counterReady, dossierCodes, DRAFT, readRows } from './faults';

/** JSON text with raw bytes spliced in where `@@` stands, and the offset of the first spliced byte. */
function withBytes(json: string, bytes: number[]): { file: Buffer; offset: number } {
  const [head, tail] = json.split('@@') as [string, string];
  const h = Buffer.from(head, 'utf8');
  return { file: Buffer.concat([h, Buffer.from(bytes), Buffer.from(tail, 'utf8')]), offset: h.length };
}

describe('input files are refused, not repaired, when they are not what they claim', () => {
  const t = tempDir('motcua-badinput-');
  const dd = ['--data-dir', t.dir];
  let env: Record<string, string> = {};
  beforeAll(() => {
    env = counterReady(t.dir);
  });
  afterAll(() => t.cleanup());

  it('invalid UTF-8 in an intake file is refused with its byte offset, and no dossier is saved', async () => {
    // "Ph\xE1m": a Latin-1 "á" where UTF-8 needs three bytes; decoding would store "Ph�m" for the citizen.
    const { file, offset } = withBytes(JSON.stringify({ ...DRAFT, ChuHoSo: 'Ph@@m Thị Đào' }), [0xe1]);
    const f = join(t.dir, 'latin1.json');
    writeFileSync(f, file);
    const r = motcua(['intake', '--json', f, '--no-receipt', ...dd], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/UTF-8/);
    expect(r.stderr).toContain(`byte ${offset}`);
    expect(await dossierCodes(join(t.dir, 'motcua.sqlite3'))).toEqual([]);
  });

  it.each([
    ['catalog', ['catalog', 'import'], '{"items":[{"MaTTHC":"T.9","TenTTHC":"Th@@ tục","ThoiHanGiaiQuyet":{"SoLuong":"1","DonViTinh":"Gio"},"ThanhPhanHoSo":[],"LePhi":[]}]}', "SELECT ma_tthc FROM procedures WHERE ma_tthc = 'T.9'"],
    ['calendar', ['calendar', 'import'], '{"year":2027,"days":[{"date":"2027-11-24","type":"holiday","name":"Ng@@y nghỉ"}]}', "SELECT day FROM calendar_days WHERE day = '2027-11-24'"],
  ])('invalid UTF-8 in a %s import is refused with its byte offset', async (name, command, json, imported) => {
    // Two kinds through the command; every kind is checked on the validator below.
    for (const bytes of [[0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
      const { file, offset } = withBytes(json, bytes);
      const f = join(t.dir, `${name}.json`);
      writeFileSync(f, file);
      const r = motcua([...command, f, ...dd], env);
      expect(r.code, `${bytes}`).toBe(1);
      expect(r.stderr, `${bytes}`).toMatch(/UTF-8/);
      expect(r.stderr, `${bytes}`).toContain(`byte ${offset}`);
    }
    expect(await readRows(t.dir, imported)).toEqual([]);
  });

  it('a 300 MB JSON file is refused by its size before it is read', () => {
    const f = join(t.dir, 'huge.json');
    writeFileSync(f, '{"MaTTHC":"1.001193"}');
    truncateSync(f, 300 * 1024 * 1024); // sparse: takes no disk, but reading it would take 300 MB of memory
    for (const command of [['intake', '--json', f], ['catalog', 'import', f], ['calendar', 'import', f]]) {
      const r = motcua([...command, ...dd], env);
      expect(r.code, command[0]).toBe(1);
      expect(r.stderr, command[0]).toMatch(/lớn hơn giới hạn 10 MB/);
    }
  });

  it('a FIFO or a device given as the JSON file is refused at once instead of blocking', () => {
    const fifo = join(t.dir, 'pipe.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const f of [fifo, '/dev/zero']) {
      const started = Date.now();
      const r = motcua(['intake', '--json', f, ...dd], env);
      expect(r.code, f).toBe(1);
      expect(r.stderr, f).toMatch(/không phải tệp thông thường/);
      expect(Date.now() - started, f).toBeLessThan(30_000);
    }
  });
});

describe('invalidUtf8Offset', () => {
  it.each<[string, number[], number]>([
    ['valid Vietnamese', [...Buffer.from('Nguyễn Văn Đức 😀')], -1],
    ['a lone continuation byte', [0x41, 0x80], 1],
    ['an overlong "/"', [0x41, 0x42, 0xc0, 0xaf], 2],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf], 0],
    ['a UTF-16 surrogate', [0x20, 0xed, 0xa0, 0x80], 1],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a sequence cut at the end', [0x41, 0xe1, 0xbb], 1],
    ['0xFF', [0x7b, 0xff, 0x7d], 1],
  ])('%s', (_name, bytes, expected) => {
    expect(invalidUtf8Offset(Buffer.from(bytes))).toBe(expected);
  });
});

describe('CCCD QR payloads with characters no card prints are refused', () => {
  const GOOD = ['001090123456', '012345678', 'Nguyễn Văn Đức', '01011990', 'Nam', 'Phường Bến Nghé, Quận 1', '15042021'];
  const withField = (i: number, v: string) => GOOD.map((f, j) => (j === i ? v : f)).join('|');

  it('the good payload is read', () => {
    expect(parseCccdQr(GOOD.join('|')).ok).toBe(true);
  });

  it.each([
    ['U+FFFD from a badly decoded scan', withField(2, 'Nguy\uFFFDn Văn Đức')],
    ['a control character in the address', withField(5, 'Phường Bến Nghé\u0007, Quận 1')],
    ['a NUL in the name', withField(2, 'Nguyễn\u0000 Văn Đức')],
    ['a right-to-left override in the name', withField(2, 'Nguyễn \u202EcứĐ năV')],
    ['a zero-width joiner in the name', withField(2, 'Nguyễn Văn\u200D Đức')],
    ['a lone surrogate', withField(5, 'Quận \uD800 1')],
    ['an escape sequence in an extra field', `${GOOD.join('|')}|\u001b[2J`],
    ['markup in the name', withField(2, '<b>Nguyễn</b>')],
    ['a payload far longer than a card QR holds', withField(5, 'x'.repeat(5000))],
  ])('%s', (_name, payload) => {
    const r = parseCccdQr(payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/ký tự không hợp lệ|quá dài/);
  });

  it('motcua intake with such a QR saves nothing', async () => {
    const t = tempDir('motcua-cccd-');
    try {
      const env = counterReady(t.dir);
      const f = join(t.dir, 'qr.json');
      writeFileSync(f, JSON.stringify({ MaTTHC: '1.001193', cccd: withField(2, 'Nguy\uFFFDn Văn Đức'), TaiLieuNop: ['TP1', 'TP2', 'TP3'], DanhSachLePhi: [{ MaPhiLePhi: 'LP1' }] }));
      const r = motcua(['intake', '--json', f, '--no-receipt', '--data-dir', t.dir], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/ký tự không hợp lệ/);
      expect(await dossierCodes(join(t.dir, 'motcua.sqlite3'))).toEqual([]);
    } finally {
      t.cleanup();
    }
  });
});
