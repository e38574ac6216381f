import fontkit from '@pdf-lib/fontkit';

/**
 * Parsing a Noto font takes a few hundred ms and pdf-lib parses again for every document; the
 * parsed font is only read afterwards (each document makes its own subset), so it is kept per
 * font file for the life of the process (or of the PDF worker).
 */
type ParsedFont = ReturnType<typeof fontkit.create>;
const parsed = new WeakMap<Uint8Array, ParsedFont>();
export const cachingFontkit: typeof fontkit = {
  ...fontkit,
  create: (bytes: Uint8Array, postscriptName?: string) => {
    if (postscriptName) return fontkit.create(bytes, postscriptName);
    let font = parsed.get(bytes);
    if (!font) parsed.set(bytes, (font = memoizeLayout(keepGlyphs(fontkit.create(bytes)))));
    return font;
  },
};

/**
 * fontkit keeps one glyph object per glyph id. Subsetting a composite glyph (ủ) creates its parts
 * (u) with no characters; a fresh font per document never noticed, but a shared font would hand
 * the next document a "u" without its character and its text layer would lose every u (pdftotext,
 * screen readers, search). A glyph asked for with its characters gets them back.
 *
 * Each document's subset decodes every glyph it takes again (its outline, to find a composite's
 * parts): a third of a receipt's render. The decoded glyph is only read (the subset copies the
 * glyph's bytes from the font), so it is decoded once per glyph of the shared font.
 */
function keepGlyphs(font: ParsedFont): ParsedFont {
  const getGlyph = font.getGlyph.bind(font);
  const decodedOnce = new WeakSet<object>();
  font.getGlyph = (id: number, codePoints?: number[]) => {
    const glyph = getGlyph(id, codePoints);
    if (codePoints?.length && !glyph.codePoints.length) (glyph as { codePoints: number[] }).codePoints = codePoints;
    const g = glyph as unknown as { _decode?: () => unknown };
    if (typeof g._decode === 'function' && !decodedOnce.has(glyph)) {
      decodedOnce.add(glyph);
      const decode = g._decode.bind(glyph);
      let decoded: { value: unknown } | null = null;
      g._decode = () => (decoded ??= { value: decode() }).value;
    }
    return glyph;
  };
  return font;
}

/**
 * pdf-lib reads only the glyphs of a run (their ids, and each glyph's own advance for widths),
 * never its GPOS positions: kerning and mark placement were most of the shaping time for nothing.
 * Switching those features off leaves the glyphs as they were (GSUB: ccmp, liga) and skips GPOS.
 */
const GLYPHS_ONLY = { kern: false, mark: false, mkmk: false, curs: false, dist: false, abvm: false, blwm: false };
/** Combining marks: a string with one is shaped whole, as a mark may follow a space (ccmp reads across it). */
const COMBINING = /\p{M}/u;

type GlyphRun = ReturnType<ParsedFont['layout']>;
type Glyph = GlyphRun['glyphs'][number];

/**
 * OpenType shaping is most of a form's render time, and pdf-lib shapes each string again to
 * measure and to draw it, form after form; a long table's cells are new strings of old words
 * (names, places, "giờ", dates). The Noto fonts' substitutions (ccmp, liga) stay inside a word, so
 * a string's glyphs are its words' glyphs with the space's glyph between them: words are shaped
 * once per parsed font, strings are put together from them (both bounded). pdf-shaping.test.ts
 * holds this equal to shaping the whole string.
 */
function memoizeLayout(font: ParsedFont): ParsedFont {
  const layout = font.layout.bind(font);
  const words = new Map<string, readonly Glyph[]>();
  const runs = new Map<string, GlyphRun>();
  const space = layout(' ', GLYPHS_ONLY).glyphs;
  const starts = substitutionStarts(font);
  const shape = (text: string): readonly Glyph[] => {
    let g = words.get(text);
    if (g === undefined) {
      if (words.size >= 50_000) words.clear();
      words.set(text, (g = plainGlyphs(font, text, starts) ?? layout(text, GLYPHS_ONLY).glyphs));
    }
    return g;
  };
  font.layout = (text, features) => {
    // Asked for features of its own (pdf-lib never does): shaped as asked, not kept.
    if (features !== undefined || typeof text !== 'string') return layout(text, features);
    let run = runs.get(text);
    if (run === undefined) {
      let glyphs: Glyph[];
      if (COMBINING.test(text) || space.length !== 1) glyphs = [...shape(text)];
      else {
        glyphs = [];
        text.split(' ').forEach((w, i) => {
          if (i) glyphs.push(space[0]!);
          if (w) for (const g of shape(w)) glyphs.push(g);
        });
      }
      if (runs.size >= 20_000) runs.clear();
      // Only the glyphs are kept: a positioned run is not what pdf-lib reads (see GLYPHS_ONLY).
      runs.set(text, (run = { glyphs } as unknown as GlyphRun));
    }
    return run;
  };
  return font;
}

/** The GSUB features fontkit applies to Latin text (its default shaper, left to right, no fraction slash). */
const APPLIED = new Set(['rvrn', 'ltra', 'ltrm', 'ccmp', 'locl', 'rlig', 'calt', 'clig', 'liga', 'rclt']);

