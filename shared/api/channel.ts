import type { z } from 'zod';

/**
 * A channel of the API contract: a zod schema for its input (validated in the
 * main process before anything runs), the TypeScript type of its output, and
 * whether it needs an unlocked vault (a locked vault answers such channels with
 * `locked`).
 */
export interface Channel<Input extends z.ZodType, Output> {
  input: Input;
  requiresUnlocked: boolean;
  /** Phantom: carries the output type only. */
  readonly output?: Output;
}

/** `channel<Output>()(inputSchema, options)`: the output type is given, the input type inferred. */
export function channel<Output>() {
  return <Input extends z.ZodType>(input: Input, options: { requiresUnlocked: boolean }): Channel<Input, Output> => ({
    input,
    requiresUnlocked: options.requiresUnlocked,
  });
}
