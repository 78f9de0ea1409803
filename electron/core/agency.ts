import { eq } from 'drizzle-orm';
import type { ReadDb } from '../../db/open';
import { agencies } from '../../db/schema';
import { CallFailure } from './errors';

export interface AgencyView {
  code: string;
  name: string;
  provinceCode: string;
}

/** The agency as screens show it, or null when the id is unknown. */
export function findAgency(db: ReadDb, agencyId: string): AgencyView | null {
  return db.select({ code: agencies.code, name: agencies.name, provinceCode: agencies.provinceCode }).from(agencies).where(eq(agencies.id, agencyId)).get() ?? null;
}

/** The caller's agency; its absence means a broken desk, said in Spanish. */
export function requireAgency(db: ReadDb, agencyId: string): AgencyView {
  const agency = findAgency(db, agencyId);
  if (!agency) throw new CallFailure('not_found', 'La agencia del usuario no existe en esta estación.');
  return agency;
}
