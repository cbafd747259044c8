import { randomBytes } from 'node:crypto';
import { DeepdiffError } from '@deepdiff/core';
import { redactUrl } from '@deepdiff/dialect';
import type { ScratchDatabase, ScratchOptions } from '@deepdiff/dialect';
import { connectMysql, withDatabase } from './mysql-connection.js';
import { q } from './mysql-sql-ddl.js';

/** A unique database name: process, time and randomness, well under MySQL's 64 characters. */
export function scratchName(): string {
  return `deepdiff_scratch_${process.pid}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

async function dropDatabase(devUrl: string, name: string): Promise<void> {
  const admin = await connectMysql(withDatabase(devUrl, undefined));
  try {
    await admin.execute(`DROP DATABASE IF EXISTS ${q(name)}`);
  } finally {
    await admin.close();
  }
}

/** A fresh utf8mb4 database on the dev server, with a read-write session; dispose() drops it. */
export async function mysqlScratch(options: ScratchOptions = {}): Promise<ScratchDatabase> {
  const devUrl = options.devUrl;
  if (devUrl === undefined) {
    throw new DeepdiffError('USAGE', 'a MySQL schema file needs a server to load it into', {
      hint: 'pass --dev-url mysql://user@host:3306/ (deepdiff creates and drops a scratch database there)',
    });
  }
  const name = scratchName();
  const admin = await connectMysql(withDatabase(devUrl, undefined));
  try {
    await admin.execute(`CREATE DATABASE ${q(name)} CHARACTER SET utf8mb4`);
  } finally {
    await admin.close();
  }
  const url = withDatabase(devUrl, name);
  let connection: Awaited<ReturnType<typeof connectMysql>>;
  try {
    connection = await connectMysql(url);
  } catch (error) {
    await dropDatabase(devUrl, name).catch(() => undefined);
    throw error;
  }
  let disposed = false;
  return {
    connection,
    url: redactUrl(url),
    async dispose() {
      if (disposed) return;
      disposed = true;
      await connection.close().catch(() => undefined);
      await dropDatabase(devUrl, name);
    },
  };
}
