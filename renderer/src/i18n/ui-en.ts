import type { uiVi } from './ui-vi';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English for ui-vi.ts. */
export const uiEn: Widen<typeof uiVi> = {
  date: {
    placeholder: 'dd/mm/yyyy',
    invalid: 'Not a valid date: type day/month/year, e.g. 08/12/1985.',
  },
  fields: {
    fixMarked: 'Correct the field marked in red.',
    issue: '{{label}}: {{message}}',
    procedure: 'Administrative procedure',
    phone: 'Phone number',
    email: 'Email',
    username: 'Username',
    password: 'Password',
  },
  shortcuts: {
    f2: 'Intake: back to the procedure search',
    f9: 'Dossiers: sync now',
    ctrlEnter: 'Dialog: confirm',
    print: 'Intake: print the receipt (after saving)',
    thermal: 'Intake: print on the thermal printer (after saving)',
    altB: 'Intake: Form 02 (request for more documents)',
    altT: 'Intake: Form 03 (refusal)',
    altF: 'Intake: attach files',
    altS: 'Intake: files from the scanner folder',
    altK: 'Intake: mark every required document as checked',
    altD: 'Intake: go to the document checklist',
    altP: 'Intake: go to the fees',
    altN: "Intake: go to the applicant's name",
    altL: 'Intake: go to the phone number',
    altU: 'Intake: choose how the dossier came in (in person / by post)',
    altG: 'Intake: choose how the result goes back (counter / post)',
    arrows: 'Procedure list: move up/down',
    enterSave: 'Intake: save the dossier',
  },
  busy: {
    printing: 'Creating the receipt…',
    exporting: 'Exporting the {{format}} report…',
    signing: 'Signing {{count}} files… (keep the token plugged in)',
    saving: 'Saving…',
  },
  scan: {
    repaired: 'The QR code arrived in the wrong encoding and was repaired. Check the name against the card.',
    mojibake: 'The QR code was read in the wrong encoding (accented letters garbled). Set the scanner to UTF-8 and scan again.',
    truncated: 'The ID card QR code is incomplete (partial scan). Scan again, holding the card still.',
    unknown: 'Scanned code not recognised: {{text}}',
  },
  search: { noHits: 'No dossier matches “{{text}}”.' },
  syncx: {
    unconfigured: 'No provincial server is configured: dossiers are kept safely on this PC and sent once an admin sets the server up (Settings → Provincial server).',
    firstError: 'Failure: {{reason}}',
    lastError: 'Last failure: {{reason}}',
    nextRetry: 'next retry at {{at}}',
    retried_one: 'Retried {{count}} waiting dossier now.',
    retried: 'Retried {{count}} waiting dossiers now.',
    held_one: '{{count}} rejected dossier waits for a correction and was not resent.',
    held: '{{count}} rejected dossiers wait for a correction and were not resent.',
  },
  intakex: {
    checkAll: 'All documents checked (Alt+K)',
    checklistHint: 'Tick each document once you have checked the paper.',
    today: "Today's dossiers",
  },
};
