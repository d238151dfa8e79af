import { Transform } from 'class-transformer';

/** "true"/"1"/"yes" and "false"/"0"/"no"; anything else stays as is and fails @IsBoolean. */
export function ToBoolean(): PropertyDecorator {
  return Transform(({ obj, key }) => {
    const value: unknown = obj[key];
    if (typeof value !== 'string') return value;
    const v = value.trim().toLowerCase();
    if (['true', '1', 'yes'].includes(v)) return true;
    if (['false', '0', 'no'].includes(v)) return false;
    return value;
  });
}

/** "a, b,c" -> ["a", "b", "c"]; empty string -> []. */
export function ToList(): PropertyDecorator {
  return Transform(({ obj, key }) => {
    const value: unknown = obj[key];
    return typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value;
  });
}

/** "8080" -> 8080; anything that is not a whole number stays as is and fails @IsInt. */
export function ToInt(): PropertyDecorator {
  return Transform(({ obj, key }) => {
    const value: unknown = obj[key];
    return typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  });
}
