/** A classification scheme kept as data: each version is one file beside this one, never edited once used. */

/** Whether a label has been checked word for word against its source. */
export type LabelStatus = 'confirmed' | 'verify';

export interface TaxonomyLabel {
  code: string;
  label: string;
  /** The document (and the part of it) the label is taken from. */
  source: string;
  status: LabelStatus;
}

export interface Taxonomy {
  /** Stored with each factor or finding, so a later version never relabels old work. */
  version: string;
  title: string;
  labels: TaxonomyLabel[];
}
