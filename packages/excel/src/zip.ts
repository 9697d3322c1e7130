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
  return inspectArchive(bytes, limits).problem;
}

/** What {@link inspectArchive} found: a problem, or the size of the largest worksheet. */
export interface ArchiveReport {
  problem?: ArchiveProblem;
  /** Inflated size of the largest `xl/worksheets/*.xml` entry (chooses streaming). */
  largestSheet: number;
  /** The inflated entries in archive order, when asked for (`keep`) and accepted. */
  files?: [string, Uint8Array][];
}

/**
 * {@link checkArchive}, also telling the inflated size of the largest
 * worksheet. `keep` asks for the inflated entries — or decides from the
 * declared size of the largest worksheet (a declared size that lies is
 * refused anyway), so a caller that needs them only for large sheets does
 * not pay for keeping small ones.
 */
export function inspectArchive(bytes: Uint8Array, limits: Partial<ArchiveLimits> = {}, keep: boolean | ((largestDeclaredSheet: number) => boolean) = false): ArchiveReport {
  const l: ArchiveLimits = { ...DEFAULT_LIMITS, ...limits };
  let largestSheet = 0;
  let files: [string, Uint8Array][] | undefined;
  try {
    if (bytes.length > l.maxFileBytes) refuse('excel.tooLarge', { size: bytes.length, limit: l.maxFileBytes });
    const entries = centralDirectory(bytes, l);
    // Kept entries are bounded by the same caps as the check itself. Declared
    // sizes may decide (an entry whose size lies is refused below anyway).
    const declaredSheet = Math.max(0, ...entries.filter((e) => SHEET.test(e.name)).map((e) => e.size));
    if (typeof keep === 'function' ? keep(declaredSheet) : keep) files = [];
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
    for (const e of entries) {
      const kept: { data?: Uint8Array } | undefined = files ? {} : undefined;
      const n = inflateCounting(bytes, e, l, total, kept);
      total += n;
      if (SHEET.test(e.name)) largestSheet = Math.max(largestSheet, n);
      if (files && !e.name.endsWith('/')) files.push([e.name, kept?.data ?? new Uint8Array(0)]);
    }
    return files ? { largestSheet, files } : { largestSheet };
  } catch (e) {
    if (e instanceof Refused) return { problem: e.problem, largestSheet };
    return { problem: { keyword: 'excel.corrupt', params: { reason: String((e as Error)?.message ?? e) } }, largestSheet };
  }
}

const SHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/** Inflates one entry, counting bytes; returns the inflated size. */
function inflateCounting(bytes: Uint8Array, e: ZipEntry, l: ArchiveLimits, before: number, keep?: { data?: Uint8Array }): number {
  const h = e.localOffset;
  if (h + 30 > bytes.length || u32(bytes, h) !== 0x04034b50) refuse('excel.corrupt', { reason: 'badLocalHeader', entry: e.name });
  const start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
  const end = start + e.compressedSize;
  if (end > bytes.length) refuse('excel.corrupt', { reason: 'truncated', entry: e.name });
  if (e.method === 0) {
    if (e.compressedSize !== e.size) refuse('excel.corrupt', { reason: 'storedSizeMismatch', entry: e.name });
    if (keep) keep.data = bytes.subarray(start, end);
    return e.size;
  }
  if (e.method !== 8) refuse('excel.corrupt', { reason: 'unsupportedCompression', entry: e.name, method: e.method });
  let out = 0;
  let done = false;
  // The cap is the declared size (a liar is refused) within the global limits.
  const cap = Math.min(e.size, l.maxEntryBytes, l.maxTotalBytes - before);
  // Kept output goes straight into one buffer of the declared size (within
  // the caps, which were checked before any inflating): no list of chunks to
  // join afterwards. A liar's untouched pages cost no resident memory.
  const into = keep ? new Uint8Array(cap) : undefined;
  const inflater = new Inflate((chunk, final) => {
    if (out + chunk.length > cap) refuse('excel.zipBomb', { entry: e.name, inflated: out + chunk.length, declared: e.size });
    into?.set(chunk, out);
    out += chunk.length;
    if (final) done = true;
  });
  // Small input steps bound each output chunk (deflate expands at most ~1,032:1): about 8 MB.
  const STEP = 8192;
  for (let p = start; p < end; p += STEP) {
    const q = Math.min(end, p + STEP);
    inflater.push(bytes.subarray(p, q), q === end);
  }
  if (!done || out !== e.size) refuse('excel.corrupt', { reason: 'sizeMismatch', entry: e.name, inflated: out, declared: e.size });
  if (keep && into) keep.data = into;
  return out;
}

/**
 * The fixed timestamp of every entry we write. Zip stores local DOS time and
 * fflate reads it with local getters, so the date is built in local time: the
 * stored fields are the same in every time zone.
 */
/** Parts a streaming reader needs before the sheets, in this order. */
export const FIRST = ['[Content_Types].xml', '_rels/.rels', 'docProps/app.xml', 'docProps/core.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml'];

/** Entry names with {@link FIRST} first, the others in their order. */
export function partsInStreamOrder(names: string[]): string[] {
  const rank = (name: string) => (FIRST.includes(name) ? FIRST.indexOf(name) : FIRST.length);
  return [...names].sort((a, b) => rank(a) - rank(b));
}

const zipTime = () => new Date(1980, 0, 1, 12, 0, 0);

