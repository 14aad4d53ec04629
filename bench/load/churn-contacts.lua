-- wrk script: contacts that come and go. Every request either abandons a contact this thread created earlier (when
-- one is pending) or creates a new voice contact in the 'load' queue, so that the journal grows (one entry per
-- request) while the number of live contacts stays where it was.
-- wrk -t2 -c64 -d60s -s bench/load/churn-contacts.lua http://127.0.0.1:8080 -- <admin-token>
local token
local pending = {}
local first, last = 1, 0
local n = 0
function init(args)
  token = args[1]
end
function request()
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  if first <= last then
    local id = pending[first]
    pending[first] = nil
    first = first + 1
    return wrk.format("POST", "/api/v1/contacts/" .. id .. "/abandon", headers, '{"reason":"hung up"}')
  end
  n = n + 1
  local body = string.format('{"channel":"voice","from":"+7913%07d","queue":"load"}', n % 10000000)
  return wrk.format("POST", "/api/v1/contacts", headers, body)
end
function response(status, headers, body)
  if status == 201 then
    local id = body:match('"id":"([0-9a-f%-]+)"')
    if id then
      last = last + 1
      pending[last] = id
    end
  end
end
-- wrk itself prints "Non-2xx or 3xx responses: N" when any request was not answered 2xx.
