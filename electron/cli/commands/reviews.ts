import type { Command } from 'commander';

/** `casebook reviews ...` commands. */
export function registerReviewsCommands(_program: Command): void {}
