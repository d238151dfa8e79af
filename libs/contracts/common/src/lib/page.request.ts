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

/**
 * The position `page.after` names, as the `count` parts `pageOf` wrote (a list's sort key: say
 * createdAt and id); undefined for the first page. A cursor no page of the list gave is 400.
 */
export function pagePosition(page: PageRequest, count: number): string[] | undefined {
  if (page.after === undefined) return undefined;
  const parts = Buffer.from(page.after, 'base64url').toString().split('\n');
  if (parts.length !== count || !parts.every(Boolean)) throw new DomainError(CommonErrors.VALIDATION_FAILED, 'The request is invalid', [`after: ${AFTER_MESSAGE}`]);
  return parts;
}

/** How many items `page` asks for. A store is asked for one more, so that `pageOf` knows whether a next page exists. */
export const pageLimit = (page: PageRequest): number => page.limit ?? PAGE_LIMIT_DEFAULT;

/**
 * The page made of `found`, what a store gave for `pageLimit(page) + 1` items: the first
 * `pageLimit(page)`, and, when there was one more, the position of the last as `next` (base64url,
 * opaque to clients, so its form may change).
 */
export function pageOf<T>(found: T[], page: PageRequest, position: (last: T) => string[]): Page<T> {
  const items = found.slice(0, pageLimit(page));
  const last = items[items.length - 1];
  return { items, next: found.length > items.length && last ? Buffer.from(position(last).join('\n')).toString('base64url') : null };
}
