/**
 * Route schemas compiled on a route's first use instead of at start: compiling the
 * validators (Ajv) and the response serializers (fast-json-stringify) of every route took
 * more than half of the server's start, and most routes of a given process are never called.
 * A request pays for its route's compilation once, a few milliseconds.
 */
import { SerializerSelector, type SerializerFactory } from '@fastify/fast-json-stringify-compiler';
import type { AnySchema, ErrorObject, ValidateFunction } from 'ajv';

/** What Ajv's compiled validators look like to Fastify: called with the data (and Ajv's context), errors after a failure. */
export interface LazyValidator {
  (data: unknown, context?: Parameters<ValidateFunction>[1]): boolean;
  errors?: ErrorObject[] | null;
  /** Fastify passes Ajv's data context (so a validator may coerce the root value) when this is set. */
  schemaEnv: true;
}

export function lazyValidator(ajv: { compile(schema: AnySchema): ValidateFunction }, schema: AnySchema): LazyValidator {
  let compiled: ValidateFunction | undefined;
  const validate = ((data: unknown, context?: Parameters<ValidateFunction>[1]) => {
    compiled ??= ajv.compile(schema);
    const valid = context === undefined ? compiled(data) : compiled(data, context);
    validate.errors = compiled.errors;
    return valid;
  }) as LazyValidator;
  validate.schemaEnv = true;
  return validate;
}

/** Fastify's own serializer factory (the same fast-json-stringify), each serializer built when first used. */
export function lazySerializers(): SerializerFactory {
  const build = SerializerSelector();
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    return (route) => {
      let serialize: ReturnType<typeof compile> | undefined;
      return (data) => (serialize ??= compile(route))(data);
    };
  };
}
