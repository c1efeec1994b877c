/** Non-finite numbers are data: the first one in a matrix is named, as in "W[3][2] is NaN". */
import { t } from '../i18n/index.ts';

/** The first entry of `rows` that is not a finite number, named; `vector` names it name[j] instead of name[i][j]. */
export function nonFiniteEntry(name: string, rows: ArrayLike<ArrayLike<unknown>>, vector = false): string | undefined {
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < rows[i].length; j++) {
      const v = rows[i][j];
      if (typeof v === 'number' && Number.isFinite(v)) continue;
      const where = vector ? `${name}[${j}]` : `${name}[${i}][${j}]`;
      return typeof v === 'number' ? t().isNonFinite(where, String(v)) : t().isNotNumber(where, v === null ? 'null' : typeof v);
    }
  }
  return undefined;
}
