import type { Command } from 'commander';
import { addPerson, listPeople } from '../../../db/people.js';
import { createReview, getReview, listReviews } from '../../../db/reviews.js';
import { personAddSchema, reviewCreateSchema } from '../../../shared/api/channels/reviews.js';
import { CasebookError } from '../../../shared/api/errors.js';
import { PERSON_ROLE_CODES, REVIEW_TYPE_CODES } from '../../../shared/reviews/index.js';
import { collect, globals, print, readVault, withVault } from '../common.js';
import { readInput, takesPersonalInput } from '../input.js';

/**
 * `casebook review create | get | list` and `casebook person add | list`. Input is checked
 * against the same schemas as the app's channels, before the vault is unlocked, so
 * a typo costs no passphrase prompt and writes nothing.
 */

const REVIEW_CREATE_USAGE = `casebook review create --input - with {"title": ..., "type": "${REVIEW_TYPE_CODES.join('|')}"} on standard input`;
const PERSON_ADD_USAGE =
  'casebook person add --review ID --input - with {"name": ..., "role": ..., "pseudonym": ...} on standard input';

export function registerReviewsCommands(program: Command): void {
  const review = program.command('review').description('create and list reviews');

  takesPersonalInput(
    review.command('create').description('create a review; prints its id').usage('--input - [--json]'),
    'casebook review create --input - --json',
    '{"title": "Child H", "type": "cspr", "agency": ["Northshire Police"]}',
  )
    .option('--title <title>', 'the review title')
    .option('--type <type>', REVIEW_TYPE_CODES.join(' | '))
    .option('--scope-from <date>', 'start of the scope period, YYYY-MM-DD')
    .option('--scope-to <date>', 'end of the scope period, YYYY-MM-DD')
    .option('--agency <name>', 'an agency involved (repeat for each; a list in --input)', collect, [])
    .option('--lead-reviewer <name>', 'a lead reviewer (repeat for each; a list in --input)', collect, [])
    .option('--aware-on <date>', 'when the partners became aware of the incident (day 0 of the deadlines), YYYY-MM-DD')
    .action(async (_options, command: Command) => {
      const { vaultPath, json } = globals(command);
      const input = await readInput(command, {
        schema: reviewCreateSchema,
        fields: {
          title: '--title',
          type: '--type',
          scopeFrom: '--scope-from',
          scopeTo: '--scope-to',
          agencies: '--agency',
          leadReviewers: '--lead-reviewer',
          awareOn: '--aware-on',
        },
        required: ['title', 'type'],
        usage: REVIEW_CREATE_USAGE,
        adjust: { type: (value) => (typeof value === 'string' ? value.toLowerCase() : value) },
      });
      const created = await withVault(vaultPath, (vault) => createReview(vault, input));
      print(json, { id: created.id }, `Created review ${created.id}`);
    });

  review
    .command('get')
    .description('show a review: its status, dates and working-day deadlines')
    .option('--review <id>', 'the review id')
    .action(async (options: { review?: string }, command: Command) => {
      const { vaultPath, json } = globals(command);
      const reviewId = options.review?.trim();
      if (!reviewId)
        throw new CasebookError('invalid_payload', 'missing --review; usage: casebook review get --review ID');
      const found = await readVault(vaultPath, (database) => getReview(database, reviewId));
      const lines = [
        `${found.id}  ${found.typeLabel}  ${found.statusLabel}${found.archived ? '  (archived)' : ''}  ${found.title}`,
        ...(found.awareOn ? [`Became aware: ${found.awareOn}`] : []),
        ...found.deadlines.map(
          (deadline) =>
            `${deadline.label}: due ${deadline.due}${deadline.done ? `, done ${deadline.done}` : ''}${deadline.warning ? `  ${deadline.warning}` : ''}`,
        ),
      ];
      print(json, found, lines.join('\n'));
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

  takesPersonalInput(
    person
      .command('add')
      .description('add a person to a review; prints their id')
      .usage('--review ID --input - [--json]'),
    'casebook person add --review ID --input - --json',
    '{"name": "Harry Smith", "role": "child", "pseudonym": "Child H"}',
  )
    .option('--review <id>', 'the review id')
    .option('--name <name>', 'their real name (kept in the vault; reports use the pseudonym)')
    .option('--role <role>', PERSON_ROLE_CODES.join(' | '))
    .option('--pseudonym <code>', 'pseudonym or role code, unique in the review: "Child H", "Mother", "GP1"')
    .option('--relationship <text>', 'e.g. Mother, Maternal grandmother, Health visitor')
    .option('--agency <name>', 'the agency a professional works for')
    .option('--notes <text>', 'notes')
    .option(
      '--also-known-as <name>',
      'another form of the name the text uses: "Tyler", "Dr Okafor" (repeat for each)',
      collect,
      [],
    )
    .option('--nhs-number <digits>', 'their NHS number (only for the leak check of anonymised output)')
    .option('--date-of-birth <date>', 'YYYY-MM-DD (only for the leak check)')
    .option('--address <text>', 'their address (only for the leak check)')
    .option('--postcode <text>', 'their postcode (only for the leak check)')
    .action(async (_options, command: Command) => {
      const { vaultPath, json } = globals(command);
      const input = await readInput(command, {
        schema: personAddSchema,
        fields: {
          reviewId: '--review',
          name: '--name',
          role: '--role',
          pseudonym: '--pseudonym',
          relationship: '--relationship',
          agency: '--agency',
          notes: '--notes',
          alsoKnownAs: '--also-known-as',
          nhsNumber: '--nhs-number',
          dateOfBirth: '--date-of-birth',
          address: '--address',
          postcode: '--postcode',
        },
        required: ['reviewId', 'name', 'role', 'pseudonym'],
        usage: PERSON_ADD_USAGE,
      });
      const added = await withVault(vaultPath, (vault) => addPerson(vault, input));
      print(json, { id: added.id }, `Added ${added.pseudonym} (${added.id})`);
    });

  person
    .command('list')
    .description('list the people in a review')
    .option('--review <id>', 'the review id')
    .action(async (options: { review?: string }, command: Command) => {
      const { vaultPath, json } = globals(command);
      const reviewId = options.review?.trim();
      if (!reviewId)
        throw new CasebookError('invalid_payload', 'missing --review; usage: casebook person list --review ID');
      const people = await readVault(vaultPath, (database) => listPeople(database, reviewId));
      const lines = people.map(
        (item) =>
          `${item.id}  ${item.pseudonym}  ${item.roleLabel}${item.relationship ? `, ${item.relationship}` : ''}`,
      );
      print(json, people, lines.length > 0 ? lines.join('\n') : 'No people in this review yet.');
    });
}
