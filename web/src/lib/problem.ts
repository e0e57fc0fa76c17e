/** RFC 9457 problems from the API, and their `errors[]` mapped onto a form's fields. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { path: string; message: string }[];
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).status === 'number';
}

/**
 * The form field a problem's error path names: a JSON pointer into the body (`/title`, `/genres/2`,
 * `/address/city`) or a query parameter (`filter`). Nested objects give dotted names (`address.city`); an array's
 * index is kept when the form has a field for it (`items.0`), else the array itself is named (`genres`).
 */
export function fieldOf(path: string, fields: readonly string[]): string | undefined {
  const parts = path
    .replace(/^\//, '')
    .split('/')
    .filter((part) => part !== '')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  for (let length = parts.length; length > 0; length--) {
    const name = parts.slice(0, length).join('.');
    if (fields.includes(name)) return name;
  }
  return undefined;
}

export interface MappedErrors {
  /** Messages by field name. */
  fields: Record<string, string>;
  /** What no field of the form shows: the problem's detail, and errors about other paths. */
  general: string[];
}

/** Puts each error of a problem beside its field; the rest (and a detail with no field error) is general. */
export function mapProblem(problem: Problem, fields: readonly string[]): MappedErrors {
  const mapped: MappedErrors = { fields: {}, general: [] };
  for (const error of problem.errors ?? []) {
    const field = fieldOf(error.path, fields);
    if (field === undefined) {
      mapped.general.push(error.path && error.path !== '/' ? `${error.path}: ${error.message}` : error.message);
    } else {
      mapped.fields[field] = mapped.fields[field] ? `${mapped.fields[field]}; ${error.message}` : error.message;
    }
  }
  if (Object.keys(mapped.fields).length === 0 && mapped.general.length === 0) {
    mapped.general.push(problem.detail ?? problem.title ?? `Error ${problem.status}`);
  }
  return mapped;
}
