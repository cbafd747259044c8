// PostgreSQL-specific hazards: what rewrites a table or holds locks while it runs. Generic hazards
// (lost data, failing on existing rows) come from core.
import { displayName, hazard, sameName } from '@deepdiff/core';
import type { Change, ChangeKind, ChangeOf, Hazard, PlanContext, QualifiedName } from '@deepdiff/core';
import { enumColumns, onlyAddsValues } from './postgres-render-objects.js';
import { generatedNeedsRecreate } from './postgres-render-tables.js';

interface ParsedType {
  readonly base: string;
  readonly args: readonly number[];
  readonly array: boolean;
}

function parseType(type: string): ParsedType {
  const array = /\[\]\s*$/.test(type);
  const bare = type.replace(/(\[\])+\s*$/, '').trim();
  const m = /^([^(]*?)\s*(?:\(([^)]*)\))?\s*(with time zone|without time zone)?$/.exec(bare);
  const base = `${(m?.[1] ?? bare).trim()}${m?.[3] ? ` ${m[3]}` : ''}`;
  const args = (m?.[2] ?? '').split(',').filter((s) => s.trim() !== '').map((s) => Number.parseInt(s, 10));
  return { base, args, array };
}

const PRECISION_TYPES = new Set(['timestamp without time zone', 'timestamp with time zone', 'time without time zone', 'time with time zone', 'interval']);
const TIMESTAMP_BASES: Readonly<Record<string, string>> = {
  timestamp: 'timestamp without time zone',
  'timestamp with time zone': 'timestamp with time zone',
  'timestamp without time zone': 'timestamp without time zone',
  time: 'time without time zone',
  'time with time zone': 'time with time zone',
  'time without time zone': 'time without time zone',
  interval: 'interval',
};

/** Whether ALTER COLUMN … TYPE from one type to the other rewrites every row (binary-compatible changes do not). */
export function typeChangeRewrites(fromType: string, toType: string): boolean {
  if (fromType === toType) return false;
  const a = parseType(fromType);
  const b = parseType(toType);
  if (a.array || b.array) return true;
  const wider = (x: number | undefined, y: number | undefined): boolean => y === undefined || (x !== undefined && y >= x);
  if (a.base === 'character varying' && (b.base === 'text' || (b.base === 'character varying' && wider(a.args[0], b.args[0])))) return false;
  if (a.base === 'text' && b.base === 'character varying' && b.args.length === 0) return false;
  if (a.base === 'numeric' && b.base === 'numeric') {
    if (b.args.length === 0) return false;
    return !(a.args.length > 0 && (a.args[1] ?? 0) === (b.args[1] ?? 0) && (b.args[0] ?? 0) >= (a.args[0] ?? 0));
  }
  if (a.base === 'bit varying' && b.base === 'bit varying' && wider(a.args[0], b.args[0])) return false;
  if (a.base === 'cidr' && b.base === 'inet') return false;
  const ta = TIMESTAMP_BASES[a.base];
  const tb = TIMESTAMP_BASES[b.base];
  if (ta !== undefined && ta === tb && PRECISION_TYPES.has(ta)) return !wider(a.args[0] ?? 6, b.args[0] ?? 6);
  return true;
}

