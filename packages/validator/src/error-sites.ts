/**
 * Shorter error sites in ajv's generated code. ajv writes every error as
 * an object, then a `null` test and a push into `vErrors` — some 400 times
 * in a large form. Calling a helper instead makes the code a quarter
 * smaller, and that matters beyond bytes: V8 does not optimize a function
 * whose bytecode is over its size limit (60 KB), and a large form's root
 * function was over it. Shortened, it gets optimized and validates a
 * 2,000-row report about a third faster (`BENCHMARKS.md`). Used by the
 * precompile step and, through ajv's `code.process`, by the runtime path.
 * @module
 */

/** Index of the bracket closing the one at `start`, skipping string literals; -1 when not found. */
function closingBracket(src: string, start: number): number {
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    const ch = src[i];
    if (ch === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
    } else if (ch === '{' || ch === '[' || ch === '(') depth++;
    else if (ch === '}' || ch === ']' || ch === ')') {
      if (--depth === 0) return i;
    }
  }
  return -1;
}

/** An error object with ajv's three usual members and nothing else (path expression, keyword, params). */
const PLAIN_ERROR = /^\{instancePath(?::(.*?))?(?:,schemaPath:("[^"\\]*"))?,keyword:"(\w+)",params:(\{.*\})\}$/s;

/**
 * ajv writes every error site as
 * `const errN = {instancePath:…,keyword:"…",params:{…}};if(vErrors === null){vErrors = [errN];}else {vErrors.push(errN);}`,
 * some 400 times in a large form. Rewrites each into a call of
 * `__addError(vErrors, instancePath, keyword, params)` (`__addErrorAt`
 * with a `schemaPath` too, `__addErrorObject` when the object has other
 * members), which builds and pushes the same object: a quarter less code,
 * the same errors. A site that does not have exactly this shape is left as it is.
 */
export function shortenErrorSites(code: string): string {
  const site = /const (err\d+) = \{instancePath/g;
  let out = '';
  let last = 0;
  for (let m = site.exec(code); m; m = site.exec(code)) {
    const from = m.index + m[0].length - '{instancePath'.length;
    const to = closingBracket(code, from);
    if (to < 0) continue;
    const push = `;if(vErrors === null){vErrors = [${m[1]}];}else {vErrors.push(${m[1]});}`;
    if (!code.startsWith(push, to + 1)) continue;
    const obj = code.slice(from, to + 1);
    const plain = /propertyName:/.test(obj) ? null : PLAIN_ERROR.exec(obj);
    out += code.slice(last, m.index);
    if (!plain) out += `vErrors = __addErrorObject(vErrors,${obj});`;
    else if (plain[2] === undefined) out += `vErrors = __addError(vErrors,${plain[1] ?? 'instancePath'},"${plain[3]}",${plain[4]});`;
    else out += `vErrors = __addErrorAt(vErrors,${plain[1] ?? 'instancePath'},${plain[2]},"${plain[3]}",${plain[4]});`;
    last = to + 1 + push.length;
    site.lastIndex = last;
  }
  return out + code.slice(last);
}

/** Source of the helpers the shortened code calls, for code compiled at run time (precompiled modules import them from the runtime). */
export const ERROR_HELPERS_SOURCE =
  'const __addErrorObject = (l, e) => { if (l === null) return [e]; l.push(e); return l; };\n' +
  'const __addError = (l, instancePath, keyword, params) => __addErrorObject(l, { instancePath, keyword, params });\n' +
  'const __addErrorAt = (l, instancePath, schemaPath, keyword, params) => __addErrorObject(l, { instancePath, schemaPath, keyword, params });\n';

/** ajv's `code.process` for validators compiled at run time: shortened sites and their helpers. */
export function processGeneratedCode(code: string): string {
  const short = shortenErrorSites(code);
  return short === code ? code : ERROR_HELPERS_SOURCE + short;
}
