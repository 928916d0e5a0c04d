import './reviews.css';
import { useHash } from '../../router.js';
import { ReviewDetail } from './ReviewDetail.js';
import { ReviewForm } from './ReviewForm.js';
import { ReviewsList } from './ReviewsList.js';
import { parseReviewsPath } from './routes.js';

/** The Reviews section: the list, a new review, a review's tabs, and its edit form. */
export function Reviews() {
  const screen = parseReviewsPath(useHash());
  switch (screen.kind) {
    case 'list':
      return <ReviewsList />;
    case 'new':
      return <ReviewForm />;
    case 'edit':
      return <ReviewForm key={screen.id} id={screen.id} />;
    case 'detail':
      return <ReviewDetail key={screen.id} id={screen.id} tab={screen.tab} />;
  }
}
