import { z } from 'zod';
import type { Access } from './roles';

/**
 * Counter-screen rows of the one IPC contract (issue #16), spread into `contract` and `events` in
 * contract.ts: text size, and the signed-files folder — chosen with the OS dialog and opened with the
 * OS, so no path ever crosses from the renderer.
 */
const empty = z.strictObject({});

/** Text size in per cent of the 16 px base (Cài đặt → Cỡ chữ). */
export const textScaleSchema = z.union([z.literal(100), z.literal(125), z.literal(150)]);
export type TextScale = z.infer<typeof textScaleSchema>;

export const deskChannels = {
  'app.setTextScale': { access: 'officer', input: z.strictObject({ scale: textScaleSchema }), output: z.object({ scale: textScaleSchema }) },
  /**
   * The keyboard-wedge threshold of this PC from the gaps (ms) of a test scan, each key to the next
   * and the last to its Enter; main decides the threshold (wedge-timing.ts) and refuses a sample
   * that cannot be a scanner. Reset returns to the default.
   */
  'devices.calibrateWedge': {
    access: 'admin',
    input: z.strictObject({ gapsMs: z.array(z.number().finite().nonnegative().max(60_000)).max(4096) }),
    output: z.object({ gapMs: z.number().int(), measuredMs: z.number().int() }),
  },
  'devices.resetWedge': { access: 'admin', input: empty, output: z.object({ gapMs: z.null() }) },
  'signing.outputFolder': { access: 'officer', input: empty, output: z.object({ path: z.string() }) },
  'signing.chooseOutputFolder': { access: 'officer', input: empty, output: z.object({ path: z.string(), changed: z.boolean() }) },
  'signing.openOutputFolder': { access: 'officer', input: empty, output: z.object({ opened: z.boolean() }) },
} as const satisfies Record<string, { readonly access: Access; readonly input: z.ZodType; readonly output: z.ZodType }>;

export const deskEvents = {
  /**
   * Long work (batch signing, report export, a sync run's sending): i of n done, for a progress bar;
   * `current` is what is being worked on (a sync run: the dossier's code; absent once it is over).
   */
  'work.progress': z.object({ task: z.enum(['signing', 'report', 'sync']), done: z.number().int().nonnegative(), total: z.number().int().positive(), current: z.string().max(60).optional() }),
} as const;
