import { z } from 'zod';
import { vi } from './zod-locale';

/**
 * The citizen-facing display: what the second screen shows, built in main from what the officer's
 * screen sends. Only what the citizen confirms at the counter crosses to that window: the name,
 * the ID number masked to its last 4 digits, the procedure, the documents, the fees and the due date.
 */

/** What the officer's intake screen sends while the draft changes (the ID number is masked in main). */
export const displayDraftSchema = z.strictObject({
  applicantName: z.string().max(300),
  idNumber: z.string().max(30),
  procedure: z.string().max(1000).nullable(),
  documents: z.array(z.string().max(2000)).max(60),
  fees: z.array(z.strictObject({ name: z.string().max(1000), amountVnd: z.number().int().nonnegative() })).max(30),
  dueAt: z.string().max(40).nullable(),
});
export type DisplayDraft = z.infer<typeof displayDraftSchema>;

export const ratingSchema = z.number().int().min(1, vi('display.ratingRange')).max(5, vi('display.ratingRange'));

/** The one state the display window reads and is pushed (`display.state`). */
export const displayStateSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('idle') }),
  z.object({
    phase: z.literal('draft'),
    applicantName: z.string(),
    idMasked: z.string(),
    procedure: z.string().nullable(),
    documents: z.array(z.string()),
    fees: z.array(z.object({ name: z.string(), amountVnd: z.number() })),
    feeTotalVnd: z.number(),
    dueAt: z.string().nullable(),
  }),
  z.object({
    phase: z.literal('saved'),
    code: z.string(),
    dueAt: z.string(),
    /** The citizen's rating of this dossier, once given (null: the prompt is open). */
    rating: z.number().int().nullable(),
  }),
]);
export type DisplayState = z.infer<typeof displayStateSchema>;

/** All but the last 4 digits hidden: the citizen recognises their card, a passer-by learns nothing. */
export function maskIdNumber(id: string): string {
  const digits = id.replace(/\s+/g, '');
  if (digits.length <= 4) return '•'.repeat(digits.length);
  return '•'.repeat(digits.length - 4) + digits.slice(-4);
}

export function draftState(d: DisplayDraft): DisplayState {
  return {
    phase: 'draft',
    applicantName: d.applicantName.trim(),
    idMasked: maskIdNumber(d.idNumber),
    procedure: d.procedure,
    documents: [...d.documents],
    fees: d.fees.map((f) => ({ name: f.name, amountVnd: f.amountVnd })),
    feeTotalVnd: d.fees.reduce((s, f) => s + f.amountVnd, 0),
    dueAt: d.dueAt,
  };
}

/** A keypad line ('1'..'5', framed by CR): the rating, or null for anything else (noise, a held key). */
export function keypadRating(line: string): number | null {
  const t = line.trim();
  return /^[1-5]$/.test(t) ? Number(t) : null;
}

/**
 * A second rating of the same dossier within this window replaces the first (a citizen who
 * touched the wrong face corrects it at once); after it, the first rating stands and a second is refused.
 */
export const RATING_REPLACE_MS = 2 * 60 * 1000;

/** Ratings 1–5 counted, and the share satisfied (4 or 5) the provinces track (target ≥ 90 %). */
export const satisfactionSchema = z.object({
  counts: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]),
  total: z.number().int(),
  satisfied: z.number().int(),
  /** Percent with one decimal, null without any rating. */
  satisfiedPct: z.number().nullable(),
});
export type Satisfaction = z.infer<typeof satisfactionSchema>;

export function satisfactionOf(counts: readonly number[]): Satisfaction {
  const c = [0, 1, 2, 3, 4].map((i) => counts[i] ?? 0) as [number, number, number, number, number];
  const total = c.reduce((s, n) => s + n, 0);
  const satisfied = c[3] + c[4];
  return { counts: c, total, satisfied, satisfiedPct: total === 0 ? null : Math.round((satisfied / total) * 1000) / 10 };
}

/** Citizen display settings (Cài đặt → Màn hình công dân). */
export const displayConfigSchema = z.object({
  enabled: z.boolean(),
  /** Electron: the display id to open on (null: the first screen that is not the officer's). */
  screenId: z.number().int().nullable(),
  /** The serial port of the 1–5 keypad (null: touch only). */
  keypadPath: z.string().trim().min(1).max(500).nullable(),
  /** Contract extension (docs/contract-extensions.md): send ratings to the province. Off by default. */
  syncRatings: z.boolean(),
});
export type DisplayConfig = z.infer<typeof displayConfigSchema>;
