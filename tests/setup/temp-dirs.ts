import { afterAll } from 'vitest';
import { removeTempDirs } from '../helpers/tmp';

// Every test file's temp dirs (helpers/tmp.ts) still there when it ends go then: clear copies of documents, and any a test did not remove.
afterAll(() => {
  removeTempDirs();
});
