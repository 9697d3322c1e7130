/**
 * CommonJS interop for the ajv modules the runtime re-exports.
 * @module
 */

/**
 * Picks a CommonJS export whichever interop the importer applies (Node gives
 * `module.exports` as `default`; bundlers may unwrap `__esModule` modules).
 */
export function pick<T>(ns: unknown, name: string): T {
  const n = ns as Record<string, unknown>;
  const direct = n[name];
  if (direct !== undefined && (name !== 'default' || typeof direct === 'function')) return direct as T;
  const d = n.default as Record<string, unknown> | undefined;
  return (name === 'default' ? d?.default ?? d : d?.[name]) as T;
}
