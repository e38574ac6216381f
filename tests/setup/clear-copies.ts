import { afterAll } from 'vitest';
import { removeClearCopies } from '../helpers/clear-copy';

// Every test file's clear copies of documents (helpers/clear-copy.ts) go when the file ends.
afterAll(() => {
  removeClearCopies();
});
