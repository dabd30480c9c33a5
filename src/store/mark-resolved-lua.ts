/**
 * Marks an incident resolved, only if the record still exists.
 *
 * KEYS: 1 record hash
 * ARGV: 1 resolvedAt
 * Returns: 1 when marked, 0 when the record is gone
 */
export const MARK_RESOLVED_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'resolvedAt', ARGV[1])
return 1
`;
