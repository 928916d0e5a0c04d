/**
 * What an audit log entry records, in the reviewer's words: "Possible duplicate
 * linked", "5 chronology entries imported", "Review edited: title, scope to".
 * The log itself keeps the internal names (entity, action, a detail of ids and
 * counts); this is the one place that turns them into a sentence, for every
 * screen and command that shows the log. An entity or action it does not know
 * still reads as words, never as a table name.
 */

export interface DescribableAuditEntry {
  entity: string;
  action: string;
  /** Ids and counts, never names (db/audit.ts). */
  detail: Record<string, unknown> | null;
}

const ENTITY_WORDS: Record<string, string> = {
  vault: 'Vault',
  settings: 'Settings',
  review: 'Review',
  person: 'Person in the review',
  chronology_entry: 'Chronology entry',
  chronology_import: 'Chronology file',
  chronology_duplicate: 'Possible duplicate',
  key_practice_episode: 'Key practice episode',
  cdop_case: 'Child death case',
  cdop_factor: 'Factor',
  cdop_agency_report: 'Agency reporting form',
  cdop_agency_report_chase: 'Chase for a reporting form',
  cdop_joint_agency_response: 'Joint Agency Response',
  cdop_review_meeting: 'Child Death Review Meeting',
  cdop_learning_point: 'Learning point',
  cdop_recommendation: 'Recommendation',
  cdop_statistics: 'Panel statistics',
};

const DUPLICATE_DECISION_WORDS: Record<string, string> = {
  link: 'linked: both entries tell one event',
  'keep-both': 'kept: two separate events',
  dismiss: 'dismissed',
  reopen: 'reopened',
};

/** `scopeFrom` -> `scope from`, `cdop_case` -> `cdop case`: internal names as words. */
export function inWords(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function count(value: unknown, one: string, many: string): string | null {
  return typeof value === 'number' ? `${value} ${value === 1 ? one : many}` : null;
}

/** A detail's list of field names (`fields`, `keys`) as words: "title, scope to". */
function listedFields(detail: Record<string, unknown> | null): string | null {
  const names = detail?.fields ?? detail?.keys;
  if (!Array.isArray(names) || names.length === 0) return null;
  return names.map((name) => inWords(String(name))).join(', ');
}

export function describeAuditEntry({ entity, action, detail }: DescribableAuditEntry): string {
  const thing = ENTITY_WORDS[entity] ?? sentence(inWords(entity));
  switch (`${entity} ${action}`) {
    case 'vault created':
      return 'Vault created';
    case 'vault unlocked':
      return 'Vault unlocked with the passphrase';
    case 'vault unlocked with recovery key':
      return 'Vault unlocked with the recovery key';
    case 'vault passphrase changed':
      return 'Passphrase changed';
    case 'vault recovery key replaced':
      return 'New recovery key made; the old one no longer opens the vault';
    case 'vault re-keyed':
      return 'Vault re-keyed: new data key, passphrase and recovery key';
    case 'settings updated': {
      const fields = listedFields(detail);
      return fields ? `Settings changed: ${fields}` : 'Settings changed';
    }
    case 'chronology_import imported': {
      const entries = count(detail?.entries, 'chronology entry', 'chronology entries') ?? 'Chronology entries';
      const skipped =
        typeof detail?.rejected === 'number' && detail.rejected > 0 ? `, ${detail.rejected} rows skipped` : '';
      return `${sentence(entries)} imported from an agency’s file${skipped}`;
    }
    case 'chronology_duplicate decided': {
      const decision = DUPLICATE_DECISION_WORDS[String(detail?.decision)];
      const entries = Array.isArray(detail?.entries) ? detail.entries.map(String) : [];
      const which = entries.length === 2 ? ` (entries ${entries[0]} and ${entries[1]})` : '';
      return decision ? `Possible duplicate${which} ${decision}` : `Possible duplicate${which} decided`;
    }
    case 'review duplicates detected':
      return `${sentence(count(detail?.flagged, 'possible duplicate', 'possible duplicates') ?? 'Possible duplicates')} found in the chronology`;
    case 'review chronology exported': {
      const how = [
        typeof detail?.format === 'string' ? detail.format.toUpperCase() : null,
        detail?.anonymised === true ? 'anonymised' : null,
        count(detail?.entries, 'entry', 'entries'),
      ].filter(Boolean);
      return `Chronology exported${how.length > 0 ? ` (${how.join(', ')})` : ''}`;
    }
    case 'review status recorded':
      return typeof detail?.status === 'string'
        ? `Review status recorded: ${inWords(detail.status)}`
        : 'Review status recorded';
    case 'cdop_case imported':
      return `${sentence(count(detail?.count, 'child death case', 'child death cases') ?? 'Child death cases')} imported`;
    case 'cdop_case category set':
      return typeof detail?.category === 'number'
        ? `Child death case: category of death set to ${detail.category}`
        : 'Child death case: category of death cleared';
    case 'cdop_statistics exported':
      return 'Panel statistics exported';
  }
  const verb = action === 'updated' ? 'edited' : inWords(action);
  const fields = listedFields(detail);
  return `${thing} ${verb}${fields ? `: ${fields}` : ''}`;
}