/**
 * Re-packs an archive with fixed entry timestamps and one compression level,
 * keeping the entry order (`[Content_Types].xml` first), so the same workbook
 * model always gives the same bytes.
 */
export function normaliseZip(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const out: Zippable = {};
  // Built per call: the local time zone may change while a process runs.
  const mtime = zipTime();
  // The parts a streaming reader needs before the sheets come first; the
  // rest keep exceljs's order.
  const names = partsInStreamOrder(Object.keys(files));
  for (const name of names) out[name] = [files[name]!, { level: 6, mtime }];
  return zipSync(out);
}

/**
 * Prepares an archive for exceljs's streaming parser. It decodes every chunk
 * of an entry separately, so a multi-byte UTF-8 character split between two
 * chunks turns into U+FFFD — Vietnamese text is full of them, and a long
 * shared-strings part always has some boundary inside one. Re-encoding the
 * XML parts as ASCII, with character references for the rest, makes chunk
 * boundaries harmless (the XML parser resolves a reference split across
 * chunks itself). Parts go in the order a streaming reader needs
 * (worksheets smallest first), uncompressed, so exceljs does not inflate
 * them again. Takes the entries {@link inspectArchive} kept. (The whole
 * load decodes each part in one piece and is given the file as it is.)
 */
export function asciiXmlParts(entries: [string, Uint8Array][], ascii = true): Uint8Array {
  const files = new Map(entries);
  const out: Zippable = {};
  for (const name of readingOrder([...files.keys()], (n) => files.get(n)!.length)) {
    const data = files.get(name)!;
    const xml = ascii && /\.(xml|rels|vml)$/i.test(name);
    out[name] = [xml ? asciiXml(data) : data, { level: 0 }];
  }
  return zipSync(out);
}

/**
 * The order parts are handed to exceljs: {@link FIRST}, then the worksheets
 * smallest first — the metadata and form sheets are parsed before a large
 * table, so a streaming reader knows the form when the table comes and can
 * interpret its rows as they stream instead of keeping them — then the rest.
 */
function readingOrder(names: string[], size: (name: string) => number): string[] {
  const ordered = partsInStreamOrder(names);
  const sheets = ordered.filter((n) => SHEET.test(n)).sort((a, b) => size(a) - size(b));
  const rest = ordered.filter((n) => !SHEET.test(n));
  const at = rest.findIndex((n) => !FIRST.includes(n));
  return at < 0 ? [...rest, ...sheets] : [...rest.slice(0, at), ...sheets, ...rest.slice(at)];
}

/**
 * The code point of the multi-byte UTF-8 sequence starting at `i` and its
 * length in bytes, packed as `codePoint * 8 + length` (no object per
 * character on this per-byte path); an invalid or cut sequence is U+FFFD, 1 byte.
 */
function utf8At(data: Uint8Array, i: number): number {
  const b = data[i]!;
  let cp: number;
  let len: number;
  if (b >= 0xf0 && b < 0xf5) {
    cp = b & 0x07;
    len = 4;
  } else if (b >= 0xe0) {
    cp = b & 0x0f;
    len = 3;
  } else if (b >= 0xc2) {
    cp = b & 0x1f;
    len = 2;
  } else return 0xfffd * 8 + 1;
  if (i + len > data.length) return 0xfffd * 8 + 1;
  for (let k = 1; k < len; k++) {
    const c = data[i + k]!;
    if ((c & 0xc0) !== 0x80) return 0xfffd * 8 + 1;
    cp = (cp << 6) | (c & 0x3f);
  }
  return cp * 8 + len;
}

/** The length of `data` from `from` on once re-encoded by {@link asciiXml} (the same decoding, counting only). */
function asciiLength(data: Uint8Array, from: number): number {
  let n = 0;
  let i = from;
  while (i < data.length) {
    const b = data[i]!;
    if (b < 0x80) {
      n++;
      i++;
      continue;
    }
    const at = utf8At(data, i);
    const cp = at >>> 3;
    const len = at & 7;
    // "&#" + decimal digits + ";"
    n += 3 + (cp < 10 ? 1 : cp < 100 ? 2 : cp < 1000 ? 3 : cp < 10000 ? 4 : cp < 100000 ? 5 : cp < 1000000 ? 6 : 7);
    i += len;
  }
  return n;
}

/** UTF-8 bytes → ASCII bytes with `&#N;` for every other code point (a leading BOM dropped). */
function asciiXml(data: Uint8Array): Uint8Array {
  let i = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  let first = -1;
  for (let k = i; k < data.length; k++) {
    if (data[k]! > 0x7f) {
      first = k;
      break;
    }
  }
  if (first < 0) return i ? data.subarray(i) : data;
  // Sized exactly (a first pass counts): a generous bound would keep several
  // times a large shared-strings part alive while the archive is parsed.
  const out = new Uint8Array(first - i + asciiLength(data, first));
  let o = 0;
  out.set(data.subarray(i, first), 0);
  o = first - i;
  i = first;
  while (i < data.length) {
    const b = data[i]!;
    if (b < 0x80) {
      out[o++] = b;
      i++;
      continue;
    }
    const at = utf8At(data, i);
    const cp = at >>> 3;
    const len = at & 7;
    out[o++] = 0x26; // &
    out[o++] = 0x23; // #
    const digits = String(cp);
    for (let k = 0; k < digits.length; k++) out[o++] = digits.charCodeAt(k);
    out[o++] = 0x3b; // ;
    i += len;
  }
  return out.subarray(0, o);
}
