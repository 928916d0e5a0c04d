import type { Command } from 'commander';
import type { z } from 'zod';
import { addPerson, listPeople } from '../../../db/people.js';
import { createReview, listReviews } from '../../../db/reviews.js';
import { personAddSchema, reviewCreateSchema } from '../../../shared/api/channels/reviews.js';
import { CasebookError } from '../../../shared/api/errors.js';
import { PERSON_ROLE_CODES, REVIEW_TYPE_CODES } from '../../../shared/reviews/index.js';
import { globals, print, readVault, withVault } from '../common.js';

/**
 * `casebook review create | list` and `casebook person add | list`. Input is checked
 * against the same schemas as the app's channels, before the vault is unlocked, so
 * a typo costs no passphrase prompt and writes nothing.
 */

const collect = (value: string, previous: string[]) => [...previous, value];

/** One plain line naming the option, e.g. `--type: Choose a review type: scr, cspr, ...`. */
function parseOptions<Schema extends z.ZodType>(
  schema: Schema,
  value: Record<string, unknown>,
  flags: Record<string, string>,
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues
    .map((issue) => {
      const key = String(issue.path[0] ?? '');
      return `${flags[key] ?? key}: ${issue.message}`;
    })
    .join('; ');
  throw new CasebookError('invalid_payload', message);
}

function requireOptions(options: Record<string, unknown>, flags: Record<string, string>, usage: string): void {
  const missing = Object.entries(flags)
    .filter(([key]) => options[key] === undefined)
    .map(([, flag]) => flag);
  if (missing.length > 0) throw new CasebookError('invalid_payload', `missing ${missing.join(', ')}; usage: ${usage}`);
}

const REVIEW_FLAGS = {
  title: '--title',
  type: '--type',
  scopeFrom: '--scope-from',
  scopeTo: '--scope-to',
  agencies: '--agency',
  leadReviewers: '--lead-reviewer',
};

const PERSON_FLAGS = {
  reviewId: '--review',
  name: '--name',
  role: '--role',
  pseudonym: '--pseudonym',
  relationship: '--relationship',
  agency: '--agency',
  notes: '--notes',
};

export function registerReviewsCommands(program: Command): void {
  const review = program.command('review').description('create and list reviews');

  review
    .command('create')
    .description('create a review; prints its id')
    .option('--title <title>', 'the review title')
    .option('--type <type>', REVIEW_TYPE_CODES.join(' | '))
    .option('--scope-from <date>', 'start of the scope period, YYYY-MM-DD')
    .option('--scope-to <date>', 'end of the scope period, YYYY-MM-DD')
    .option('--agency <name>', 'an agency involved (repeat for each)', collect, [])
    .option('--lead-reviewer <name>', 'a lead reviewer (repeat for each)', collect, [])
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      requireOptions(
        options,
        { title: '--title', type: '--type' },
        `casebook review create --title T --type ${REVIEW_TYPE_CODES.join('|')}`,
      );
      const input = parseOptions(
        reviewCreateSchema,
        {
          title: options.title,
          type: typeof options.type === 'string' ? options.type.toLowerCase() : options.type,
          scopeFrom: options.scopeFrom ?? null,
          scopeTo: options.scopeTo ?? null,
          agencies: options.agency,
          leadReviewers: options.leadReviewer,
        },
        REVIEW_FLAGS,
      );
      const created = await withVault(vaultPath, (vault) => createReview(vault, input));
      print(json, { id: created.id }, `Created review ${created.id}`);
    });

  review
    .command('list')
    .description('list reviews (archived ones only with --archived or --all)')
    .option('--archived', 'only archived reviews')
    .option('--all', 'active and archived reviews')
    .action(async (options: { archived?: boolean; all?: boolean }, command: Command) => {
      const { vaultPath, json } = globals(command);
      const filter = options.all ? 'include' : options.archived ? 'only' : 'exclude';
      const reviews = await readVault(vaultPath, (database) => listReviews(database, filter));
      const lines = reviews.map(
        (item) =>
          `${item.id}  ${item.typeLabel}  ${item.statusLabel}${item.archived ? '  (archived)' : ''}  ${item.title}`,
      );
      print(json, reviews, lines.length > 0 ? lines.join('\n') : 'No reviews.');
    });

  const person = program.command('person').description('add and list the people in a review');

  person
    .command('add')
    .description('add a person to a review; prints their id')
    .option('--review <id>', 'the review id')
    .option('--name <name>', 'their real name (kept in the vault; reports use the pseudonym)')
    .option('--role <role>', PERSON_ROLE_CODES.join(' | '))
    .option('--pseudonym <code>', 'pseudonym or role code, unique in the review: "Child H", "Mother", "GP1"')
    .option('--relationship <text>', 'e.g. Mother, Maternal grandmother, Health visitor')
    .option('--agency <name>', 'the agency a professional works for')
    .option('--notes <text>', 'notes')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { vaultPath, json } = globals(command);
      requireOptions(
        options,
        { review: '--review', name: '--name', role: '--role', pseudonym: '--pseudonym' },
        'casebook person add --review ID --name N --role R --pseudonym P [--relationship X] [--agency A]',
      );
      const input = parseOptions(
        personAddSchema,
        {
          reviewId: options.review,
          name: options.name,
          role: options.role,
          pseudonym: options.pseudonym,
          relationship: options.relationship ?? null,
          agency: options.agency ?? null,
          notes: options.notes ?? null,
        },
        PERSON_FLAGS,
      );
      const added = await withVault(vaultPath, (vault) => addPerson(vault, input));
      print(json, { id: added.id }, `Added ${added.pseudonym} (${added.id})`);
    });

  person
    .command('list')
    .description('list the people in a review')
    .option('--review <id>', 'the review id')
    .action(async (options: { review?: string }, command: Command) => {
      const { vaultPath, json } = globals(command);
      requireOptions(options, { review: '--review' }, 'casebook person list --review ID');
      const reviewId = String(options.review);
      const people = await readVault(vaultPath, (database) => listPeople(database, reviewId));
      const lines = people.map(
        (item) =>
          `${item.id}  ${item.pseudonym}  ${item.roleLabel}${item.relationship ? `, ${item.relationship}` : ''}`,
      );
      print(json, people, lines.length > 0 ? lines.join('\n') : 'No people in this review yet.');
    });
}
