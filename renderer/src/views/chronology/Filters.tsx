import { useEffect, useState } from 'react';
import type { Review } from '../../../../shared/api/contract.js';
import { formatIsoUk, parseFuzzyDate } from '../../../../shared/dates/fuzzy-date.js';
import { Checkbox } from '../../components/Checkbox.js';
import { SelectField, TextField } from '../../components/Field.js';
import { useData } from '../../state/data.js';
import { type ListFilters, setFilters, useChronology } from './store.js';

/**
 * The filters above the chronology table (agency, person, tag, date range,
 * significant only, key practice episode) and the full-text search box. Each
 * filter applies as soon as it changes; typed text waits for a pause.
 */

export function hasFilters(filters: ListFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined && value !== false);
}

const TYPING_PAUSE_MS = 300;

/** Changes some filters; an empty value removes that filter. */
function change(patch: Partial<ListFilters>) {
  const next: ListFilters = { ...useChronology.getState().filters, ...patch };
  for (const key of Object.keys(next) as (keyof ListFilters)[]) {
    const value = next[key];
    if (value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0)) {
      delete next[key];
    }
  }
  setFilters(next);
}

export function Filters({
  review,
  search,
  onSearch,
}: {
  review: Review;
  search: string;
  onSearch: (query: string) => void;
}) {
  const filters = useChronology((state) => state.filters);
  const people = useData('people.list', { reviewId: review.id }).value;
  // Episodes are optional here: without them the filter is simply not offered.
  const episodes = useData('episodes.list', { reviewId: review.id }).value ?? [];
  const [tag, setTag] = useState(filters.tag ?? '');
  const [searchText, setSearchText] = useState(search);

  useEffect(() => {
    const timer = setTimeout(() => {
      const next = tag.trim() || undefined;
      if (next !== useChronology.getState().filters.tag) change({ tag: next });
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [tag]);

  useEffect(() => {
    const timer = setTimeout(() => onSearch(searchText), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [searchText, onSearch]);

  return (
    <>
      <search className="chron-search">
        <label htmlFor="chron-search">Search the chronology</label>
        <input
          id="chron-search"
          type="search"
          value={searchText}
          aria-describedby="chron-search-hint"
          onChange={(event) => setSearchText(event.target.value)}
        />
        <p className="hint" id="chron-search-hint">
          Searches the event, action, significance, source and practitioner of every entry. Put “quotes” round a phrase.
        </p>
      </search>
      <fieldset className="chron-filters">
        <legend>Filter the table</legend>
        <SelectField
          label="Agency"
          value={filters.agencyIds?.[0] ?? ''}
          onChange={(agencyId) => change({ agencyIds: agencyId ? [agencyId] : undefined })}
          options={review.agencies.map((agency) => ({ code: agency.id, label: agency.name }))}
          empty="All agencies"
        />
        <SelectField
          label="Person"
          value={filters.personIds?.[0] ?? ''}
          onChange={(personId) => change({ personIds: personId ? [personId] : undefined })}
          options={(people ?? []).map((person) => ({ code: person.id, label: `${person.name} (${person.pseudonym})` }))}
          empty="Everyone"
        />
        <TextField label="Tag" value={tag} onChange={setTag} />
        <DateFilter id="filter-from" label="From" value={filters.from} end="start" />
        <DateFilter id="filter-to" label="To" value={filters.to} end="end" />
        {episodes.length > 0 ? (
          <SelectField
            label="Key practice episode"
            value={filters.episodeId ?? ''}
            onChange={(episodeId) => change({ episodeId: episodeId || undefined })}
            options={episodes.map((episode) => ({ code: episode.id, label: episode.title }))}
            empty="Any"
          />
        ) : null}
        <Checkbox
          label="Significant events only"
          checked={filters.significantOnly ?? false}
          onChange={(checked) => change({ significantOnly: checked || undefined })}
        />
        {hasFilters(filters) ? (
          <button
            type="button"
            className="link"
            onClick={() => {
              setTag('');
              setFilters({});
            }}
          >
            Clear filters
          </button>
        ) : null}
      </fieldset>
    </>
  );
}

/**
 * A date bound typed the UK way (`12/05/2015`, `05/2015`, `May 2015`, `2015`),
 * applied when the field is left or Enter is pressed. The browser's own date
 * field is not used: it shows the operating system's order (mm/dd/yyyy here).
 */
function DateFilter({
  id,
  label,
  value,
  end,
}: {
  id: string;
  label: string;
  value: string | undefined;
  end: 'start' | 'end';
}) {
  const [text, setText] = useState(value ? formatIsoUk(value) : '');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setText(value ? formatIsoUk(value) : ''), [value]);

  function apply() {
    const trimmed = text.trim();
    if (!trimmed) {
      setError(null);
      if (value !== undefined) change({ [id === 'filter-from' ? 'from' : 'to']: undefined });
      return;
    }
    const parsed = parseFuzzyDate(trimmed);
    if (!parsed.ok) return setError(parsed.reason);
    setError(null);
    const iso = (end === 'end' ? (parsed.date.end ?? parsed.date.start) : parsed.date.start).slice(0, 10);
    if (iso !== value) change({ [id === 'filter-from' ? 'from' : 'to']: iso });
  }

  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        className="date-filter"
        value={text}
        placeholder="dd/mm/yyyy"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setText(event.target.value)}
        onBlur={apply}
        onKeyDown={(event) => {
          if (event.key === 'Enter') apply();
        }}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
