/**
 * Checks answers against the app's own OpenAPI document: the route and status must be
 * documented, and a JSON body must match the documented schema. The API suite runs every
 * answer it receives through this, so the document and the server cannot drift apart.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ErrorBody } from '../../src/http/contract/errors.ts';

interface Operation {
  method: string;
  path: string;
  pattern: RegExp;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

export interface Answer {
  method: string;
  url: string;
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** Paths served without being in the document: the document itself and its viewer. */
const UNDOCUMENTED = [/^\/openapi\.json$/, /^\/docs(\/|$)/];

export class OpenApiCheck {
  private readonly operations: Operation[] = [];
  private readonly ajv = addFormats.default(new Ajv2020({ allErrors: true, strict: false }));
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly errorBody: ValidateFunction;

  constructor(document: { paths?: Record<string, Record<string, { responses?: Operation['responses'] }>> }) {
    for (const [path, methods] of Object.entries(document.paths ?? {})) {
      // Literal segments first, so /tournaments/ops/run-scenario wins over /tournaments/{id}.
      const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, operation] of Object.entries(methods)) {
        this.operations.push({ method: method.toUpperCase(), path, pattern, responses: operation.responses ?? {} });
      }
    }
    this.operations.sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));
    this.errorBody = this.ajv.compile(ErrorBody);
  }

  /** Throws, naming the route, status and problem, unless the answer is what the document says. */
  check(answer: Answer): void {
    const path = answer.url.split('?')[0];
    const method = answer.method.toUpperCase();
    const what = `${method} ${path} answered ${answer.statusCode}`;
    const type = String(answer.headers['content-type'] ?? '').split(';')[0].trim();
    const operation = this.operations.find((o) => o.method === method && o.pattern.test(path));
    if (!operation) {
      if (UNDOCUMENTED.some((p) => p.test(path))) return;
      // The web UI's pages (/, /t/{slug}, deep links) are HTML, not API operations.
      if (method === 'GET' && !path.startsWith('/api/') && type === 'text/html') return;
      // No such route: only the not-found and wrong-method answers are possible, in the error shape.
      if (![404, 405].includes(answer.statusCode)) throw new Error(`${what}, but the OpenAPI document has no ${method} ${path}`);
      this.validate(this.errorBody, answer.body, what);
      return;
    }
    const response = operation.responses[String(answer.statusCode)];
    if (!response) throw new Error(`${what}, a status the OpenAPI document does not list for ${method} ${operation.path}`);
    if (!response.content) {
      if (answer.body !== '') throw new Error(`${what} with a body, where the document says it has none`);
      return;
    }
    const content = response.content;
    const media = content[type];
    if (!media) throw new Error(`${what} as ${type || 'no content type'}; the document lists ${Object.keys(content).join(', ') || 'no content'}`);
    if (type !== 'application/json') return;
    if (!media.schema) throw new Error(`${what}: the document gives no schema for it`);
    const key = `${method} ${operation.path} ${answer.statusCode}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(media.schema);
      this.compiled.set(key, validate);
    }
    this.validate(validate, answer.body, `${what} (${operation.path})`);
  }

  private validate(validate: ValidateFunction, body: string, what: string): void {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      throw new Error(`${what} with a body that is not JSON: ${body.slice(0, 200)}`);
    }
    if (!validate(data)) {
      throw new Error(`${what} with a body the OpenAPI document does not allow: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}`);
    }
  }
}
