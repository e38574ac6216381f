import { z } from 'zod';

/**
 * Zod's built-in messages in Vietnamese, for every schema of the app: an officer never sees
 * "Invalid input". Imported for its effect by the contract and the domain schemas.
 */
z.config(z.locales.vi());
