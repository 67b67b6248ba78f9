/**
 * Request validation. Bodies are validated strictly: no type coercion, no silent removal of
 * extra fields (fastify's defaults would turn `{"tx": 1234}` into `"1234"` and drop unknown
 * fields), so a wrong type or an extra field is a 400 with its path. Path parameters and query
 * strings arrive as text, so there numbers are coerced from their text form, and nothing else.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

const strictAjv = new Ajv({ allErrors: false, coerceTypes: false, removeAdditional: false, useDefaults: false, strict: false });
const textAjv = new Ajv({ allErrors: false, coerceTypes: true, removeAdditional: false, useDefaults: false, strict: false });

export const requestValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strictAjv : textAjv;
  return ajv.compile(schema as object) as ValidateFunction;
};
