import * as z from 'zod';

/**
 * zod compiles a fast parser for each object schema with `new Function` unless told not to (its "JIT"; it also probes
 * for it with an empty `new Function("")`). Tokentier generates no code at run time (SECURITY.md), so every module
 * that builds zod schemas imports this first: schemas created after it parse by interpretation. Measured in
 * test/unit/hostileRepo.test.ts (finding 16): a whole CLI scan constructs no Function.
 */
z.config({ jitless: true });
