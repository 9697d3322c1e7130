// `npm start`: the demo portal on http://127.0.0.1:5173 — every published
// definition with its field dictionary, and the report form. Served by Vite
// straight from the TypeScript sources (the `bieumau-source` condition), so
// no build is needed first.
import { createServer, defaultClientConditions } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../demo', import.meta.url));
const port = Number(process.env.PORT || 5173);
const server = await createServer({
  configFile: false,
  root,
  resolve: { conditions: ['bieumau-source', ...defaultClientConditions] },
  server: { host: process.env.HOST || '127.0.0.1', port, strictPort: false },
  logLevel: 'info',
});
await server.listen();
server.printUrls();
console.log('bieumau demo: Ctrl+C to stop.');
