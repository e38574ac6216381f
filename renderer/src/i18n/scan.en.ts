import type { scanVi } from './scan.vi';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English for scan.vi.ts. */
export const scanEn: Widen<typeof scanVi> = {
  wedge: {
    title: 'Keyboard-wedge scanner speed',
    hint: "Put the cursor in the box below and scan a long code (for example the QR code on an ID card). This PC records how fast this scanner types and from then on takes only keys that fast for a scan; a person typing is never taken for one.",
    box: 'Scan into this box to measure',
    calibrated: 'Scan threshold: {{ms}} ms between keys (measured on this PC)',
    default: 'Scan threshold: {{ms}} ms between keys (default, not measured)',
    done: 'Scanner measured: slowest {{measured}} ms between keys; new threshold {{ms}} ms.',
    reset: 'Reset to default',
    resetDone: 'Threshold reset to the default ({{ms}} ms).',
  },
};
