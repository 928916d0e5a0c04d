import { create } from 'zustand';
import type { ChannelInput, Person, Review, ReviewSummary } from '../../../shared/api/contract.js';
import { call } from '../api/client.js';
import { useSession } from './session.js';

/**
 * Reviews and the people in them, as last read from the vault. Views subscribe
 * with selectors (`useReviews((state) => state.reviews[id])`) and change things
 * only through the functions below, each of which calls the contract and stores
 * what the main process answered. Errors are thrown to the caller, which shows them
 * beside the form that caused them.
 */

export type ArchivedFilter = 'exclude' | 'only' | 'include';

interface ReviewsState {
  filter: ArchivedFilter;
  /** The list for `filter`; null until loaded. */
  list: ReviewSummary[] | null;
  reviews: Record<string, Review>;
  /** People by review id. */
  people: Record<string, Person[]>;
  /** A one-off confirmation shown by the next screen ("Review created."). */
  notice: string | null;
}

const initialState: ReviewsState = { filter: 'exclude', list: null, reviews: {}, people: {}, notice: null };

export const useReviews = create<ReviewsState>()(() => initialState);

// Nothing read from the vault stays in memory once it is locked.
useSession.subscribe((state, previous) => {
  if (previous.phase === 'unlocked' && state.phase !== 'unlocked') useReviews.setState(initialState, true);
});

function keep(review: Review): Review {
  useReviews.setState((state) => ({
    reviews: { ...state.reviews, [review.id]: review },
    // The list is re-read when it is shown; keep a loaded row in step meanwhile.
    list: state.list?.map((row) => (row.id === review.id ? summary(review) : row)) ?? null,
  }));
  return review;
}

function summary(review: Review): ReviewSummary {
  const { termsOfReference, agencies, leadReviewers, statusHistory, nextStatuses, ...rest } = review;
  return rest;
}

export function setNotice(notice: string | null): void {
  useReviews.setState({ notice });
}

export async function loadReviews(filter: ArchivedFilter = useReviews.getState().filter): Promise<void> {
  useReviews.setState({ filter });
  const list = await call('reviews.list', { archived: filter });
  // A slower answer for an earlier filter must not replace the one asked for last.
  if (useReviews.getState().filter === filter) useReviews.setState({ list });
}

export async function loadReview(id: string): Promise<Review> {
  return keep(await call('reviews.get', { id }));
}

export async function createReview(input: ChannelInput<'reviews.create'>): Promise<Review> {
  const review = keep(await call('reviews.create', input));
  useReviews.setState({ list: null });
  return review;
}

export async function updateReview(input: ChannelInput<'reviews.update'>): Promise<Review> {
  return keep(await call('reviews.update', input));
}

export async function archiveReview(id: string): Promise<Review> {
  return keep(await call('reviews.archive', { id }));
}

export async function restoreReview(id: string): Promise<Review> {
  return keep(await call('reviews.restore', { id }));
}

export async function recordStatus(input: ChannelInput<'reviews.recordStatus'>): Promise<Review> {
  return keep(await call('reviews.recordStatus', input));
}

export async function loadPeople(reviewId: string): Promise<Person[]> {
  const people = await call('people.list', { reviewId });
  useReviews.setState((state) => ({ people: { ...state.people, [reviewId]: people } }));
  return people;
}

/** After a change to people: their order comes from the vault, and a new agency joins the review's list. */
async function refreshAfterPeopleChange(reviewId: string): Promise<void> {
  await Promise.all([loadPeople(reviewId), loadReview(reviewId)]);
}

export async function addPerson(input: ChannelInput<'people.add'>): Promise<Person> {
  const person = await call('people.add', input);
  await refreshAfterPeopleChange(input.reviewId);
  return person;
}

export async function updatePerson(reviewId: string, input: ChannelInput<'people.update'>): Promise<Person> {
  const person = await call('people.update', input);
  await refreshAfterPeopleChange(reviewId);
  return person;
}

export async function removePerson(reviewId: string, id: string): Promise<void> {
  await call('people.remove', { id });
  await refreshAfterPeopleChange(reviewId);
}
