// `npm run encrypt-data`: seals the sensitive fields still stored in clear (see seal-data.ts).
import { runSealing } from './seal-data.js';

void runSealing('clear', 'encrypt-data');
