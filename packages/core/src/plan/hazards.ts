import type { Change, ChangeKind, ChangeOf } from '../change.js';
import { hazard } from '../hazard.js';
import type { Hazard } from '../hazard.js';
import type { Column, QualifiedName } from '../model.js';
import { displayName } from '../names.js';
import { DATA_HAZARDS } from '../data/data-hazards.js';

const INT_BITS: Record<string, number> = {
  tinyint: 8, int1: 8, smallint: 16, int2: 16, smallserial: 16, mediumint: 24, int3: 24,
  int: 32, integer: 32, int4: 32, serial: 32, bigint: 64, int8: 64, bigserial: 64,
};

interface ParsedType {
  readonly base: string;
  readonly args: readonly number[];
  readonly unsigned: boolean;
}

function parseType(type: string): ParsedType {
  const lower = type.toLowerCase().trim();
  const unsigned = /\bunsigned\b/.test(lower);
  const m = /^([a-z0-9_ ]+?)\s*(?:\(([^)]*)\))?(\s|\[|$)/.exec(lower.replace(/\bunsigned\b|\bzerofill\b/g, '').trim());
  const base = (m?.[1] ?? lower).trim();
  const args = (m?.[2] ?? '').split(',').map((s) => Number.parseInt(s.trim(), 10)).filter((x) => !Number.isNaN(x));
  return { base, args, unsigned };
}

const TEXTUAL = /^(character varying|varchar|nvarchar|character|char|nchar|text|tinytext|mediumtext|longtext|string|clob|bpchar)$/;
const TEXT_CAPACITY: Record<string, number> = { tinytext: 255, text: 65535, mediumtext: 16777215, longtext: 4294967295, clob: Infinity, string: Infinity };

function textCapacity(p: ParsedType, dialect: string): number {
  if (p.base === 'text') return dialect === 'mysql' ? 65535 : Infinity;
  if (p.base in TEXT_CAPACITY) return TEXT_CAPACITY[p.base] as number;
  const n = p.args[0];
  if (n === undefined) return p.base === 'character' || p.base === 'char' || p.base === 'bpchar' ? 1 : Infinity;
  return n;
}

/** The values of a MySQL inline ENUM(…) or SET(…) type, as written (quotes included). */
function inlineValues(type: string): { readonly kind: string; readonly values: readonly string[] } | undefined {
  const m = /^(enum|set)\s*\((.*)\)$/is.exec(type.trim());
  if (!m) return undefined;
  const values = (m[2] as string).match(/'(?:[^'\\]|''|\\.)*'/g) ?? [];
  return { kind: (m[1] as string).toLowerCase(), values };
}

/** True when every value of `from` fits `to` unchanged (widening). Unknown pairs count as lossy. */
export function isWideningTypeChange(from: Column, to: Column, dialect: string): boolean {
  if (from.type === to.type) return true;
  const fromValues = inlineValues(from.type);
  const toValues = inlineValues(to.type);
  if (fromValues !== undefined && toValues !== undefined) return fromValues.kind === toValues.kind && fromValues.values.every((v) => toValues.values.includes(v));
  const a = parseType(from.type);
  const b = parseType(to.type);
  const aInt = INT_BITS[a.base];
  const bInt = INT_BITS[b.base];
  if (aInt !== undefined && bInt !== undefined) {
    if (a.unsigned && !b.unsigned) return bInt > aInt;
    if (!a.unsigned && b.unsigned) return false;
    return bInt >= aInt;
  }
  if (aInt !== undefined && (b.base === 'numeric' || b.base === 'decimal')) {
    const [p = 1000, s = 0] = b.args;
    const digits = Math.ceil(aInt * Math.log10(2));
    return p - s >= digits;
  }
  if ((a.base === 'numeric' || a.base === 'decimal') && (b.base === 'numeric' || b.base === 'decimal')) {
    if (b.args.length === 0 && dialect === 'postgres') return true;
    const [pa = 10, sa = 0] = a.args;
    const [pb = 10, sb = 0] = b.args;
    return sb >= sa && pb - sb >= pa - sa;
  }
  if ((a.base === 'real' || a.base === 'float4' || a.base === 'float') && /^(double precision|double|float8)$/.test(b.base)) return true;
  if (TEXTUAL.test(a.base) && TEXTUAL.test(b.base)) return textCapacity(b, dialect) >= textCapacity(a, dialect);
  if ((aInt !== undefined || a.base === 'numeric' || a.base === 'decimal' || a.base === 'boolean') && TEXTUAL.test(b.base)) {
    return textCapacity(b, dialect) >= 40;
  }
  if (/^(timestamp|datetime|time)/.test(a.base) && a.base === b.base) return (b.args[0] ?? 6) >= (a.args[0] ?? 6);
  if (/^(varbinary|binary|bytea|blob|tinyblob|mediumblob|longblob)$/.test(a.base) && /^(bytea|blob|longblob|mediumblob)$/.test(b.base)) return true;
  return false;
}

