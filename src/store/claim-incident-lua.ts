/**
 * Atomic claim of one incident (see `IncidentStore.claim`). Every key it touches gets a TTL.
 *
 * KEYS: 1 record hash, 2 occurrence list, 3 occurrence-key set, 4 stats index (sorted set)
 * ARGV: 1 now, 2 windowMs, 3 leaseMs, 4 scope, 5 fingerprint, 6 class, 7 title, 8 occurrence at,
 *       9 occurrence JSON, 10 claim key ('' for none), 11 maxOccurrences, 12 maxTrackedKeys,
 *       13 index member, 14 maxIncidents (index size), 15 expiresAt
 * Returns: { first (0|1), HGETALL of the record, LRANGE of the occurrences }
 * Numbers are written from the strings given (never formatted by Lua, which would round them).
 */
export const CLAIM_INCIDENT_LUA = `
local h, occ, ks, idx = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local lease = tonumber(ARGV[3])
local at = tonumber(ARGV[8])
local key = ARGV[10]
local maxOcc = tonumber(ARGV[11])
local maxKeys = tonumber(ARGV[12])
local first = 0

local resolved = redis.call('HGET', h, 'resolvedAt')
if resolved and resolved ~= '' then
  redis.call('DEL', h, occ, ks)
end

if redis.call('EXISTS', h) == 0 then
  redis.call('DEL', occ, ks)
  redis.call('HSET', h, 'scope', ARGV[4], 'fingerprint', ARGV[5], 'class', ARGV[6], 'title', ARGV[7],
    'count', 1, 'firstSeen', ARGV[8], 'lastSeen', ARGV[8], 'claimedAt', ARGV[1], 'owner', key,
    'resolvedAt', '', 'expiresAt', ARGV[15], 'posted', '0')
  redis.call('PEXPIRE', h, window)
  redis.call('LPUSH', occ, ARGV[9])
  redis.call('PEXPIRE', occ, window)
  if key ~= '' then
    redis.call('SADD', ks, key)
    redis.call('PEXPIRE', ks, window)
  end
  first = 1
else
  local posted = redis.call('HGET', h, 'posted') == '1'
  local isRepeat = key ~= '' and redis.call('SISMEMBER', ks, key) == 1
  if isRepeat then
    if (not posted) and redis.call('HGET', h, 'owner') == key then
      first = 1
      redis.call('HSET', h, 'claimedAt', ARGV[1])
    end
  else
    redis.call('HINCRBY', h, 'count', 1)
    if at < tonumber(redis.call('HGET', h, 'firstSeen')) then redis.call('HSET', h, 'firstSeen', ARGV[8]) end
    if at > tonumber(redis.call('HGET', h, 'lastSeen')) then redis.call('HSET', h, 'lastSeen', ARGV[8]) end
    redis.call('LPUSH', occ, ARGV[9])
    redis.call('LTRIM', occ, 0, maxOcc - 1)
    if key ~= '' and redis.call('SCARD', ks) < maxKeys then
      redis.call('SADD', ks, key)
    end
  end
  if first == 0 and (not posted) and now - tonumber(redis.call('HGET', h, 'claimedAt')) >= lease then
    first = 1
    redis.call('HSET', h, 'owner', key, 'claimedAt', ARGV[1])
  end
  local ttl = redis.call('PTTL', h)
  if ttl < 0 then
    ttl = window
    redis.call('PEXPIRE', h, ttl)
  end
  redis.call('PEXPIRE', occ, ttl)
  redis.call('PEXPIRE', ks, ttl)
end

redis.call('ZADD', idx, redis.call('HGET', h, 'lastSeen'), ARGV[13])
redis.call('ZREMRANGEBYRANK', idx, 0, -(tonumber(ARGV[14]) + 1))
if redis.call('PTTL', idx) < window then
  redis.call('PEXPIRE', idx, window)
end

return { first, redis.call('HGETALL', h), redis.call('LRANGE', occ, 0, -1) }
`;
