// Makes sure the tests that need a workbook "saved by a person" have LibreOffice:
// Debian's headless Calc (`libreoffice-calc-nogui`, the smallest package that
// converts to .xlsx) giving /usr/bin/libreoffice. Installs it with apt-get when
// missing and we are root; otherwise says how, and fails. Safe to run
// concurrently: apt-get's own lock serialises installs, and a second run finds
// the binary already there. Importable: `ensureLibreOffice()` returns the path.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CANDIDATES = ['/usr/bin/libreoffice', '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'];

/** The path of the LibreOffice binary, installing Debian's headless Calc when needed. */
export function ensureLibreOffice() {
  const fromEnv = process.env.LIBREOFFICE_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error('LibreOffice is missing. Install it with: sudo apt-get install -y --no-install-recommends libreoffice-calc-nogui (or set LIBREOFFICE_PATH).');
  }
  console.log('Installing Debian libreoffice-calc-nogui for the Excel tests (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], { stdio: 'inherit', env });
  try {
    apt(['update']);
  } catch (e) {
    // A stale or concurrent update is not fatal when the lists are already there.
    console.warn(`apt-get update failed (${e.message}); trying the install with the lists we have.`);
  }
  apt(['install', '-y', '--no-install-recommends', 'libreoffice-calc-nogui']);
  const installed = CANDIDATES.find((p) => existsSync(p));
  if (!installed) throw new Error(`apt-get finished but none of ${CANDIDATES.join(', ')} exists.`);
  return installed;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(ensureLibreOffice());
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
