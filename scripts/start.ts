/**
 * `npm start`: the demo portal — every published definition with its field
 * dictionary, and the report form — served by Vite straight from the
 * TypeScript sources (the `bieumau-source` condition), so no build is needed.
 */
import { startDemo } from './lib/demo-server.js';

const { url } = await startDemo(Number(process.env.PORT || 5173));
console.log(`bieumau demo: ${url}/  (Ctrl+C to stop)`);
