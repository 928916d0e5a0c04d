import type { Command } from 'commander';

/** `casebook cdop ...` commands. */
export function registerCdopCommands(_program: Command): void {}
