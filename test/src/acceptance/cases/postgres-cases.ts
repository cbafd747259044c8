import type { RoundTripCase } from '../../support/roundtrip.js';
import { identifierCases } from '../../postgres/cases/identifier-cases.js';
import { objectCases } from '../../postgres/cases/object-cases.js';
import { tableCases } from '../../postgres/cases/table-cases.js';

export const postgresCases: readonly RoundTripCase[] = [...tableCases, ...objectCases, ...identifierCases];
