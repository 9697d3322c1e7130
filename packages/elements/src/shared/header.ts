/**
 * Lays out a table's multi-level header (`bmHeaderGroups`) as rows of
 * cells with `colspan`/`rowspan`, columns kept in definition order.
 * @module
 */
import type { FieldNode, HeaderGroupNode } from '@bieumau/core';

/** One header cell. `column` is set for leaf (column) cells. */
export interface HeaderCell {
  id: string;
  label: HeaderGroupNode['label'];
  column?: FieldNode;
  colspan: number;
  rowspan: number;
  /** Ids of the group cells above a column, outermost first (for `aria-labelledby`). */
  groups: string[];
}

interface Tree {
  group?: HeaderGroupNode;
  column?: FieldNode;
  children: Tree[];
  id: string;
}

function keysOf(g: HeaderGroupNode): Set<string> {
  const out = new Set<string>();
  const rec = (x: HeaderGroupNode) => x.columns.forEach((c) => (typeof c === 'string' ? out.add(c) : rec(c)));
  rec(g);
  return out;
}

function depthOf(nodes: Tree[]): number {
  return nodes.reduce((d, n) => Math.max(d, n.group ? 1 + depthOf(n.children) : 0), 0);
}

function leaves(n: Tree): number {
  return n.group ? n.children.reduce((s, c) => s + leaves(c), 0) || 1 : 1;
}

/** The header rows of a table: one row per header level, leaves span down to the last row. */
export function headerRows(table: FieldNode): HeaderCell[][] {
  const columns = table.columns ?? [];
  let counter = 0;
  const build = (cols: FieldNode[], groups: HeaderGroupNode[]): Tree[] => {
    const sets = groups.map((g) => ({ g, keys: keysOf(g), emitted: false }));
    const out: Tree[] = [];
    for (const c of cols) {
      const s = sets.find((x) => x.keys.has(c.key));
      if (!s) out.push({ column: c, children: [], id: `h-${c.key}` });
      else if (!s.emitted) {
        s.emitted = true;
        const sub = s.g.columns.filter((x): x is HeaderGroupNode => typeof x !== 'string');
        out.push({ group: s.g, children: build(cols.filter((x) => s.keys.has(x.key)), sub), id: `g-${counter++}` });
      }
    }
    return out;
  };
  const tree = build(columns, table.headerGroups ?? []);
  const depth = depthOf(tree);
  const rows: HeaderCell[][] = Array.from({ length: depth + 1 }, () => []);
  const place = (nodes: Tree[], level: number, above: string[]) => {
    for (const n of nodes) {
      if (n.group) {
        rows[level]!.push({ id: n.id, label: n.group.label, colspan: leaves(n), rowspan: 1, groups: above });
        place(n.children, level + 1, [...above, n.id]);
      } else {
        rows[level]!.push({ id: n.id, label: n.column!.label, column: n.column!, colspan: 1, rowspan: depth + 1 - level, groups: above });
      }
    }
  };
  place(tree, 0, []);
  return rows;
}
