import { z } from 'zod';
import type { Channel, EventName } from './contract';
import { displayConfigSchema, displayDraftSchema, displayStateSchema, ratingSchema } from '../domain/citizen-display';

const empty = z.strictObject({});

/**
 * The citizen display's rows of the IPC contract (spread into `contract`). Rows with
 * `window: 'display'` are the display window's whole surface, and it reaches nothing else (the
 * dispatcher checks the sender's window kind both ways). They are public because the citizen never
 * signs in; a rating still needs the counter's officer signed in (its actor).
 */
export const displayContract = {
  /** The officer's draft as the citizen should confirm it (null: the display goes blank). */
  'display.show': { access: 'officer', input: z.strictObject({ draft: displayDraftSchema.nullable() }), output: displayStateSchema },
  /** After saving: the receipt summary and the 1–5 prompt for exactly this dossier. */
  'display.showSaved': { access: 'officer', input: z.strictObject({ code: z.string().min(1).max(60) }), output: displayStateSchema },
  'display.config': { access: 'officer', input: empty, output: displayConfigSchema },
  'display.setConfig': { access: 'admin', input: displayConfigSchema.partial().strict(), output: displayConfigSchema },
  'display.state': { access: 'public', window: 'display', input: empty, output: displayStateSchema },
  /** The dossier rated is the one on the display, never one the window names. */
  'display.rate': { access: 'public', window: 'display', input: z.strictObject({ rating: ratingSchema }), output: z.object({ code: z.string(), rating: z.number().int(), replaced: z.boolean() }) },
} as const;

/** The channels the citizen display window may call; it may call no other. */
export const DISPLAY_CHANNELS: ReadonlySet<Channel> = new Set(
  (Object.keys(displayContract) as Array<keyof typeof displayContract>).filter((c) => (displayContract[c] as { readonly window?: 'display' }).window === 'display'),
);
/** The only event the display window receives (scans, sync and sign-in events stay with the officer). */
export const DISPLAY_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['display.state']);
