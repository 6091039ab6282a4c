import { present } from '../../src/snapshot/observed.ts';
import type { CorsRule } from '../../src/snapshot/types.ts';

/** A CORS rule as the collector normalizes it; `id` only when the rule has one. */
export const rule = (allowedOrigins: string[], allowedMethods: string[], id?: string): CorsRule => ({
  ...(id === undefined ? {} : { id }),
  allowedOrigins,
  allowedMethods,
  allowedHeaders: [],
  exposeHeaders: [],
});

/** A bucket's CORS configuration made of these rules. */
export const cors = (...rules: CorsRule[]) => present({ rules });