interface Coverage {
  readonly version: number;
  readonly glyphs?: readonly number[];
  readonly rangeRecords?: ReadonlyArray<{ start: number; end: number }>;
}
type List<T> = readonly T[] | { toArray(): T[] };
interface Subtable {
  readonly lookupType?: number;
  readonly extension?: Subtable;
  readonly coverage?: Coverage;
  readonly coverages?: readonly Coverage[];
  readonly inputCoverage?: readonly Coverage[];
  readonly lookaheadCoverage?: readonly Coverage[];
  readonly ligatureSets?: List<List<{ components: readonly number[] }>>;
}
interface Lookup {
  readonly lookupType: number;
  readonly flags: { markAttachmentType: number; flags: Record<string, boolean> };
  readonly subTables: readonly Subtable[];
}
interface Gsub {
  readonly featureVariations?: unknown;
  readonly featureList: ReadonlyArray<{ tag: string; feature: { lookupListIndexes: readonly number[] } }>;
  readonly lookupList: { get(i: number): Lookup | undefined };
}

/** Where a substitution can start: a glyph, and the glyphs that must follow it ('any': none needed). */
type Starts = Map<number, Set<number> | 'any'>;

const arr = <T>(l: List<T> | undefined): readonly T[] => (l === undefined ? [] : Array.isArray(l) ? l : (l as { toArray(): T[] }).toArray());
const glyphsOf = (c: Coverage | undefined): number[] | null => {
  if (c?.version === 1 && c.glyphs) return [...c.glyphs];
  if (c?.version !== 2 || !c.rangeRecords) return null;
  const out: number[] = [];
  for (const r of c.rangeRecords) for (let g = r.start; g <= r.end; g++) out.push(g);
  return out;
};

/**
 * Where a substitution of those features can start: every lookup's coverage (for a context, its
 * first input glyph's), with the glyph that must come next when the lookup needs one (a
 * ligature's second component, a context's second input or first lookahead glyph). The Noto
 * fonts' ccmp composes a vowel or an i with a combining mark after it: a word of precomposed
 * Vietnamese letters starts none. null when the table has something this does not read (then
 * every word is shaped).
 */
function substitutionStarts(font: ParsedFont): Starts | null {
  const gsub = (font as unknown as { GSUB?: Gsub }).GSUB;
  if (!gsub) return new Map();
  if (gsub.featureVariations) return null;
  const out: Starts = new Map();
  const add = (first: number[] | null, next: number[] | 'any' | null): boolean => {
    if (!first || !next) return false;
    for (const g of first) {
      const had = out.get(g);
      if (next === 'any' || had === 'any') out.set(g, 'any');
      else out.set(g, new Set([...(had ?? []), ...next]));
    }
    return true;
  };
  const subtable = (type: number, t: Subtable, skips: boolean): boolean => {
    if (type === 7) return t.extension !== undefined && t.lookupType !== undefined && subtable(t.lookupType, t.extension, skips);
    const first = glyphsOf(t.coverage ?? t.coverages?.[0] ?? t.inputCoverage?.[0]);
    // A lookup that skips marks or bases may find its next glyph further on: then any glyph starts it.
    if (skips) return add(first, 'any');
    if (type === 4) {
      const seconds = arr(t.ligatureSets).flatMap((set) => arr(set).map((lig) => lig.components[0]));
      return add(first, seconds.some((g) => g === undefined) ? 'any' : (seconds as number[]));
    }
    if (type === 6 && t.inputCoverage) {
      const next = t.inputCoverage.length > 1 ? t.inputCoverage[1] : t.lookaheadCoverage?.[0];
      return add(first, next ? glyphsOf(next) : 'any');
    }
    return add(first, 'any');
  };
  for (const { tag, feature } of gsub.featureList) {
    if (!APPLIED.has(tag)) continue;
    for (const i of feature.lookupListIndexes) {
      const lookup = gsub.lookupList.get(i);
      if (!lookup) return null;
      const skips = lookup.flags.markAttachmentType !== 0 || Object.values(lookup.flags.flags).some(Boolean);
      if (!lookup.subTables.every((t) => subtable(lookup.lookupType, t, skips))) return null;
    }
  }
  return out;
}

/**
 * Latin (Vietnamese included), digits and punctuation only: the default shaper's script, no
 * default-ignorable character (hidden by layout), no fraction slash (it turns on numr/dnom/frac).
 */
const PLAIN = /^[\u0021-\u007e\u00a0-\u00ac\u00ae-\u024f\u1e00-\u1eff\u2010-\u2027\u2030-\u2043\u2045-\u205e\u20a0-\u20c0]+$/;

/** A word's glyphs straight from the cmap, when no substitution can start in it; else null. */
function plainGlyphs(font: ParsedFont, word: string, starts: Starts | null): Glyph[] | null {
  if (!starts || !PLAIN.test(word)) return null;
  const glyphs = font.glyphsForString(word);
  for (let i = 0; i < glyphs.length; i++) {
    const next = starts.get(glyphs[i]!.id);
    if (next === 'any' || (next && i + 1 < glyphs.length && next.has(glyphs[i + 1]!.id))) return null;
  }
  return glyphs;
}
