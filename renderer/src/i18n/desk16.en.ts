import type { desk16Vi } from './desk16.vi';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English for desk16.vi.ts. */
export const desk16En: Widen<typeof desk16Vi> = {
  dossierStatus: {
    '1': 'Newly registered',
    '2': 'Received',
    '3': 'Not received',
    '4': 'Being processed',
    '5': 'Documents to supplement',
    '6': 'Fees to pay',
    '7': 'Withdrawn by the citizen',
    '8': 'Processing stopped',
    '9': 'Processed',
    '10': 'Result returned',
  },
  sexLabel: { Nam: 'Male', Nu: 'Female' },
  duration: {
    NgayLamViec: '{{n}} working days',
    Ngay: '{{n}} days',
    Gio: '{{n}} working hours',
    Thang: '{{n}} months',
    sameDay: 'the same day (received after {{cutoff}}: the next working day)',
    cutoff: '{{h}}:00',
    cutoffMin: '{{h}}:{{m}}',
  },
  signOut: {
    title: 'Folder for signed files',
    choose: 'Choose folder…',
    open: 'Open folder',
    chosen: 'Signed files will be saved in {{path}}.',
    openFailed: 'The folder could not be opened.',
    warning: 'Note from the signing token: {{warning}}',
  },
  preview: {
    show: 'Preview',
    title: 'Preview: {{name}}',
    page: 'Page {{page}}/{{pages}}',
    shown: 'Showing {{shown}}/{{pages}} pages',
    pages: 'Pages of {{name}} (scroll with the arrow keys)',
    loading: 'Opening the file…',
    failed: 'This PDF cannot be shown.',
    close: 'Close preview',
  },
  print: {
    title: 'Print: {{name}}',
    loading: 'Preparing the print…',
    pages: '{{count}} pages',
    again: 'Print again (Ctrl+P)',
    close: 'Close (Esc)',
    failed: 'This PDF could not be prepared for printing.',
    tooManyPages: 'The file has {{count}} pages, more than the {{max}} the app prints.',
    page: 'Printed page {{page}}/{{pages}}',
    slipFailed: 'The result was handed over, but the hand-over slip did not print: {{reason}}',
    turnBackBusy: 'Issuing Form {{form}} and preparing its print…',
    turnBackPrinted: 'Form {{form}} sent to the print dialog: hand the print to the citizen.',
    turnBackFailed: 'Form {{form}} was issued but did not print: {{reason}}',
    turnBackAgain: 'Print Form {{form}} again',
  },
  progress: {
    signing: 'Signing file {{done}}/{{total}}',
    report: 'Exporting the report: step {{done}}/{{total}}',
    sync: 'Sending dossier {{current}}: {{done}} of {{total}} items done',
  },
  textSize: {
    title: 'Text size',
    saved: 'Text size changed.',
  },
};
