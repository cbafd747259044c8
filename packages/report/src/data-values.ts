import { dateText, durationText, intervalText, offsetText, timeOfDayText, timestampText } from '@deepdiff/core';
import type { CanonicalValue } from '@deepdiff/core';

// Canonical row values for people (text reports) and for machines (JSON reports). JSON keeps every
// value exact: numbers as decimal text, bytes as hex, instants as ISO 8601 UTC, JSON documents as
// their canonical text.

export type ValueJson = null | boolean | string | readonly ValueJson[];

function instant(micros: bigint): string {
  const { text, bc } = timestampText(micros, 'trim', true);
  return `${text.replace(' ', 'T')}Z${bc ? ' BC' : ''}`;
}

function date(days: number): string {
  const { text, bc } = dateText(days, true);
  return bc ? `${text} BC` : text;
}

export function valueJson(value: CanonicalValue): ValueJson {
  switch (value.kind) {
    case 'null':
      return null;
    case 'bool':
      return value.value;
    case 'number':
    case 'float':
    case 'json':
      return value.text;
    case 'text':
      return value.value;
    case 'binary':
      return `\\x${Buffer.from(value.value).toString('hex')}`;
    case 'date':
      return date(value.days);
    case 'time':
      return durationText(value.micros, 'trim');
    case 'timetz':
      return `${timeOfDayText(value.micros, 'trim')}${offsetText(value.offsetSeconds)}`;
    case 'timestamp':
      return instant(value.micros);
    case 'interval':
      return intervalText(value.months, value.days, value.micros);
    case 'set':
      return value.members;
    case 'bit':
      return value.bits;
    case 'array':
      return value.elements.map(valueJson);
    case 'infinity':
      return value.sign > 0 ? 'infinity' : '-infinity';
  }
}

/** A value on one line for a text report: text quoted, long values cut. */
export function valueDisplay(value: CanonicalValue, max = 40): string {
  let text: string;
  switch (value.kind) {
    case 'null':
      return 'NULL';
    case 'text':
      text = JSON.stringify(value.value);
      break;
    case 'json':
      text = value.text;
      break;
    case 'timestamp':
      text = instant(value.micros).replace('T', ' ').replace('Z', '');
      break;
    default: {
      const json = valueJson(value);
      text = typeof json === 'string' ? json : JSON.stringify(json);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
