/**
 * Records where an incident was posted, only if the record still exists (HSET alone would
 * recreate an expired hash without a TTL).
 *
 * KEYS: 1 record hash, 2 occurrence list
 * ARGV: 1 post field name, 2 post JSON
 * Returns: false when the record is gone, else { HGETALL, LRANGE of the occurrences }
 */
export const RECORD_POST_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  return false
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], 'posted', '1')
return { redis.call('HGETALL', KEYS[1]), redis.call('LRANGE', KEYS[2], 0, -1) }
`;
