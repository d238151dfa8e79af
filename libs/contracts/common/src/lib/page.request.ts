import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 100;

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
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'after must be the position a page of this list gave' })
  after?: string;
}

/** One page of a list; `next` is the position to ask the following page `after`, null on the last. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/** A position as a cursor: its parts, base64url (opaque to clients, so its form may change). */
export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(parts.join('\n')).toString('base64url');
}

/** The parts of a cursor made by encodeCursor, or undefined when it has not `count` of them. */
export function decodeCursor(cursor: string, count: number): string[] | undefined {
  const parts = Buffer.from(cursor, 'base64url').toString().split('\n');
  return parts.length === count && parts.every(Boolean) ? parts : undefined;
}
