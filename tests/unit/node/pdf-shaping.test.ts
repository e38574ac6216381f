import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcesDir } from '../../../electron/node/config/resources';
import { cachingFontkit } from '../../../electron/node/pdf/font-shaping';

const VN = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';
const CORPUS = [
  VN,
  VN.toUpperCase(),
  [...VN].join(' '),
  'Nguyễn Thị Ánh Tuyết — Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'office finance fi fl ffi ffl f i  two  spaces ',
  ' leading and trailing ',
  '000.00.01.H22-250303-0001 07:30 03/03/2025 1.250.000 đ',
  'AV Wa To Ty P. Yên',
  // Marks apart from their letters (NFD, or a mark after a space): shaped whole.
  'Nguye\u0302\u0303n',
  'x \u0301 y',
  'tab\there',
  '1/2 ½ 1⁄2 3⁄4 No. 5 № 1.001193 0912 345 678 (Q01) [x] {y} 50% #3 @a ~b',
  'col·legi l·l L·L ff ffl fj fb ft',
  'ﬁ ﬂ Ǆ ǅ ǈ Ĳ ĳ ŉ ſt ß ẞ æ œ ø Ł ł Ħ ŧ İ ı ȷ ǰ j̇',
  'soft\u00adhyphen zero\u200bwidth nbsp\u00a0here',
  '',
];

const ids = (run: { glyphs: ReadonlyArray<{ id: number }> }) => run.glyphs.map((g) => g.id);

describe('shaping kept per word (font-shaping)', () => {
  for (const file of ['NotoSerif-Regular.ttf', 'NotoSerif-Bold.ttf', 'NotoSans-Italic.ttf']) {
    it(`gives the glyphs and widths of shaping the whole string (${file})`, () => {
      const bytes = readFileSync(join(resourcesDir(), 'fonts', file));
      const plain = fontkit.create(bytes);
      const kept = cachingFontkit.create(bytes);
      for (const s of [...CORPUS, ...CORPUS]) {
        const want = plain.layout(s);
        const got = kept.layout(s);
        expect(ids(got), JSON.stringify(s)).toEqual(ids(want));
        const width = (run: typeof want) => run.glyphs.reduce((w, g) => w + g.advanceWidth, 0);
        expect(width(got)).toBe(width(want));
      }
      // Words with glyphs no substitution starts at skip the shaper; those that do are shaped.
      expect(ids(kept.layout('2025')).length).toBe(4);
      // A ligature is still one glyph: the words were shaped, not just mapped to glyphs one by one.
      expect(ids(kept.layout('office')).length).toBeLessThan('office'.length);
    });
  }
});
