/**
 * A static check that a `pattern` cannot backtrack catastrophically, so no
 * string a user types can hang a validator (ReDoS). It parses the pattern
 * (ECMAScript syntax, `u` flag, as ajv compiles it) and refuses the shapes
 * that make backtracking super-linear in the string's length:
 * - back-references and look-arounds (not regular, not provable here);
 * - a quantifier nested inside a repeated group, unless it repeats a fixed
 *   number of times (`(\.\d{3})*` is fine, `(a+)+` is not);
 * - a repeated group whose body can match the empty string;
 * - alternatives under a repeat that can start with the same character
 *   (`(a|ab)*`), because each repetition could then go either way.
 * It is conservative: a pattern it accepts is safe; a safe pattern it refuses
 * can always be rewritten into an accepted one.
 * @module
 */

/** Outcome of {@link checkPattern}. */
export type PatternCheck = { ok: true } | { ok: false; reason: string };

type Node =
  | { type: 'atom'; src: string }
  | { type: 'anchor' }
  | { type: 'group'; alt: Node[][] }
  | { type: 'quant'; node: Node; min: number; max: number };

class Refused extends Error {}

// Characters the first-character overlap test samples: ASCII plus a few Vietnamese, space-like and astral ones.
const SAMPLE: string[] = (() => {
  const out: string[] = [];
  for (let c = 0; c < 128; c++) out.push(String.fromCharCode(c));
  out.push('à', 'ế', 'đ', 'Đ', 'Ư', '\u00a0', '\u2028', '\u3000', '中', '\u{1F600}', '\uFFFD');
  return out;
})();

function parse(p: string): Node[][] {
  let i = 0;
  const parseAlt = (): Node[][] => {
    const alts: Node[][] = [parseSeq()];
    while (p[i] === '|') {
      i++;
      alts.push(parseSeq());
    }
    return alts;
  };
  const parseSeq = (): Node[] => {
    const items: Node[] = [];
    while (i < p.length && p[i] !== '|' && p[i] !== ')') {
      let atom = parseAtom();
      const q = parseQuant();
      if (q) {
        if (atom.type === 'anchor') throw new Refused('a quantified anchor');
        atom = { type: 'quant', node: atom, min: q.min, max: q.max };
      }
      items.push(atom);
    }
    return items;
  };
  const parseQuant = (): { min: number; max: number } | undefined => {
    const c = p[i];
    let q: { min: number; max: number } | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
      if (!m) return undefined;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      i += m[0].length - 1;
      q = { min, max };
    }
    if (!q) return undefined;
    i++;
    if (p[i] === '?') i++; // lazy: same matching power
    return q;
  };
  const parseAtom = (): Node => {
    const start = i;
    const c = p[i]!;
    if (c === '(') {
      if (p.startsWith('(?=', i) || p.startsWith('(?!', i) || p.startsWith('(?<=', i) || p.startsWith('(?<!', i)) {
        throw new Refused('a look-around');
      }
      if (p.startsWith('(?:', i)) i += 3;
      else if (p.startsWith('(?<', i)) {
        const end = p.indexOf('>', i);
        if (end < 0) throw new Refused('an unterminated group name');
        i = end + 1;
      } else i++;
      const alt = parseAlt();
      if (p[i] !== ')') throw new Refused('an unbalanced parenthesis');
      i++;
      return { type: 'group', alt };
    }
    if (c === '[') {
      i++;
      if (p[i] === '^') i++;
      if (p[i] === ']') i++;
      while (i < p.length && p[i] !== ']') i += p[i] === '\\' ? 2 : 1;
      if (i >= p.length) throw new Refused('an unterminated character class');
      i++;
      return { type: 'atom', src: p.slice(start, i) };
    }
    if (c === '\\') {
      const d = p[i + 1];
      if (d === undefined) throw new Refused('a trailing backslash');
      if (/[1-9]/.test(d) || (d === 'k' && p[i + 2] === '<')) throw new Refused('a back-reference');
      if (d === 'b' || d === 'B') {
        i += 2;
        return { type: 'anchor' };
      }
      if ((d === 'p' || d === 'P') && p[i + 2] === '{') i = p.indexOf('}', i) + 1;
      else if (d === 'u' && p[i + 2] === '{') i = p.indexOf('}', i) + 1;
      else if (d === 'u') i += 6;
      else if (d === 'x') i += 4;
      else if (d === 'c') i += 3;
      else i += 2;
      if (i <= start) throw new Refused('a malformed escape');
      return { type: 'atom', src: p.slice(start, i) };
    }
    if (c === '^' || c === '$') {
      i++;
      return { type: 'anchor' };
    }
    if (c === ')' || c === '*' || c === '+' || c === '?') throw new Refused(`an unexpected "${c}"`);
    const cp = p.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    return { type: 'atom', src: p.slice(start, i) };
  };
  const alt = parseAlt();
  if (i !== p.length) throw new Refused('an unbalanced parenthesis');
  return alt;
}

function nullable(n: Node): boolean {
  switch (n.type) {
    case 'anchor':
      return true;
    case 'atom':
      return false;
    case 'quant':
      return n.min === 0 || nullable(n.node);
    case 'group':
      return n.alt.some((seq) => seq.every(nullable));
  }
}

