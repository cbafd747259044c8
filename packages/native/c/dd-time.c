/*
 * Dates and timestamps: a literal port of core/rows/temporal.ts (scanDate, scanTimestamp,
 * scannedToUtc) and of dateEncoder / timestampEncoder in core/rows/value-encode-time.ts.
 * The scanner keeps the TypeScript cursor behaviour exactly, quirks included (a zone that fails
 * part-way leaves the cursor where it stopped: '...10:00+' and '...10:00+05:60' scan as UTC).
 * A JS string reaches us as its UTF-8 bytes; the scanner only consumes ASCII, so byte positions
 * equal UTF-16 positions wherever it compares them.
 */
#include <math.h>
#include <string.h>
#include "dd.h"

#define SECONDS_PER_DAY 86400

typedef struct scan {
  const uint8_t *s;
  size_t n, at;
  int64_t days;
  int32_t seconds, fraction, offset;
} scan;

/* charCodeAt(i) - 48 when it is an ASCII digit, else -1 (past the end included). */
static inline int digit_at(const scan *t, size_t i) {
  if (i >= t->n) return -1;
  unsigned c = (unsigned)t->s[i] - '0';
  return c <= 9 ? (int)c : -1;
}

static inline int char_is(const scan *t, size_t i, uint8_t c) { return i < t->n && t->s[i] == c; }

static int digits(scan *t, int count) {
  int value = 0;
  for (int i = 0; i < count; i++) {
    int c = digit_at(t, t->at + (size_t)i);
    if (c < 0) return -1;
    value = value * 10 + c;
  }
  t->at += (size_t)count;
  return value;
}

static int expect(scan *t, uint8_t c) {
  if (!char_is(t, t->at, c)) return 0;
  t->at++;
  return 1;
}

