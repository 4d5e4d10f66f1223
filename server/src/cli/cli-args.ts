import { parseArgs } from 'node:util';
import type { z, ZodTypeAny } from 'zod';

/** Parses `--name value` flags with a zod schema; exits 2 with each bad flag named. */
export function parseCliArgs<S extends ZodTypeAny>(schema: S, options: Record<string, { type: 'string' | 'boolean' }>): z.infer<S> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ options, allowPositionals: false, strict: true }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  const r = schema.safeParse(values);
  if (!r.success) {
    for (const i of r.error.issues) process.stderr.write(`--${i.path.join('.')}: ${i.message}\n`);
    process.exit(2);
  }
  return r.data;
}