const matchers = new Map<string, RegExp>();
function matcher(src: string): RegExp {
  let r = matchers.get(src);
  if (!r) {
    r = new RegExp(`^(?:${src})$`, 'u');
    matchers.set(src, r);
  }
  return r;
}

/** The atoms a sequence can start with. */
function firstAtoms(seq: readonly Node[]): string[] {
  const out: string[] = [];
  for (const n of seq) {
    out.push(...firstOf(n));
    if (!nullable(n)) break;
  }
  return out;
}
function firstOf(n: Node): string[] {
  switch (n.type) {
    case 'anchor':
      return [];
    case 'atom':
      return [n.src];
    case 'quant':
      return firstOf(n.node);
    case 'group':
      return n.alt.flatMap(firstAtoms);
  }
}

function overlap(a: string[], b: string[]): string | undefined {
  for (const ch of SAMPLE) {
    if (a.some((s) => matcher(s).test(ch)) && b.some((s) => matcher(s).test(ch))) return ch;
  }
  return undefined;
}

/** A quantifier that can repeat a variable number of times more than once. */
function varies(q: { min: number; max: number }): boolean {
  return q.max > 1 && q.min !== q.max;
}

function check(nodes: readonly Node[], underRepeat: boolean): void {
  for (const n of nodes) {
    if (n.type === 'quant') {
      if (underRepeat && varies(n)) throw new Refused('a quantifier nested inside a repeated group');
      const repeats = n.max > 1;
      if (repeats && nullable(n.node)) throw new Refused('a repeated group that can match the empty string');
      if (repeats) checkAlternatives(n.node);
      if (repeats && n.node.type === 'group' && separated(n.node)) continue;
      check([n.node], underRepeat || repeats);
    } else if (n.type === 'group') {
      for (const seq of n.alt) check(seq, underRepeat);
    }
  }
}

/**
 * A repeated group whose inner repeats are all single atoms, each followed by
 * something it cannot match (the rest of its sequence, or the start of the
 * next repetition): `(/[a-z]+)+`, `(\.\d+)*`. Every character then has one
 * place to go, so backtracking stays linear despite the nesting.
 */
function separated(g: Extract<Node, { type: 'group' }>): boolean {
  const next = g.alt.flatMap(firstAtoms);
  for (const seq of g.alt) {
    for (let k = 0; k < seq.length; k++) {
      const item = seq[k]!;
      if (item.type === 'group') return false;
      if (item.type !== 'quant' || !varies(item)) continue;
      if (item.node.type !== 'atom') return false;
      const rest = seq.slice(k + 1);
      const follow = rest.every(nullable) ? [...firstAtoms(rest), ...next] : firstAtoms(rest);
      if (overlap([item.node.src], follow) !== undefined) return false;
    }
  }
  return true;
}

/**
 * Whether a pattern bounds the length of what it matches: anchored at both
 * ends (`^…$`) with no unbounded quantifier. Such a string needs no
 * `maxLength` (a month `^\d{4}-(0[1-9]|1[0-2])$`).
 */
export function boundsLength(pattern: string): boolean {
  let alt: Node[][];
  try {
    alt = parse(pattern);
  } catch {
    return false;
  }
  const unbounded = (n: Node): boolean =>
    n.type === 'quant' ? n.max === Infinity || unbounded(n.node) : n.type === 'group' ? n.alt.some((seq) => seq.some(unbounded)) : false;
  return alt.every((seq) => seq.length >= 2 && pattern.startsWith('^') && seq[0]!.type === 'anchor' && seq[seq.length - 1]!.type === 'anchor' && !seq.some(unbounded)) && pattern.endsWith('$');
}

/** Alternatives directly or indirectly under a repeat must start differently. */
function checkAlternatives(n: Node): void {
  if (n.type === 'quant') return checkAlternatives(n.node);
  if (n.type !== 'group') return;
  if (n.alt.length > 1) {
    const firsts = n.alt.map(firstAtoms);
    for (let a = 0; a < n.alt.length; a++) {
      if (n.alt[a]!.every(nullable)) throw new Refused('an empty alternative under a repeat');
      for (let b = a + 1; b < n.alt.length; b++) {
        const ch = overlap(firsts[a]!, firsts[b]!);
        if (ch !== undefined) throw new Refused(`alternatives under a repeat that can both start with ${JSON.stringify(ch)}`);
      }
    }
  }
  for (const seq of n.alt) for (const x of seq) if (x.type === 'group') checkAlternatives(x);
}

/**
 * Checks that a JSON Schema `pattern` is valid (ECMAScript, `u` flag) and
 * provably linear-time by the rules in the module comment.
 */
export function checkPattern(pattern: string): PatternCheck {
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    return { ok: false, reason: `not a valid regular expression: ${(e as Error).message}` };
  }
  try {
    const alt = parse(pattern);
    check([{ type: 'group', alt }], false);
    return { ok: true };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: `contains ${e.message}` };
    return { ok: false, reason: `cannot be analysed: ${(e as Error).message}` };
  }
}