static inline int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t days_from_civil(int64_t year, int month, int day) {
  int64_t y = month <= 2 ? year - 1 : year;
  int64_t era = floor_div(y, 400);
  int64_t year_of_era = y - era * 400;
  int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

static int days_in_month(int64_t year, int month) {
  if (month == 2) return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
  return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

static const int32_t FRACTION_SCALE[6] = {100000, 10000, 1000, 100, 10, 1};

/* ':SS[.ffffff]' (optional): the seconds or -1; sets fraction. */
static int seconds_and_fraction(scan *t) {
  t->fraction = 0;
  if (!expect(t, ':')) return 0;
  int seconds = digits(t, 2);
  if (seconds < 0 || seconds > 60) return -1;
  if (char_is(t, t->at, '.')) {
    t->at++;
    int32_t fraction = 0;
    size_t count = 0;
    for (int c = digit_at(t, t->at); c >= 0; c = digit_at(t, ++t->at)) {
      if (count < 6) fraction += c * FRACTION_SCALE[count];
      else if (c != 0) return -1;
      count++;
    }
    if (count == 0) return -1;
    t->fraction = fraction;
  }
  return seconds;
}

/* An optional '[:]NN' of a zone offset: its value, -1 when absent, -2 when invalid. */
static int zone_part(scan *t) {
  size_t colon = char_is(t, t->at, ':') ? 1 : 0;
  if (digit_at(t, t->at + colon) < 0) return -1;
  t->at += colon;
  int part = digits(t, 2);
  return part < 0 || part > 59 ? -2 : part;
}

static int zone(scan *t) {
  if (t->at >= t->n) return 0;
  uint8_t c = t->s[t->at];
  if (c == 'Z' || c == 'z') {
    t->at++;
    t->offset = 0;
    return 1;
  }
  if (c != '+' && c != '-') return 0;
  t->at++;
  int hours = digits(t, 2);
  if (hours < 0) return 0;
  int minutes = zone_part(t);
  int seconds = minutes < 0 ? -1 : zone_part(t);
  if (minutes < -1 || seconds < -1) return 0;
  int32_t total = hours * 3600 + (minutes > 0 ? minutes : 0) * 60 + (seconds > 0 ? seconds : 0);
  t->offset = c == '-' ? -total : total;
  return 1;
}

static int date_at(scan *t, int bc) {
  size_t start = t->at;
  int64_t written = 0;
  for (int c = digit_at(t, t->at); c >= 0; c = digit_at(t, ++t->at))
    if (t->at - start < 8) written = written * 10 + c;
  size_t count = t->at - start;
  if (count < 4 || count > 7) return 0;
  int64_t year = bc ? 1 - written : written;
  if (!expect(t, '-')) return 0;
  int month = digits(t, 2);
  if (!expect(t, '-')) return 0;
  int day = digits(t, 2);
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return 0;
  t->days = days_from_civil(year, month, day);
  return 1;
}

static int ends_bc(const scan *t) { return t->n >= 3 && memcmp(t->s + t->n - 3, " BC", 3) == 0; }

static void era(scan *t, int bc) {
  if (bc && t->n - t->at == 3) t->at += 3;
}

static int scan_date(scan *t) {
  int bc = ends_bc(t);
  if (!date_at(t, bc)) return 0;
  era(t, bc);
  return t->at == t->n;
}

static int time_of_day(scan *t) {
  int hours = digits(t, 2);
  if (hours < 0 || hours > 24 || !expect(t, ':')) return 0;
  int minutes = digits(t, 2);
  if (minutes < 0 || minutes > 59) return 0;
  int seconds = seconds_and_fraction(t);
  if (seconds < 0) return 0;
  int32_t total = (hours * 60 + minutes) * 60 + seconds;
  if (hours == 24 && (total != SECONDS_PER_DAY || t->fraction != 0)) return 0;
  t->seconds = total;
  return 1;
}

static int scan_timestamp(scan *t) {
  t->seconds = t->fraction = t->offset = 0;
  int bc = ends_bc(t);
  if (!date_at(t, bc)) return 0;
  if (t->at < t->n) {
    uint8_t sep = t->s[t->at];
    if (sep == ' ' || sep == 'T' || sep == 't') {
      size_t save = t->at;
      t->at++;
      if (!time_of_day(t)) t->at = save;
      else zone(t);
    }
  }
  era(t, bc);
  return t->at == t->n;
}

/* tag, a length byte patched by short_end (payloads here stay under 128 bytes) */
static inline size_t short_begin(dd_buf *b, uint8_t tag) {
  dd_put_u8(b, tag);
  return b->len++;
}

static inline void short_end(dd_buf *b, size_t at) { b->p[at] = (uint8_t)(b->len - at - 1); }

static int write_instant(dd_buf *b, int64_t days, int64_t seconds, int64_t micros) {
  if (dd_buf_reserve(b, 32) != DD_OK) return DD_NOMEM;
  size_t at = short_begin(b, DD_TAG_TIMESTAMP);
  dd_put_svarint(b, days);
  dd_put_uvarint(b, (uint64_t)seconds);
  dd_put_uvarint(b, (uint64_t)micros);
  short_end(b, at);
  return DD_OK;
}

static int write_date(dd_buf *b, int64_t days) {
  if (dd_buf_reserve(b, 16) != DD_OK) return DD_NOMEM;
  size_t at = short_begin(b, DD_TAG_DATE);
  dd_put_svarint(b, days);
  short_end(b, at);
  return DD_OK;
}

static int write_empty(dd_buf *b, uint8_t tag) {
  if (dd_buf_reserve(b, 2) != DD_OK) return DD_NOMEM;
  dd_put_u8(b, tag);
  dd_put_u8(b, 0);
  return DD_OK;
}

static int is_text(const dd_value *v, const char *s, size_t n) { return v->len == n && memcmp(v->bytes, s, n) == 0; }

/* value-write.ts mysqlZeroDate: /^\d{4}-(00-\d{2}|\d{2}-00)|^0000-00-00/ (the second alternative is inside the first). */
static int mysql_zero_date(const dd_column *col, const dd_value *v) {
  if (col->dialect != DD_D_MYSQL || v->len < 10) return 0;
  const uint8_t *s = v->bytes;
#define D(i) ((unsigned)s[i] - '0' <= 9)
  if (!(D(0) && D(1) && D(2) && D(3) && s[4] == '-' && s[7] == '-')) return 0;
  return (s[5] == '0' && s[6] == '0' && D(8) && D(9)) || (D(5) && D(6) && s[8] == '0' && s[9] == '0');
#undef D
}

/* A text the kind cannot read: kept as text for SQLite and MySQL zero dates, else the TypeScript raises. */
static int text_mismatch(dd_buf *b, const dd_column *col, const dd_value *v) {
  return mysql_zero_date(col, v) ? dd_put_tagged(b, DD_TAG_TEXT, v->bytes, v->len) : dd_storage_value(b, col, v);
}

/* Math.round: the closest integer, ties toward +infinity. */
static double js_round(double x) {
  if (!isfinite(x)) return x;
  double r = floor(x);
  return x - r >= 0.5 ? r + 1.0 : r;
}

typedef struct instant {
  int64_t days, seconds, micros;
} instant;

/* instantOf for a SQLite REAL (Julian day, rounded to the millisecond), in the same double operations as fromMillis. */
/* 1: `out` set; 0: not an instant (instantOf is false); -1: a case left to the TypeScript. */
static int instant_of_double(double value, instant *out) {
  if (!isfinite(value)) return 0;
  double ms = js_round(value * 86400000.0) - 210866760000000.0;
  if (!(ms == floor(ms) && fabs(ms) <= 9007199254740991.0)) return 0;
  double days = floor(ms / 86400000.0);
  double rest = ms - days * 86400000.0;
  if (!(rest >= 0.0 && rest < 86400000.0)) return -1; /* never expected; the TS would wrap a negative uvarint: leave it to the TS */
  out->days = (int64_t)days;
  out->seconds = (int64_t)floor(rest / 1000.0);
  out->micros = (int64_t)fmod(rest, 1000.0) * 1000;
  return 1;
}

/* instantOf for a SQLite INTEGER: unix seconds. */
static void instant_of_int(int64_t value, instant *out) {
  int64_t days = value / SECONDS_PER_DAY, seconds = value % SECONDS_PER_DAY;
  if (seconds < 0) {
    seconds += SECONDS_PER_DAY;
    days--;
  }
  out->days = days;
  out->seconds = seconds;
  out->micros = 0;
}


int dd_enc_date(dd_buf *b, const dd_column *col, const dd_value *v) {
  instant in;
  switch (v->kind) {
  case DD_V_TEXT: {
    scan t = {v->bytes, v->len, 0, 0, 0, 0, 0};
    if (scan_date(&t)) return write_date(b, t.days);
    if (is_text(v, "infinity", 8)) return write_empty(b, DD_TAG_DATE_PLUS_INF);
    if (is_text(v, "-infinity", 9)) return write_empty(b, DD_TAG_DATE_MINUS_INF);
    return text_mismatch(b, col, v);
  }
  case DD_V_INT64:
    if (col->dialect != DD_D_SQLITE) return DD_FALLBACK;
    instant_of_int(v->i, &in);
    return in.seconds == 0 ? write_date(b, in.days) : dd_storage_value(b, col, v);
  case DD_V_DOUBLE:
    switch (col->dialect != DD_D_SQLITE ? -1 : instant_of_double(v->d, &in)) {
    case 1: return in.seconds == 0 && in.micros == 0 ? write_date(b, in.days) : dd_storage_value(b, col, v);
    case 0: return dd_storage_value(b, col, v);
    default: return DD_FALLBACK;
    }
  default:
    return dd_storage_value(b, col, v);
  }
}

int dd_enc_timestamp(dd_buf *b, const dd_column *col, const dd_value *v) {
  instant in;
  switch (v->kind) {
  case DD_V_TEXT: {
    scan t = {v->bytes, v->len, 0, 0, 0, 0, 0};
    if (scan_timestamp(&t)) {
      int64_t seconds = (int64_t)t.seconds - t.offset, days = t.days;
      if (seconds < 0 || seconds >= SECONDS_PER_DAY) {
        int64_t shift = floor_div(seconds, SECONDS_PER_DAY);
        days += shift;
        seconds -= shift * SECONDS_PER_DAY;
      }
      return write_instant(b, days, seconds, t.fraction);
    }
    if (is_text(v, "infinity", 8)) return write_empty(b, DD_TAG_TS_PLUS_INF);
    if (is_text(v, "-infinity", 9)) return write_empty(b, DD_TAG_TS_MINUS_INF);
    return text_mismatch(b, col, v);
  }
  case DD_V_INT64:
    if (col->dialect != DD_D_SQLITE) return DD_FALLBACK;
    instant_of_int(v->i, &in);
    return write_instant(b, in.days, in.seconds, in.micros);
  case DD_V_DOUBLE:
    switch (col->dialect != DD_D_SQLITE ? -1 : instant_of_double(v->d, &in)) {
    case 1: return write_instant(b, in.days, in.seconds, in.micros);
    case 0: return dd_storage_value(b, col, v);
    default: return DD_FALLBACK;
    }
  default:
    return dd_storage_value(b, col, v);
  }
}
