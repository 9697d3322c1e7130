/**
 * The demo's Vite dev server, shared by `npm start` (scripts/start.mjs has its
 * own copy to stay a plain .mjs) and the tests that open the demo in Chromium.
 */
import { createServer, defaultClientConditions, type ViteDevServer } from 'vite';
import { fileURLToPath } from 'node:url';

export async function startDemo(port = 0, strictPort = false): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({
    configFile: false,
    root: fileURLToPath(new URL('../../demo', import.meta.url)),
    resolve: { conditions: ['bieumau-source', ...defaultClientConditions] },
    server: { host: '127.0.0.1', port, strictPort, hmr: port === 0 ? false : undefined },
    logLevel: 'silent',
    clearScreen: false,
  });
  await server.listen();
  const address = server.httpServer!.address();
  if (!address || typeof address === 'string') throw new Error('demo server has no port');
  return { server, url: `http://127.0.0.1:${address.port}` };
}
