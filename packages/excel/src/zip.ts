/**
 * The archive gate: `.xlsx` files are zip archives, and exceljs inflates whole
 * entries before any size check (known to use gigabytes on 10–15 MB files).
 * {@link checkArchive} reads the central directory itself and inflates every
 * entry with a running byte cap, so a zip bomb or an oversized file is refused
 * quickly, with bounded memory, before exceljs sees it. {@link normaliseZip}
 * re-packs the archive exceljs writes with fixed timestamps, so writing is
 * deterministic (same report, same bytes).
 * @module
 */
import { Inflate, zipSync, unzipSync } from 'fflate';
import type { Zippable } from 'fflate';

/** Limits applied to an archive before it is parsed. */
export interface ArchiveLimits {
  /** Largest file accepted, in bytes (default 30 MB). */
  maxFileBytes: number;
  /** Most entries accepted (default 2,000). */
  maxEntries: number;
  /** Largest total of inflated bytes (default 150 MB). */
  maxTotalBytes: number;
  /** Largest inflated entry (default 100 MB). */
  maxEntryBytes: number;
  /** Highest compression ratio for an entry inflating to more than 1 MB (default 300). */
  maxRatio: number;
}

/** The defaults: a 20,000-row report is a few MB; these leave wide room. */
export const DEFAULT_LIMITS: ArchiveLimits = {
  maxFileBytes: 30 * 2 ** 20,
  maxEntries: 2000,
  maxTotalBytes: 150 * 2 ** 20,
  maxEntryBytes: 100 * 2 ** 20,
  maxRatio: 300,
};

/** Why an archive was refused: the keyword of the diagnostic and its params. */
export interface ArchiveProblem {
  keyword: 'excel.tooLarge' | 'excel.zipBomb' | 'excel.notAZip' | 'excel.corrupt' | 'excel.tooManyEntries';
  params: Record<string, unknown>;
}

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

class Refused extends Error {
  constructor(readonly problem: ArchiveProblem) {
    super(problem.keyword);
  }
}

function refuse(keyword: ArchiveProblem['keyword'], params: Record<string, unknown>): never {
  throw new Refused({ keyword, params });
}

/** Reads the central directory. Throws {@link Refused} on anything malformed. */
function centralDirectory(bytes: Uint8Array, limits: ArchiveLimits): ZipEntry[] {
  if (bytes.length < 22 || u32(bytes, 0) !== 0x04034b50) {
    refuse('excel.notAZip', { size: bytes.length });
  }
  // The end-of-central-directory record sits in the last 22 + 65,535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) refuse('excel.corrupt', { reason: 'noCentralDirectory' });
  const count = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) refuse('excel.corrupt', { reason: 'zip64' });
  if (count > limits.maxEntries) refuse('excel.tooManyEntries', { entries: count, limit: limits.maxEntries });
  if (cdOffset + cdSize > eocd) refuse('excel.corrupt', { reason: 'centralDirectoryOutOfRange' });
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || u32(bytes, p) !== 0x02014b50) refuse('excel.corrupt', { reason: 'badCentralDirectory', entry: i });
    const nameLen = u16(bytes, p + 28);
    const entry: ZipEntry = {
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      localOffset: u32(bytes, p + 42),
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
    };
    p += 46 + nameLen + u16(bytes, p + 30) + u16(bytes, p + 32);
    entries.push(entry);
  }
  return entries;
}

/**
 * Checks an archive before it is parsed: file size, entry count, declared
 * sizes and compression ratios, then inflates every entry with a running byte
 * cap (declared sizes can lie). Never keeps more than one 64 KB chunk of
 * inflated data, so memory stays bounded whatever the archive claims.
 * Returns the problem, or `undefined` when the archive may be parsed.
 */
export function checkArchive(bytes: Uint8Array, limits: Partial<ArchiveLimits> = {}): ArchiveProblem | undefined {
  const l: ArchiveLimits = { ...DEFAULT_LIMITS, ...limits };
  try {
    if (bytes.length > l.maxFileBytes) refuse('excel.tooLarge', { size: bytes.length, limit: l.maxFileBytes });
    const entries = centralDirectory(bytes, l);
    let declared = 0;
    for (const e of entries) {
      declared += e.size;
      if (e.size > l.maxEntryBytes || declared > l.maxTotalBytes) {
        refuse('excel.zipBomb', { entry: e.name, declared, limit: Math.min(l.maxEntryBytes, l.maxTotalBytes) });
      }
      if (e.size > 2 ** 20 && e.size / Math.max(1, e.compressedSize) > l.maxRatio) {
        refuse('excel.zipBomb', { entry: e.name, ratio: Math.round(e.size / Math.max(1, e.compressedSize)), limit: l.maxRatio });
      }
    }
    let total = 0;
    for (const e of entries) total += inflateCounting(bytes, e, l, total);
    return undefined;
  } catch (e) {
    if (e instanceof Refused) return e.problem;
    return { keyword: 'excel.corrupt', params: { reason: (e as Error).message } };
  }
}

/** Inflates one entry, counting bytes; returns the inflated size. */
function inflateCounting(bytes: Uint8Array, e: ZipEntry, l: ArchiveLimits, before: number): number {
  const h = e.localOffset;
  if (h + 30 > bytes.length || u32(bytes, h) !== 0x04034b50) refuse('excel.corrupt', { reason: 'badLocalHeader', entry: e.name });
  const start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
  const end = start + e.compressedSize;
  if (end > bytes.length) refuse('excel.corrupt', { reason: 'truncated', entry: e.name });
  if (e.method === 0) {
    if (e.compressedSize !== e.size) refuse('excel.corrupt', { reason: 'storedSizeMismatch', entry: e.name });
    return e.size;
  }
  if (e.method !== 8) refuse('excel.corrupt', { reason: 'unsupportedCompression', entry: e.name, method: e.method });
  let out = 0;
  let done = false;
  // The cap is the declared size (a liar is refused) within the global limits.
  const cap = Math.min(e.size, l.maxEntryBytes, l.maxTotalBytes - before);
  const inflater = new Inflate((chunk, final) => {
    out += chunk.length;
    if (out > cap) refuse('excel.zipBomb', { entry: e.name, inflated: out, declared: e.size });
    if (final) done = true;
  });
  const STEP = 65_536;
  for (let p = start; p < end; p += STEP) {
    const q = Math.min(end, p + STEP);
    inflater.push(bytes.subarray(p, q), q === end);
  }
  if (!done || out !== e.size) refuse('excel.corrupt', { reason: 'sizeMismatch', entry: e.name, inflated: out, declared: e.size });
  return out;
}

/**
 * The fixed timestamp of every entry we write. Zip stores local DOS time and
 * fflate reads it with local getters, so the date is built in local time: the
 * stored fields are the same in every time zone.
 */
const ZIP_TIME = new Date(1980, 0, 1, 12, 0, 0);

/**
 * Re-packs an archive with fixed entry timestamps and one compression level,
 * keeping the entry order (`[Content_Types].xml` first), so the same workbook
 * model always gives the same bytes.
 */
export function normaliseZip(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) out[name] = [data, { level: 6, mtime: ZIP_TIME }];
  return zipSync(out);
}
