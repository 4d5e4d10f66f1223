// `npm run rotate-key`: re-seals every sensitive field under the current (first) data key (see seal-data.ts).
import { runSealing } from './seal-data.js';

void runSealing('not-current', 'rotate-key');
