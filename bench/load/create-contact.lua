-- wrk script: POST a new voice contact to the 'load' queue on every request.
-- wrk -t2 -c64 -d20s --latency -s bench/load/create-contact.lua http://127.0.0.1:8080 -- <admin-token>
local token
function init(args)
  token = args[1]
end
local n = 0
function request()
  n = n + 1
  local body = string.format('{"channel":"voice","from":"+7912%07d","queue":"load"}', n % 10000000)
  return wrk.format("POST", "/api/v1/contacts",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
-- wrk itself prints "Non-2xx or 3xx responses: N" when any request was not answered 201.
