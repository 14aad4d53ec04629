-- wrk script: the first page (50 records and the totals) of the month of a random line made by
-- `switchboard demo-data` (+79121000000 to +79121099999). Set TOKEN to a supervisor's or the administrator's token
-- and FROM/TO to the month (defaults: the last 30 days of 2026-12-03), e.g.
--   TOKEN=$(cat data/admin-token) wrk -t1 -c2 -d30s --latency -s bench/load/usage-pages.lua http://127.0.0.1:8080
math.randomseed(os.time())
local token = os.getenv("TOKEN")
local from = os.getenv("FROM") or "2026-11-04"
local to = os.getenv("TO") or "2026-12-03"
local lines = tonumber(os.getenv("LINES") or "100000")

request = function()
  local n = 1000000 + math.random(0, lines - 1)
  local path = "/api/v1/subscribers/%2B7912" .. n .. "/usage?from=" .. from .. "&to=" .. to .. "&limit=50"
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end