const VOLATILE_DEFAULT = /\b(nextval|random|gen_random_uuid|uuid_generate_v[14]|clock_timestamp|timeofday|txid_current)\s*\(/i;

const existed = (ctx: PlanContext, table: QualifiedName): boolean =>
  ctx.from.tables.some((t) => sameName(t, table)) || ctx.from.views.some((v) => v.materialized && sameName(v, table));

const locks = (table: QualifiedName, what: string, note?: string): Hazard =>
  hazard('LOCKS_TABLE', `${what} blocks writes to ${displayName(table)} while it runs${note === undefined ? '' : ` (${note})`}`);

type HazardsOf = { readonly [K in ChangeKind]?: (change: ChangeOf<K>, ctx: PlanContext) => Hazard[] };

const HAZARDS: HazardsOf = {
  alterColumn: (c) => {
    const out: Hazard[] = [];
    const where = `${displayName(c.table)}.${c.to.name}`;
    if (c.aspects.includes('generated') && generatedNeedsRecreate(c.from, c.to)) {
      out.push(hazard('REWRITES_TABLE', `${where} is dropped and added again as ${c.to.generated ? 'a generated' : 'a plain'} column, rewriting ${displayName(c.table)}`));
      if (c.from.generated === undefined) out.push(hazard('DELETES_DATA', `the stored values of ${where} are replaced by its generated expression`));
      else if (c.to.generated === undefined) out.push(hazard('DELETES_DATA', `${where} is added back empty: its computed values are not kept`));
    } else if (c.aspects.includes('type')) {
      out.push(
        typeChangeRewrites(c.from.type, c.to.type)
          ? hazard('REWRITES_TABLE', `changing ${where} from ${c.from.type} to ${c.to.type} rewrites ${displayName(c.table)} under an exclusive lock`)
          : locks(c.table, `changing the type of ${where}`),
      );
    } else if (c.aspects.includes('collation')) out.push(hazard('REWRITES_TABLE', `changing the collation of ${where} rebuilds its indexes`));
    if (c.from.nullable && !c.to.nullable) out.push(locks(c.table, `SET NOT NULL on ${where}`, 'it scans every row'));
    if (c.to.identity && !c.from.identity) {
      out.push(hazard('MAY_FAIL_ON_DATA', `the new identity of ${where} starts at ${c.to.identity.start ?? 'its minimum'}: inserts fail once it reaches values already stored (RESTART it past them)`));
    }
    return out;
  },
  addColumn: (c) => {
    const col = c.column;
    const rewrite = (col.generated?.stored ?? false) || col.identity !== undefined || (col.default !== undefined && VOLATILE_DEFAULT.test(col.default));
    return rewrite ? [hazard('REWRITES_TABLE', `adding ${displayName(c.table)}.${col.name} fills every row, rewriting the table`)] : [];
  },
  createIndex: (c, ctx) => (existed(ctx, c.owner) ? [locks(c.owner, `CREATE INDEX ${c.index.name}`, 'CREATE INDEX CONCURRENTLY, outside a transaction, does not')] : []),
  addPrimaryKey: (c, ctx) => (existed(ctx, c.table) ? [locks(c.table, 'building the primary key index')] : []),
  addUnique: (c, ctx) => (existed(ctx, c.table) ? [locks(c.table, `building the index of UNIQUE ${c.unique.name ?? ''}`.trim())] : []),
  addExclusion: (c, ctx) => (existed(ctx, c.table) ? [locks(c.table, `building the index of EXCLUDE ${c.exclusion.name}`)] : []),
  addForeignKey: (c, ctx) => (existed(ctx, c.table) && !c.foreignKey.notValid ? [locks(c.table, 'validating the foreign key', 'NOT VALID, then VALIDATE CONSTRAINT, avoids this')] : []),
  addCheck: (c, ctx) => (existed(ctx, c.table) && !c.check.notValid ? [locks(c.table, 'validating the CHECK constraint', 'NOT VALID, then VALIDATE CONSTRAINT, avoids this')] : []),
  alterEnum: (c, ctx) => {
    if (onlyAddsValues(c.from.values, c.to.values)) return [];
    const columns = enumColumns(c.to, ctx);
    return [
      hazard('RECREATES_OBJECT', `enum ${displayName(c.to)} is created again to remove or reorder values`),
      ...columns.map(({ table, column }) => hazard('REWRITES_TABLE', `${displayName(table)}.${column.name} is converted to the new ${displayName(c.to)}, rewriting the table`)),
    ];
  },
  alterTable: (c) =>
    (c.from.options?.unlogged ?? false) !== (c.to.options?.unlogged ?? false)
      ? [hazard('REWRITES_TABLE', `SET ${c.to.options?.unlogged ? 'UNLOGGED' : 'LOGGED'} rewrites ${displayName(c.to)}`)]
      : [],
  alterDomain: (c) =>
    c.to.checks.some((k) => !c.from.checks.some((f) => f.name === k.name && f.expression === k.expression))
      ? [hazard('MAY_FAIL_ON_DATA', `a new CHECK on domain ${displayName(c.to)} fails if stored values violate it`)]
      : [],
};

/** Hazards PostgreSQL adds to a change, beyond the generic ones. */
export function postgresHazards(change: Change, ctx: PlanContext): Hazard[] {
  const handler = HAZARDS[change.kind] as ((c: Change, x: PlanContext) => Hazard[]) | undefined;
  return handler ? handler(change, ctx) : [];
}
