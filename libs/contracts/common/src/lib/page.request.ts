import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { CommonErrors } from './common-errors';
import { DomainError } from './domain.error';

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 100;
const AFTER_MESSAGE = 'after must be the position a page of this list gave';

/** "20" (a query string's) -> 20; anything else stays as is and fails @IsInt. */
const toInt = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value);

/**
 * Which page of a list: `?limit=20&after=<next of the page before>`. A list is never answered whole:
 * one grows without bound (OWASP API4, unrestricted resource consumption).
 */
export class PageRequest {
  /** Items per page, 1 to 100; 50 when absent. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT_MAX)
  limit?: number;

  /** The page after this position: the `next` the page before gave (opaque). */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: AFTER_MESSAGE })
  after?: string;
}

/** One page of a list; `next` is the position to ask the following page `after`, null on the last. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/** Where an item sits in a list: every list here is ordered by creation, then id (ties in one millisecond). */
export interface ListPosition {
  createdAt: string;
  id: string;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Oldest first, by code units (not the locale's collation): the order of `positionText`, so every
 * store agrees. A newest-first list sorts by `(a, b) => comparePositions(b, a)`.
 */
export const comparePositions = (a: ListPosition, b: ListPosition): number => byCodeUnits(a.createdAt, b.createdAt) || byCodeUnits(a.id, b.id);

/**
 * A position as text, its creation time then its id, a newline apart. Texts compare as
 * `comparePositions` orders their positions: ISO times of one width sort as text, and the newline
 * sorts below every character of an id. A page's cursor is this text (base64url); a store that
 * sorts text (a Redis sorted set) keeps it as it is.
 */
export const positionText = (position: ListPosition): string => `${position.createdAt}\n${position.id}`;

/** The position of a text `positionText` made; undefined for text of any other form. */
export function positionFromText(text: string): ListPosition | undefined {
  const [createdAt, id, ...rest] = text.split('\n');
  return createdAt && id && !rest.length ? { createdAt, id } : undefined;
}

/** The position `page.after` names, as `pageOf` wrote it; undefined for the first page. A cursor no page of the list gave is 400. */
export function pagePosition(page: PageRequest): ListPosition | undefined {
  if (page.after === undefined) return undefined;
  const position = positionFromText(Buffer.from(page.after, 'base64url').toString());
  if (!position) throw new DomainError(CommonErrors.VALIDATION_FAILED, 'The request is invalid', [`after: ${AFTER_MESSAGE}`]);
  return position;
}

/** How many items `page` asks for. A store is asked for one more, so that `pageOf` knows whether a next page exists. */
export const pageLimit = (page: PageRequest): number => page.limit ?? PAGE_LIMIT_DEFAULT;

/**
 * The page made of `found`, what a store gave for `pageLimit(page) + 1` items: the first
 * `pageLimit(page)`, and, when there was one more, the position of the last as `next` (base64url,
 * opaque to clients, so its form may change).
 */
export function pageOf<T extends ListPosition>(found: T[], page: PageRequest): Page<T> {
  const items = found.slice(0, pageLimit(page));
  const last = items[items.length - 1];
  return { items, next: found.length > items.length && last ? Buffer.from(positionText(last)).toString('base64url') : null };
}
