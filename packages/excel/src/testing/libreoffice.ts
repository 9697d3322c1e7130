/**
 * Test support: re-save a workbook with Debian's LibreOffice, the way a
 * person using LibreOffice Calc would hand it back.
 * @module
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from './definitions.js';

/** Installs LibreOffice when missing (scripts/ensure-libreoffice.mjs) and returns its path. */
export async function ensureLibreOffice(): Promise<string> {
  const mod = (await import(pathToFileURL(join(REPO, 'scripts/ensure-libreoffice.mjs')).href)) as { ensureLibreOffice(): string };
  return mod.ensureLibreOffice();
}

/** `libreoffice --headless --convert-to xlsx` on the bytes; returns the bytes LibreOffice wrote. */
export async function resaveWithLibreOffice(binary: string, bytes: Uint8Array): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'bieumau-lo-'));
  try {
    const inDir = join(dir, 'in');
    const outDir = join(dir, 'out');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(inDir);
    mkdirSync(outDir);
    writeFileSync(join(inDir, 'report.xlsx'), bytes);
    // A private profile per run: LibreOffice refuses to start twice on one profile.
    const profile = pathToFileURL(join(dir, 'profile')).href;
    await new Promise<void>((resolve, reject) => {
      execFile(
        binary,
        [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, join(inDir, 'report.xlsx')],
        { timeout: 180_000, env: { ...process.env, HOME: dir } },
        (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stdout}\n${stderr}`)) : resolve()),
      );
    });
    return new Uint8Array(readFileSync(join(outDir, 'report.xlsx')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
