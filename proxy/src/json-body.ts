/** How route modules read a schema-checked JSON body (app.ts passes its reader in). */
import type { Context } from 'hono';
import type { z } from 'zod';

export type JsonBody = <T extends z.ZodType>(c: Context, schema: T) => Promise<z.infer<T>>;
