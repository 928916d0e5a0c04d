import type { Command } from 'commander';

/** `casebook chronology ...` commands. */
export function registerChronologyCommands(_program: Command): void {}