type HazardsOf = { readonly [K in ChangeKind]?: (change: ChangeOf<K>, dialect: string) => Hazard[] };

const mayFail = (what: string, table: QualifiedName): Hazard =>
  hazard('MAY_FAIL_ON_DATA', `${what} on ${displayName(table)} fails if existing rows violate it`);

function columnHazards(table: QualifiedName, from: Column, to: Column, dialect: string): Hazard[] {
  const hazards: Hazard[] = [];
  const where = `${displayName(table)}.${to.name}`;
  if (from.type !== to.type && !isWideningTypeChange(from, to, dialect)) {
    hazards.push(hazard('LOSSY_TYPE_CHANGE', `changing ${where} from ${from.type} to ${to.type} may lose or reject data`));
  }
  if (from.nullable && !to.nullable) hazards.push(hazard('MAY_FAIL_ON_DATA', `SET NOT NULL on ${where} fails if any row is NULL`));
  return hazards;
}

const GENERIC: HazardsOf = {
  dropTable: (c) => [hazard('DELETES_DATA', `drops table ${displayName(c.table)} and all its rows`)],
  dropColumn: (c) => (c.column.generated ? [] : [hazard('DELETES_DATA', `drops column ${displayName(c.table)}.${c.column.name} and its values`)]),
  alterColumn: (c, dialect) => columnHazards(c.table, c.from, c.to, dialect),
  addColumn: (c) =>
    !c.column.nullable && c.column.default === undefined && !c.column.identity && !c.column.generated && !c.column.autoIncrement
      ? [hazard('MAY_FAIL_ON_DATA', `adding NOT NULL column ${displayName(c.table)}.${c.column.name} without a default fails on a non-empty table`)]
      : [],
  rebuildTable: (c, dialect) => {
    const hazards: Hazard[] = [hazard('REWRITES_TABLE', `rebuilds ${displayName(c.to)} by copying its rows into a new table`)];
    const kept = new Set(Object.keys(c.columnMap));
    const dropped = c.from.columns.filter((col) => !kept.has(col.name) && !col.generated);
    if (dropped.length > 0) {
      hazards.push(hazard('DELETES_DATA', `drops column${dropped.length > 1 ? 's' : ''} ${dropped.map((col) => col.name).join(', ')} of ${displayName(c.from)}`));
    }
    for (const [oldName, newName] of Object.entries(c.columnMap)) {
      const from = c.from.columns.find((col) => col.name === oldName);
      const to = c.to.columns.find((col) => col.name === newName);
      if (from && to) hazards.push(...columnHazards(c.to, from, to, dialect));
    }
    return hazards;
  },
  addPrimaryKey: (c) => [mayFail('PRIMARY KEY', c.table)],
  addUnique: (c) => [mayFail('UNIQUE', c.table)],
  addCheck: (c) => (c.check.notValid ? [] : [mayFail('CHECK', c.table)]),
  addForeignKey: (c) => (c.foreignKey.notValid ? [] : [mayFail('FOREIGN KEY', c.table)]),
  addExclusion: (c) => [mayFail('EXCLUDE constraint', c.table)],
  createIndex: (c) => (c.index.unique ? [mayFail('UNIQUE index', c.owner)] : []),
  alterEnum: (c) =>
    c.from.values.every((v) => c.to.values.includes(v))
      ? []
      : [hazard('MAY_FAIL_ON_DATA', `removing values from enum ${displayName(c.to)} fails if rows still use them`)],
  alterDomain: (c) => (c.to.notNull && !c.from.notNull ? [hazard('MAY_FAIL_ON_DATA', `NOT NULL on domain ${displayName(c.to)} fails if any value is NULL`)] : []),
  ...DATA_HAZARDS,
};

/** Hazards that follow from the change itself, whatever the dialect. */
export function genericHazards(change: Change, dialect: string): Hazard[] {
  const handler = GENERIC[change.kind] as ((c: Change, d: string) => Hazard[]) | undefined;
  return handler ? handler(change, dialect) : [];
}
