import { describe, expect, it } from 'vitest';
import { splitStatements } from './sql-split.js';

describe('splitStatements (MySQL executable comments)', () => {
  it('keeps /*! … */ and /*M! … */ statements, which the server runs; a client directive alone is no statement', () => {
    const dump = [
      '/*M!999999\\- enable the sandbox mode */ ',
      '/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;',
      '/*!40014 SET FOREIGN_KEY_CHECKS=0 */;',
      '-- a plain comment',
      'CREATE TABLE t (a int) /*M!100301 COMMENT "x" */;',
      '/* not run */;',
    ].join('\n');
    expect(splitStatements(dump, 'mysql')).toEqual([
      '/*M!999999\\- enable the sandbox mode */ \n/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */',
      '/*!40014 SET FOREIGN_KEY_CHECKS=0 */',
      '-- a plain comment\nCREATE TABLE t (a int) /*M!100301 COMMENT "x" */',
    ]);
  });

  it('leaves such comments alone in other dialects', () => {
    expect(splitStatements('/*!40014 SET x=0 */; SELECT 1;', 'postgres')).toEqual(['SELECT 1']);
  });
});
