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

/** Oldest first; a newest-first list sorts by `(a, b) => comparePositions(b, a)`. */
export const comparePositions = (a: ListPosition, b: ListPosition): number => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** The position `page.after` names, as `pageOf` wrote it; undefined for the first page. A cursor no page of the list gave is 400. */
export function pagePosition(page: PageRequest): ListPosition | undefined {
  if (page.after === undefined) return undefined;
  const [createdAt, id, ...rest] = Buffer.from(page.after, 'base64url').toString().split('\n');
  if (!createdAt || !id || rest.length) throw new DomainError(CommonErrors.VALIDATION_FAILED, 'The request is invalid', [`after: ${AFTER_MESSAGE}`]);
  return { createdAt, id };
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
  return { items, next: found.length > items.length && last ? Buffer.from(`${last.createdAt}\n${last.id}`).toString('base64url') : null };
}
