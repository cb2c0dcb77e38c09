// Global IDs are base64 of `Type:uuid` (Relay). Decoding checks the type, so the id of one
// kind of object can never be used to address another.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { LupaValidationError } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeId(globalId: string, expectedType: string, path = 'id'): string {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw new LupaValidationError([{ path, message: `is not a valid ${expectedType} id` }]);
  }
  if (decoded.typename !== expectedType || !UUID.test(decoded.id)) {
    throw new LupaValidationError([{ path, message: `is not a valid ${expectedType} id` }]);
  }
  return decoded.id;
}

export function encodeId(type: string, id: string): string {
  return encodeGlobalID(type, id);
}
