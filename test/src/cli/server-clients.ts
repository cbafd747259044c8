import type { DialectName } from '@deepdiff/core';
import { runClient } from './run-cli.js';

// The engines' own command-line clients, pointed at the test servers: they create the test
// databases and run plans exactly as deepdiff prints them.

export type ServerDialect = Exclude<DialectName, 'sqlite'>;

export const CLIENT_COMMAND: Record<ServerDialect, string> = { postgres: 'psql', mysql: 'mariadb' };

/** The server URL with another database (and optionally other credentials). */
export function urlWith(base: string, database: string, credentials?: { user: string; password: string }): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  if (credentials) {
    url.username = credentials.user;
    url.password = credentials.password;
  }
  return url.toString();
}

function clientArgs(dialect: ServerDialect, url: string): string[] {
  if (dialect === 'postgres') return ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url];
  const u = new URL(url);
  const args = ['-h', u.hostname, '-P', u.port || '3306', '-u', decodeURIComponent(u.username) || 'root'];
  if (u.password !== '') args.push(`-p${decodeURIComponent(u.password)}`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (database !== '') args.push(database);
  return args;
}

/** Runs a script on the database named by `url` with psql or mariadb. */
export function runSql(dialect: ServerDialect, url: string, sql: string): { code: number | null; stdout: string; stderr: string } {
  return runClient(CLIENT_COMMAND[dialect], clientArgs(dialect, url), sql);
}

export function createDatabase(dialect: ServerDialect, serverUrl: string, name: string): string {
  const admin = urlWith(serverUrl, dialect === 'postgres' ? new URL(serverUrl).pathname.slice(1) || 'postgres' : '');
  const quoted = dialect === 'postgres' ? `"${name}"` : `\`${name}\``;
  const result = runSql(dialect, admin, `DROP DATABASE IF EXISTS ${quoted};\nCREATE DATABASE ${quoted};\n`);
  if (result.code !== 0) throw new Error(`cannot create database ${name}: ${result.stderr}`);
  return urlWith(serverUrl, name);
}

export function dropDatabase(dialect: ServerDialect, serverUrl: string, name: string): void {
  const admin = urlWith(serverUrl, dialect === 'postgres' ? new URL(serverUrl).pathname.slice(1) || 'postgres' : '');
  const quoted = dialect === 'postgres' ? `"${name}"` : `\`${name}\``;
  runSql(dialect, admin, `DROP DATABASE IF EXISTS ${quoted}${dialect === 'postgres' ? ' WITH (FORCE)' : ''};\n`);
}
