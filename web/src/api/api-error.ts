/**
 * A failed API call: the HTTP status (0 when no answer came back), the API's error code
 * and message, and the field details it gave. The UI words it with describeError.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${status} ${code}: ${apiMessage}`);
    this.name = 'ApiError';
  }

  /** The fields the API named as invalid, with their reasons. */
  fieldProblems(): { field: string; reason: string }[] {
    const out: { field: string; reason: string }[] = [];
    const { field, reason, fields } = this.details;
    if (typeof field === 'string') out.push({ field, reason: typeof reason === 'string' ? reason : this.apiMessage });
    if (Array.isArray(fields)) {
      for (const f of fields) {
        if (f && typeof f === 'object' && typeof f.field === 'string') {
          out.push({ field: f.field, reason: typeof f.reason === 'string' ? f.reason : 'is invalid' });
        }
      }
    }
    return out;
  }
}
